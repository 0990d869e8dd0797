import { Entity } from '@backstage/catalog-model';
import {
  AiPlatformAnnotations,
  Facts,
  FactValue,
  ModelRegistryEntry,
} from '@ai-platform/plugin-ai-platform-common';

/** Annotations that name who is on call, in the order they are read. */
export const ON_CALL_ANNOTATIONS = [
  'pagerduty.com/integration-key',
  'pagerduty.com/service-id',
  'opsgenie.com/team',
  AiPlatformAnnotations.onCall,
] as const;

const CATALOG = 'catalog';

/** The catalog's value, else the registry's, else none (said to come from the catalog). */
function firstOf(
  own: string | null,
  ownSource: string,
  fallback: string | undefined,
  fallbackSource: string,
): FactValue {
  if (own) return { value: own, source: ownSource };
  if (fallback) return { value: fallback, source: fallbackSource };
  return { value: null, source: ownSource };
}

/**
 * Facts of the catalog entity itself: owner, on-call, lifecycle, risk class and the human
 * oversight contact (the annotation, else the portal's model registry entry of the model).
 */
export function entityFacts(entity: Entity, entry?: ModelRegistryEntry): Facts {
  const annotations = entity.metadata.annotations ?? {};
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const str = (v: unknown) =>
    typeof v === 'string' && v.trim() ? v.trim() : null;
  const onCall = ON_CALL_ANNOTATIONS.find(a => str(annotations[a]));
  const oversight = str(annotations[AiPlatformAnnotations.humanOversight]);
  const risk = str(annotations[AiPlatformAnnotations.riskLevel]);
  return {
    'entity.kind': { value: entity.kind, source: CATALOG },
    'entity.type': { value: str(spec.type), source: CATALOG },
    'entity.owner': { value: str(spec.owner), source: CATALOG },
    'entity.onCall': onCall
      ? { value: str(annotations[onCall]), source: `${CATALOG} ${onCall}` }
      : { value: null, source: CATALOG },
    'entity.lifecycle': { value: str(spec.lifecycle), source: CATALOG },
    'entity.riskClass': firstOf(
      risk,
      CATALOG,
      entry?.riskClass,
      'model registry',
    ),
    'entity.humanOversightContact': firstOf(
      oversight,
      CATALOG,
      entry?.humanOversightContact,
      'model registry',
    ),
  };
}
