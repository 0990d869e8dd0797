import {
  FEATURE_DTYPES,
  FeatureViewInput,
  featureViewInputSchema,
} from '@ai-platform/plugin-ai-platform-common';
import { createFeatureViewExamples } from '../actions/createFeatureView.examples';
import { DatasetStorage } from '../feast/sources';
import { exampleInput } from './backend';

/**
 * The feature view of the action's documented example, as the common schema parses it (defaults
 * filled in), with `overrides`.
 */
export function testView(
  overrides: Partial<FeatureViewInput> = {},
): FeatureViewInput {
  return {
    ...featureViewInputSchema.parse(exampleInput(createFeatureViewExamples)),
    ...overrides,
  };
}

/** One feature of every common value type. */
export const everyDtype = FEATURE_DTYPES.map(dtype => ({
  name: `f_${dtype.toLocaleLowerCase('en-US')}`,
  dtype,
  description: `A ${dtype}`,
}));

/** A dataset of every storage kind the generator reads. */
export const storageOfEveryKind: Record<string, DatasetStorage> = {
  file: { format: 'parquet', location: 's3://datalake/clickstream/events/' },
  bigquery: { format: 'BigQuery', location: 'acme-prod.analytics.events' },
  snowflake: { format: 'snowflake', location: 'ANALYTICS.PUBLIC.EVENTS' },
  postgres: { format: 'postgres', location: 'analytics.events' },
  redshift: { format: 'redshift', location: 'dev.public.events' },
};

/** Strings that would end or break a literal that did not escape them. */
export const awkwardStrings = [
  'say "hi"',
  "it's",
  'back\\slash\\',
  'new\nline and\ttab\r',
  '""" triple',
  "'''",
  '\\" escaped quote',
  '{braces} and %s and $HOME',
  'é, 中文, emoji 😀, \u2028 line separator, \u0000 nul, \u007f del',
  '"); import os; os.system("true"); ("',
];
