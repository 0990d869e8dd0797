import {
  Entity,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  AI_ENTITY_TYPES,
  AiComponentType,
  AiResourceType,
  findAiEntityType,
  RELATION_PRODUCED_BY,
  RELATION_PRODUCES,
} from '@ai-platform/plugin-ai-platform-common';

/** The kinds/types that make up the lineage from dataset to model server. */
const LINEAGE_TYPES: readonly string[] = [
  AiResourceType.dataset,
  AiResourceType.featureView,
  AiComponentType.mlPipeline,
  AiResourceType.aiModel,
  AiComponentType.modelServer,
];

/** The kinds those types belong to: relations to other kinds are not fetched. */
const LINEAGE_KINDS = new Set(['resource', 'component']);

/** How many steps the walk goes each way. */
export const LINEAGE_DEPTH = 5;

/** True for datasets, feature views, ML pipelines, AI models and model servers. */
export function isLineageEntity(entity: Entity): boolean {
  const info = findAiEntityType(entity.kind, entity.spec?.type);
  return !!info && LINEAGE_TYPES.includes(info.type);
}

export interface LineageNode {
  ref: string;
  /** Undefined when a relation names an entity the catalog does not hold. */
  entity?: Entity;
}

export interface Lineage {
  /** Levels nearest first; each sorted by type, then title. */
  upstream: LineageNode[][];
  downstream: LineageNode[][];
  /** Whether lineage entities lie beyond the depth limit. */
  more: { upstream: boolean; downstream: boolean };
}

const DIRECTIONS = {
  upstream: [RELATION_DEPENDS_ON, RELATION_PRODUCED_BY],
  downstream: [RELATION_DEPENDENCY_OF, RELATION_PRODUCES],
};
type Direction = keyof typeof DIRECTIONS;
const BOTH: Direction[] = ['upstream', 'downstream'];

/** Refs one step on from the entities, not yet seen, of a kind the lineage can hold. */
function nextRefs(
  entities: Entity[],
  direction: Direction,
  visited: Set<string>,
): string[] {
  const refs = new Set<string>();
  for (const entity of entities) {
    for (const relation of entity.relations ?? []) {
      if (!DIRECTIONS[direction].includes(relation.type)) continue;
      const target = parseEntityRef(relation.targetRef);
      const ref = stringifyEntityRef(target);
      if (LINEAGE_KINDS.has(target.kind.toLocaleLowerCase('en-US'))) {
        if (!visited.has(ref)) refs.add(ref);
      }
    }
  }
  return [...refs];
}

const typeRank = (entity: Entity) =>
  AI_ENTITY_TYPES.findIndex(
    t => t === findAiEntityType(entity.kind, entity.spec?.type),
  );

export const entityTitle = (entity: Entity) =>
  entity.metadata.title ?? entity.metadata.name;

/** Types in the model's order, then titles; refs missing from the catalog last. */
function byTypeThenTitle(a: LineageNode, b: LineageNode): number {
  if (!a.entity || !b.entity) {
    return Number(!a.entity) - Number(!b.entity) || a.ref.localeCompare(b.ref);
  }
  return (
    typeRank(a.entity) - typeRank(b.entity) ||
    entityTitle(a.entity).localeCompare(entityTitle(b.entity))
  );
}

/**
 * The lineage around an entity, breadth-first both ways at once: each level of both directions
 * is one `fetchEntities` call. Only lineage entities are walked through (a pipeline's cluster is
 * dropped); each direction keeps its own visited set, so a cycle ends and an entity both up- and
 * downstream shows on both sides.
 */
export async function walkLineage(
  root: Entity,
  fetchEntities: (refs: string[]) => Promise<Array<Entity | undefined>>,
  maxDepth = LINEAGE_DEPTH,
): Promise<Lineage> {
  const rootRef = stringifyEntityRef(root);
  const lineage: Lineage = {
    upstream: [],
    downstream: [],
    more: { upstream: false, downstream: false },
  };
  const visited = {
    upstream: new Set([rootRef]),
    downstream: new Set([rootRef]),
  };
  const frontier = { upstream: [root], downstream: [root] };
  // One level beyond the limit is fetched too, only to tell whether the lineage goes on.
  for (let depth = 0; depth <= maxDepth; depth++) {
    const next = {
      upstream: nextRefs(frontier.upstream, 'upstream', visited.upstream),
      downstream: nextRefs(
        frontier.downstream,
        'downstream',
        visited.downstream,
      ),
    };
    const refs = [...new Set([...next.upstream, ...next.downstream])];
    if (!refs.length) break;
    const fetched = await fetchEntities(refs);
    const byRef = new Map(refs.map((ref, i) => [ref, fetched[i]]));
    for (const direction of BOTH) {
      next[direction].forEach(ref => visited[direction].add(ref));
      const level = next[direction]
        .map(ref => ({ ref, entity: byRef.get(ref) }))
        .filter(node => !node.entity || isLineageEntity(node.entity))
        .sort(byTypeThenTitle);
      if (depth === maxDepth) {
        lineage.more[direction] = level.length > 0;
      } else {
        if (level.length) lineage[direction].push(level);
        frontier[direction] = level.flatMap(node =>
          node.entity ? [node.entity] : [],
        );
      }
    }
  }
  return lineage;
}
