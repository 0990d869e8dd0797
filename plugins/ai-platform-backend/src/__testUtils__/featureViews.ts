import { Entity } from '@backstage/catalog-model';

/** The dataset feature views read in the tests: a `dataset` Resource of the recsys team. */
export const clickstream: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'clickstream-events', namespace: 'default' },
  spec: {
    type: 'dataset',
    owner: 'group:default/recsys',
    format: 'parquet',
    location: 's3://datalake/clickstream/events/',
  },
};

/** The body of a recsys feature view over `clickstream`, with `overrides`. */
export function featureViewBody(overrides: Record<string, unknown> = {}) {
  return {
    name: 'user_activity',
    teamRef: 'group:default/recsys',
    datasetRef: 'resource:default/clickstream-events',
    entity: { name: 'user', joinKeys: ['user_id'] },
    features: [
      { name: 'views_7d', dtype: 'Int64' },
      { name: 'ctr_30d', dtype: 'Float32', description: 'Click-through rate' },
    ],
    ttlSeconds: 86_400,
    online: true,
    tags: { team: 'recsys' },
    description: 'Rolling user engagement counts for ranking',
    ...overrides,
  };
}
