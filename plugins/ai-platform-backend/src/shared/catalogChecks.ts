import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * The catalog's refs of Resources a request names, each of one of `types` (`dataset`, …); an
 * InputError otherwise that names each bad field, what is missing and what the catalog has.
 */
export async function requireCatalogResources(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  refs: string[],
  expected: {
    types: string[];
    /** The types in words: `dataset or feature view`. */
    what: string;
    /** The request field of the ref at `index`: `datasetRef`, `trainingData[2]`. */
    field: (index: number) => string;
  },
): Promise<string[]> {
  const normalized = refs.map(ref => stringifyEntityRef(parseEntityRef(ref)));
  if (!normalized.length) return [];
  const { items } = await catalog.getEntitiesByRefs(
    { entityRefs: normalized },
    { credentials },
  );
  const problems = normalized.flatMap((ref, index) => {
    const entity = items[index];
    const type = entity?.spec?.type;
    if (typeof type === 'string' && expected.types.includes(type)) return [];
    const found = entity ? ` (it is a ${type ?? 'Resource'})` : '';
    return [
      `${expected.field(index)}: there is no ${
        expected.what
      } ${ref} in the catalog${found}`,
    ];
  });
  if (problems.length) {
    throw new InputError(problems.join('; '));
  }
  return normalized;
}

/**
 * A record that becomes the catalog entity `resource:default/<name>` may not take a name the
 * catalog already has: a ConflictError naming `name` if it does.
 */
export async function requireFreeResourceName(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  name: string,
): Promise<void> {
  const entityRef = `resource:default/${name}`;
  if (await catalog.getEntityByRef(entityRef, { credentials })) {
    throw new ConflictError(
      `name: ${entityRef} is already in the catalog; choose another name`,
    );
  }
}
