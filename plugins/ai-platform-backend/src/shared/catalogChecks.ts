import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ConflictError, InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** A Resource a request names, by the catalog's form of its ref. */
export interface CatalogResource {
  ref: string;
  entity: Entity;
}

/**
 * The catalog's Resources a request names, each of one of `types` (`dataset`, …); an InputError
 * otherwise that names each bad field, what is missing and what the catalog has.
 */
export async function requireCatalogResourceEntities(
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
): Promise<CatalogResource[]> {
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
    const what = typeof type === 'string' ? type : 'Resource';
    const found = entity
      ? ` (it is ${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what})`
      : '';
    return [
      `${expected.field(index)}: there is no ${
        expected.what
      } ${ref} in the catalog${found}`,
    ];
  });
  if (problems.length) {
    throw new InputError(problems.join('; '));
  }
  return normalized.map((ref, index) => ({ ref, entity: items[index]! }));
}

/** The refs of `requireCatalogResourceEntities`, for requests that need no more of them. */
export async function requireCatalogResources(
  ...args: Parameters<typeof requireCatalogResourceEntities>
): Promise<string[]> {
  const resources = await requireCatalogResourceEntities(...args);
  return resources.map(({ ref }) => ref);
}

/**
 * A record that becomes the catalog entity `<kind>:default/<name>` (a Resource unless `kind`
 * says otherwise) may not take a name the catalog already has: a ConflictError naming `name`
 * if it does.
 */
export async function requireFreeResourceName(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  name: string,
  kind: 'resource' | 'component' = 'resource',
): Promise<void> {
  const entityRef = `${kind}:default/${name}`;
  if (await catalog.getEntityByRef(entityRef, { credentials })) {
    throw new ConflictError(
      `name: ${entityRef} is already in the catalog; choose another name`,
    );
  }
}
