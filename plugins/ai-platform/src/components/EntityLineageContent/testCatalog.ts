import {
  Entity,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  RELATION_PRODUCED_BY,
  RELATION_PRODUCES,
} from '@ai-platform/plugin-ai-platform-common';
import { entity } from '../testEntities';

/** An entity of the tests' catalog, with the refs it depends on and produces. */
export function node(
  kind: string,
  name: string,
  type: string,
  links: { dependsOn?: string[]; produces?: string[]; title?: string } = {},
): Entity {
  const e = entity(
    kind,
    name,
    type,
    'group:default/recsys',
    links.title ? { title: links.title } : {},
  );
  e.relations!.push(
    ...(links.dependsOn ?? []).map(targetRef => ({
      type: RELATION_DEPENDS_ON,
      targetRef,
    })),
    ...(links.produces ?? []).map(targetRef => ({
      type: RELATION_PRODUCES,
      targetRef,
    })),
  );
  return e;
}

const REVERSE: Record<string, string> = {
  [RELATION_DEPENDS_ON]: RELATION_DEPENDENCY_OF,
  [RELATION_PRODUCES]: RELATION_PRODUCED_BY,
};

/** The entities with the reverse relations the catalog would add to their targets. */
export function withReverseRelations(entities: Entity[]): Entity[] {
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  for (const source of entities) {
    for (const { type, targetRef } of source.relations ?? []) {
      if (!REVERSE[type]) continue;
      byRef.get(targetRef)?.relations!.push({
        type: REVERSE[type],
        targetRef: stringifyEntityRef(source),
      });
    }
  }
  return entities;
}

/**
 * The lineage of examples/ml.yaml's ranker, with a pipeline producing the model, its cluster,
 * a website using the server, and a feature view depending on a dataset that is not there.
 */
export const rankerLineage = () =>
  withReverseRelations([
    node('Resource', 'clickstream-events', 'dataset'),
    node('Resource', 'user-activity-features', 'feature-view', {
      dependsOn: ['resource:default/clickstream-events'],
    }),
    node('Resource', 'legacy-features', 'feature-view', {
      dependsOn: ['resource:default/deleted-dataset'],
    }),
    node('Component', 'recsys-training-pipeline', 'ml-pipeline', {
      dependsOn: [
        'resource:default/user-activity-features',
        'resource:default/cluster-a',
      ],
      produces: ['resource:default/recsys-ranker'],
    }),
    node('Resource', 'cluster-a', 'gpu-cluster'),
    node('Resource', 'recsys-ranker', 'ai-model', {
      title: 'Storefront ranker',
      dependsOn: [
        'resource:default/user-activity-features',
        'resource:default/legacy-features',
      ],
    }),
    node('Component', 'recsys-ranker-serving', 'model-server', {
      dependsOn: [
        'resource:default/recsys-ranker',
        'resource:default/cluster-a',
      ],
    }),
    node('Component', 'storefront', 'website', {
      dependsOn: ['component:default/recsys-ranker-serving'],
    }),
  ]);
