import { Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { walkLineage } from './lineage';

// What the walk and the node cards read; relations carry the next level and the owner.
const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.type',
  'spec.owner',
  'relations',
];

/** The entity's lineage from the catalog. Returns the useAsync state: loading, error, value. */
export function useLineage(entity: Entity) {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(
    () =>
      walkLineage(entity, async entityRefs => {
        const { items } = await catalogApi.getEntitiesByRefs({
          entityRefs,
          fields: FIELDS,
        });
        return items;
      }),
    [catalogApi, entity],
  );
}
