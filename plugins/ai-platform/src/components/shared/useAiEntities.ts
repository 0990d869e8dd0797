import { Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { AI_ENTITY_TYPES } from '@ai-platform/plugin-ai-platform-common';
import useAsync from 'react-use/esm/useAsync';

const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
  'spec.type',
  'spec.owner',
  'relations',
];

/**
 * Every catalog entity of the AI-platform model, optionally only those owned by one entity.
 * Returns the useAsync state: loading, error, value.
 */
export function useAiEntities(ownerRef?: string) {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async (): Promise<Entity[]> => {
    const filter = AI_ENTITY_TYPES.map(t => ({
      kind: t.kind,
      'spec.type': t.type,
      ...(ownerRef ? { 'relations.ownedBy': ownerRef } : {}),
    }));
    const { items } = await catalogApi.getEntities({ filter, fields: FIELDS });
    return items;
  }, [catalogApi, ownerRef]);
}

/** The entities grouped by the model's kind/type pairs, in the model's order. */
export function groupByAiType(entities: Entity[]) {
  return AI_ENTITY_TYPES.map(info => ({
    info,
    entities: entities.filter(
      e => e.kind === info.kind && e.spec?.type === info.type,
    ),
  }));
}
