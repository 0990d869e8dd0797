import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  AiPlatformAnnotations,
  AiResourceType,
  Facts,
} from '@ai-platform/plugin-ai-platform-common';

const DATA_TYPES: string[] = [
  AiResourceType.dataset,
  AiResourceType.featureView,
];
/** How far upstream a model's lineage is followed. */
const MAX_DEPTH = 4;

/** The refs an entity depends on or is produced by: its spec and its catalog relations. */
export function upstreamRefs(entity: Entity): string[] {
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const refs = new Set<string>();
  for (const ref of Array.isArray(spec.dependsOn) ? spec.dependsOn : []) {
    if (typeof ref !== 'string') continue;
    try {
      refs.add(
        stringifyEntityRef(
          parseEntityRef(ref, {
            defaultKind: 'resource',
            defaultNamespace: entity.metadata.namespace ?? 'default',
          }),
        ),
      );
    } catch {
      // Not a ref: the catalog's processor reports it.
    }
  }
  for (const r of entity.relations ?? []) {
    if (r.type === 'dependsOn' || r.type === 'producedBy') {
      refs.add(r.targetRef);
    }
  }
  return [...refs];
}

const typeOf = (e: Entity) => (e.spec as { type?: unknown } | undefined)?.type;

/**
 * Lineage and data facts of a model: whether its upstream reaches a dataset or feature view,
 * which datasets, and their residency and encryption (null when any dataset lacks it). A
 * dataset's own residency and encryption are its annotations.
 */
export function lineageFacts(
  entity: Entity,
  byRef: Map<string, Entity>,
): Facts {
  const source = 'catalog lineage';
  const own = entity.metadata.annotations ?? {};
  if (typeOf(entity) === AiResourceType.dataset) {
    return {
      'dataset.residency': {
        value: own[AiPlatformAnnotations.dataResidency] ?? null,
        source: 'catalog',
      },
      'dataset.encryption': {
        value: own[AiPlatformAnnotations.encryption] ?? null,
        source: 'catalog',
      },
    };
  }
  const seen = new Set<string>([stringifyEntityRef(entity)]);
  const datasets: Entity[] = [];
  let reachesData = false;
  let frontier = [entity];
  for (let depth = 0; depth < MAX_DEPTH && frontier.length; depth++) {
    const next: Entity[] = [];
    for (const e of frontier) {
      for (const ref of upstreamRefs(e)) {
        if (seen.has(ref)) continue;
        seen.add(ref);
        const up = byRef.get(ref);
        if (!up) continue;
        if (DATA_TYPES.includes(String(typeOf(up)))) reachesData = true;
        if (typeOf(up) === AiResourceType.dataset) datasets.push(up);
        next.push(up);
      }
    }
    frontier = next;
  }
  const every = (annotation: string) => {
    if (!datasets.length) return null;
    const values = datasets.map(d => d.metadata.annotations?.[annotation]);
    return values.every(v => v && v.trim())
      ? [...new Set(values as string[])].sort().join(', ')
      : null;
  };
  const missing = (annotation: string) =>
    datasets
      .filter(d => !d.metadata.annotations?.[annotation])
      .map(d => stringifyEntityRef(d));
  const withProblem = (annotation: string) => {
    const value = every(annotation);
    const lacking = missing(annotation);
    return {
      value,
      source,
      ...(value === null && lacking.length
        ? { problem: `${lacking.join(', ')} without ${annotation}` }
        : {}),
    };
  };
  return {
    'lineage.present': { value: reachesData, source },
    'lineage.datasets': { value: datasets.length, source },
    'lineage.datasetRefs': {
      value: datasets.length
        ? datasets.map(d => stringifyEntityRef(d)).join(', ')
        : null,
      source,
    },
    'dataset.residency': withProblem(AiPlatformAnnotations.dataResidency),
    'dataset.encryption': withProblem(AiPlatformAnnotations.encryption),
  };
}
