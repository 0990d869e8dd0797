import { Entity } from '@backstage/catalog-model';

/** A small catalog for the components' tests: two teams, a cluster, a dataset, a model. */
export function entity(
  kind: string,
  name: string,
  type: string,
  owner: string,
  extra: Partial<Entity['metadata']> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', ...extra },
    spec: { type, owner },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

export const testEntities: Entity[] = [
  entity('Resource', 'cluster-a', 'gpu-cluster', 'group:default/ml-platform'),
  entity('Resource', 'clickstream-events', 'dataset', 'group:default/recsys', {
    description: 'Storefront events',
  }),
  entity('Resource', 'recsys-ranker', 'ai-model', 'group:default/recsys', {
    title: 'Storefront ranker',
  }),
  entity('Component', 'web-frontend', 'website', 'group:default/recsys'),
];
