import { createHash } from 'node:crypto';
import {
  Entity,
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

const validator = makeValidator();
const MAX_NAME = 63;

/**
 * A valid entity name for an object of a registry: `plain` when it is one already (and
 * `keepPlain` holds); otherwise the characters outside `[A-Za-z0-9-_.]` become `-`, the ends
 * are trimmed, the name is cut to fit and a hash of `identity` (what names the object in its
 * registry) is appended, so that two objects never share a name and an object keeps its name
 * from run to run. `fallback` stands before the hash when nothing of `plain` is left.
 */
export function hashedEntityName(
  plain: string,
  identity: string,
  fallback: string,
  keepPlain = true,
): string {
  if (keepPlain && validator.isValidEntityName(plain)) {
    return plain;
  }
  const hash = createHash('sha256').update(identity).digest('hex').slice(0, 8);
  const cleaned = plain
    .replace(/[^A-Za-z0-9\-_.]+/g, '-')
    .slice(0, MAX_NAME - hash.length - 1)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return cleaned ? `${cleaned}-${hash}` : `${fallback}-${hash}`;
}

/** An entity ref of `kind` from a tag or config value; a bare name gets `defaultKind` and `default`. */
export function refFromValue(
  value: string,
  kinds: string[],
): string | undefined {
  try {
    const ref = parseEntityRef(value.trim(), {
      defaultKind: kinds[0],
      defaultNamespace: 'default',
    });
    const valid =
      kinds.includes(ref.kind.toLocaleLowerCase('en-US')) &&
      validator.isValidNamespace(ref.namespace) &&
      validator.isValidEntityName(ref.name);
    return valid ? stringifyEntityRef(ref) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The owner the `ownerTag` tag names: a group name (`recsys` is `group:default/recsys`) or a
 * group or user ref. A value that is neither is reported in `problems`.
 */
export function ownerFromTag(
  tags: Readonly<Record<string, string>>,
  ownerTag: string,
  problems: string[],
): string | undefined {
  const tag = tags[ownerTag];
  if (tag === undefined) {
    return undefined;
  }
  const ref = refFromValue(tag, ['group', 'user']);
  if (!ref) {
    problems.push(
      `tag ${ownerTag}=${JSON.stringify(tag)} is not a group name or ref`,
    );
  }
  return ref;
}

/** An entity, or why there is none; `problems` name what was left out of the entity. */
export interface EntityResult {
  entity?: Entity;
  skipped?: string;
  problems: string[];
}

/** The name, title, description and annotations of an entity a provider manages. */
export interface ManagedMetadata {
  name: string;
  title?: string;
  description?: unknown;
  annotations: Record<string, string>;
}

/**
 * An entity of `kind` that a provider manages: `location` (the provider's name and the object's
 * path in the registry) as its managed-by locations, the default namespace, and the description
 * only when it has words.
 */
export function managedEntity(
  kind: 'Resource' | 'Component',
  location: string,
  metadata: ManagedMetadata,
  spec: NonNullable<Entity['spec']>,
): Entity {
  const { description, annotations, ...names } = metadata;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      ...names,
      namespace: 'default',
      ...(typeof description === 'string' && description.trim()
        ? { description }
        : {}),
      annotations: {
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': location,
        ...annotations,
      },
    },
    spec,
  };
}

/** A `Resource` that a provider manages (see `managedEntity`). */
export function managedResource(
  location: string,
  metadata: ManagedMetadata,
  spec: NonNullable<Entity['spec']>,
): Entity {
  return managedEntity('Resource', location, metadata, spec);
}
