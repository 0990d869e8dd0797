import { Entity } from '@backstage/catalog-model';

/** A dataset that declares its columns, which the data-quality gate checks rules against. */
export const userProfiles: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'user-profiles', namespace: 'default' },
  spec: {
    type: 'dataset',
    owner: 'group:default/recsys',
    format: 'parquet',
    location: 's3://datalake/users/profiles/',
    schema: {
      columns: [
        { name: 'user_id', type: 'string' },
        { name: 'country', type: 'string', nullable: true },
        { name: 'signup_at', type: 'timestamp' },
      ],
    },
  },
};

/** A feature view pipelines may read, but whose columns no rule checks. */
export const sessionFeatures: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'session_features', namespace: 'default' },
  spec: {
    type: 'feature-view',
    owner: 'group:default/recsys',
    entities: ['user'],
    features: [{ name: 'sessions_7d', dtype: 'Int64' }],
  },
};

/** The model the pipeline trains. */
export const recsysRanker: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'recsys-ranker', namespace: 'default' },
  spec: { type: 'ai-model', owner: 'group:default/recsys' },
};

/**
 * What the pipeline tests' catalog holds besides `clickstream` (featureViews.ts, a dataset that
 * declares no columns) and the test backend's cluster.
 */
export const pipelineEntities: Entity[] = [
  userProfiles,
  sessionFeatures,
  recsysRanker,
];

/**
 * The body of a recsys pipeline on Airflow that reads `clickstream` and `userProfiles` and trains
 * `recsysRanker`, with a rule on every dataset, one on a named dataset and a row count.
 */
export function pipelineBody(overrides: Record<string, unknown> = {}) {
  return {
    name: 'ranker-retrain',
    teamRef: 'group:default/recsys',
    description: 'Retrains the ranker every night on fresh engagement data',
    orchestrator: 'airflow',
    schedule: '0 2 * * *',
    timezone: 'Europe/Berlin',
    inputs: [
      'resource:default/clickstream-events',
      'resource:default/user-profiles',
    ],
    outputs: ['resource:default/recsys-ranker'],
    finalStep: 'train',
    image: 'ghcr.io/acme/trainer:1.4',
    gpuCount: 8,
    qualityChecks: [
      { check: 'not_null', column: 'user_id' },
      {
        check: 'allowed_values',
        column: 'country',
        values: ['DE', 'FR'],
        datasetRef: 'resource:default/user-profiles',
      },
      {
        check: 'row_count_min',
        value: 1000,
        datasetRef: 'resource:default/clickstream-events',
      },
    ],
    ...overrides,
  };
}
