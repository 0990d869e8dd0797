import {
  PipelineInput,
  pipelineInputSchema,
} from '@ai-platform/plugin-ai-platform-common';
import { createPipelineExamples } from '../actions/createPipeline.examples';
import { PipelineSource } from '../pipeline/sources';
import { exampleInput } from './backend';

/** The action's documented example as the common schema parses it, with `overrides`. */
export function testPipeline(
  overrides: Partial<PipelineInput> = {},
): PipelineInput {
  return pipelineInputSchema.parse({
    ...exampleInput(createPipelineExamples),
    ...overrides,
  });
}

/** The catalog's clickstream dataset, as examples/data.yaml declares it. */
export const clickstream: Extract<PipelineSource, { kind: 'dataset' }> = {
  kind: 'dataset',
  ref: 'resource:default/clickstream-events',
  name: 'clickstream-events',
  format: 'parquet',
  location: 's3://datalake/clickstream/events/',
  columns: [
    { name: 'event_id', type: 'string' },
    { name: 'user_id', type: 'string' },
    { name: 'item_id', type: 'string' },
    { name: 'event_type', type: 'string' },
    { name: 'session_length_s', type: 'double', nullable: true },
    { name: 'event_timestamp', type: 'timestamp' },
  ],
};

/** The catalog's user activity feature view. */
export const userActivity: PipelineSource = {
  kind: 'feature-view',
  ref: 'resource:default/user-activity-features',
  name: 'user-activity-features',
};

/** The inputs of the documented example, in its order. */
export const exampleSources: PipelineSource[] = [clickstream, userActivity];

/** A dataset of each storage the gate reads, and of some it does not. */
export const storageOfEveryKind: Record<
  string,
  { format: string; location: string }
> = {
  parquetFolder: { format: 'parquet', location: 's3://lake/events/' },
  parquetFile: { format: 'Parquet', location: '/data/events.parquet' },
  csv: { format: 'csv', location: 'https://example.com/exports/' },
  tsv: { format: 'tsv', location: 'data/table.tsv' },
  json: { format: 'json', location: 's3://lake/docs/' },
  jsonl: { format: 'jsonl', location: "s3://lake/it's/conversations/" },
  ndjson: { format: 'ndjson', location: 'logs/*.ndjson' },
  delta: { format: 'delta', location: 's3://lake/payments/card_transactions/' },
};
