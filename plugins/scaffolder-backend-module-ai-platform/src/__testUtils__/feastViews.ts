import {
  FEATURE_DTYPES,
  FeatureViewInput,
} from '@ai-platform/plugin-ai-platform-common';
import { DatasetStorage } from '../feast/sources';

/** A feature view as the common schema gives it, with every default filled in. */
export function testView(
  overrides: Partial<FeatureViewInput> = {},
): FeatureViewInput {
  return {
    name: 'user_activity',
    teamRef: 'group:default/recsys',
    datasetRef: 'resource:default/clickstream-events',
    entity: {
      name: 'user',
      joinKeys: ['user_id'],
      description: 'A storefront user',
    },
    features: [
      {
        name: 'views_7d',
        dtype: 'Int64',
        description: 'Product views in 7 days',
      },
      { name: 'ctr_30d', dtype: 'Float32' },
    ],
    ttlSeconds: 86_400,
    online: true,
    tags: {},
    description: 'Rolling user engagement counts for ranking',
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
