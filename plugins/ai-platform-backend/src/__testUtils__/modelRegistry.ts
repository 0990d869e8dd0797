import { Entity } from '@backstage/catalog-model';
import { clickstream } from './featureViews';

/** A feature view in the catalog, as training data of the registry tests. */
export const userActivityView: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'user_activity',
    namespace: 'default',
    title: 'User activity',
  },
  spec: {
    type: 'feature-view',
    owner: 'group:default/recsys',
    dependsOn: ['resource:default/clickstream-events'],
    entities: ['user'],
    features: [{ name: 'views_7d', dtype: 'Int64' }],
  },
};

/** The recsys team as the catalog has it, with its display name. */
export const recsysGroup: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'recsys', namespace: 'default' },
  spec: {
    type: 'team',
    profile: { displayName: 'Recommender Systems' },
    children: [],
  },
};

/** Everything the registry tests' catalog holds besides the test backend's cluster. */
export const modelRegistryEntities: Entity[] = [
  clickstream,
  userActivityView,
  recsysGroup,
];

/** The body of a high-risk recsys model trained on `clickstream` and `userActivityView`. */
export function modelRegistryBody(overrides: Record<string, unknown> = {}) {
  return {
    name: 'ranker',
    teamRef: 'group:default/recsys',
    task: 'text-ranking',
    riskClass: 'high',
    intendedPurpose:
      'Ranks job adverts shown to applicants by predicted relevance',
    trainingData: [
      'resource:default/clickstream-events',
      'resource:default/user_activity',
    ],
    evaluationMetrics: [
      {
        name: 'NDCG@10',
        value: 0.71,
        dataset: 'holdout-2026-10',
        rationale: 'Users read the first ten results',
      },
    ],
    humanOversightContact: 'user:default/ana.lopez',
    description: 'LightGBM ranker over engagement features',
    ...overrides,
  };
}
