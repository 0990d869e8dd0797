import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AiPlatformAnnotations,
  UNALLOCATED_TEAM,
} from '@ai-platform/plugin-ai-platform-common';

export interface Attribution {
  team: string;
  attribution: string;
}

type Claims = Map<string, string>;

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map(v => v.trim())
    .filter(Boolean);

/** The team an entity's annotations speak for: a Group itself, a Resource's owner. */
function teamOf(entity: Entity): string | undefined {
  if (entity.kind.toLowerCase() === 'group') return stringifyEntityRef(entity);
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string') return undefined;
  const ref = parseEntityRef(owner, {
    defaultKind: 'group',
    defaultNamespace: entity.metadata.namespace ?? 'default',
  });
  return ref.kind.toLowerCase() === 'group'
    ? stringifyEntityRef(ref)
    : undefined;
}

/**
 * Which team a namespace, a Kubernetes label or a cloud tag belongs to, from the
 * `ai-platform.io/namespaces`, `cost-labels` and `cloud-tags` annotations of Groups and
 * Resources. Usage nothing claims goes to the `unallocated` team, never dropped.
 */
export class TeamMapping {
  /** Claims made by more than one team: the first in entity-ref order wins. */
  readonly conflicts: string[] = [];
  private readonly namespaces: Claims = new Map();
  private readonly labels: Claims = new Map();
  private readonly tags: Claims = new Map();
  readonly budgets = new Map<string, number>();

  static fromEntities(entities: Entity[]): TeamMapping {
    const mapping = new TeamMapping();
    const sorted = [...entities].sort((a, b) => {
      // Groups first, so that a team's own claim beats one of a resource it owns.
      const kind = Number(a.kind !== 'Group') - Number(b.kind !== 'Group');
      return kind || stringifyEntityRef(a).localeCompare(stringifyEntityRef(b));
    });
    for (const entity of sorted) {
      const team = teamOf(entity);
      if (!team) continue;
      const annotations = entity.metadata.annotations ?? {};
      for (const ns of list(annotations[AiPlatformAnnotations.namespaces])) {
        mapping.claim(mapping.namespaces, ns, team);
      }
      for (const pair of list(annotations[AiPlatformAnnotations.costLabels])) {
        mapping.claim(mapping.labels, pair.replace(/\s*=\s*/, '='), team);
      }
      for (const pair of list(annotations[AiPlatformAnnotations.cloudTags])) {
        mapping.claim(mapping.tags, pair.replace(/\s*=\s*/, '='), team);
      }
      const budget = annotations[AiPlatformAnnotations.monthlyBudget];
      if (entity.kind === 'Group' && budget && /^\d+(\.\d+)?$/.test(budget)) {
        mapping.budgets.set(team, Number(budget));
      }
    }
    return mapping;
  }

  /** True when no entity claims anything: the catalog has not been read yet, or is empty. */
  get isEmpty(): boolean {
    return !this.namespaces.size && !this.labels.size && !this.tags.size;
  }

  private claim(claims: Claims, key: string, team: string) {
    const owner = claims.get(key);
    if (owner === undefined) claims.set(key, team);
    else if (owner !== team) this.conflicts.push(`${key} (${owner}, ${team})`);
  }

  /** The namespaces a team claims, in the order its annotation lists them. */
  namespacesOf(team: string): string[] {
    return [...this.namespaces]
      .filter(([, owner]) => owner === team)
      .map(([namespace]) => namespace);
  }

  forNamespace(namespace: string): Attribution {
    return {
      team: this.namespaces.get(namespace) ?? UNALLOCATED_TEAM,
      attribution: `namespace:${namespace}`,
    };
  }

  /** The first of the labels (in key order) that a team claims. */
  forLabels(labels: Record<string, string>): Attribution {
    return this.firstClaim(this.labels, labels, 'label');
  }

  forTags(tags: Record<string, string>): Attribution {
    return this.firstClaim(this.tags, tags, 'tag');
  }

  private firstClaim(
    claims: Claims,
    pairs: Record<string, string>,
    prefix: string,
  ): Attribution {
    const keys = Object.keys(pairs).sort();
    for (const key of keys) {
      const team = claims.get(`${key}=${pairs[key]}`);
      if (team) return { team, attribution: `${prefix}:${key}=${pairs[key]}` };
    }
    return {
      team: UNALLOCATED_TEAM,
      attribution: keys.length
        ? `${prefix}:${keys[0]}=${pairs[keys[0]]}`
        : `${prefix}:none`,
    };
  }
}

const MAPPING_FIELDS = ['kind', 'metadata', 'spec.owner'];

/** Reads the mapping from the catalog, at most once a minute. */
export class TeamDirectory {
  private cached?: { at: number; mapping: Promise<TeamMapping> };

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      ttlMs?: number;
    },
  ) {}

  /** Reads the catalog now rather than from the cache. */
  reload(): Promise<TeamMapping> {
    this.cached = undefined;
    return this.get();
  }

  get(): Promise<TeamMapping> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > (this.options.ttlMs ?? 60_000)) {
      const mapping = this.load();
      this.cached = { at: now, mapping };
      mapping.catch(() => (this.cached = undefined));
    }
    return this.cached.mapping;
  }

  private async load(): Promise<TeamMapping> {
    const { catalog, auth, logger } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const { items } = await catalog.getEntities(
      {
        filter: [{ kind: 'Group' }, { kind: 'Resource' }],
        fields: MAPPING_FIELDS,
      },
      { credentials },
    );
    const mapping = TeamMapping.fromEntities(items);
    if (mapping.conflicts.length) {
      logger.warn(
        `Spend attribution: claimed by more than one team, first wins: ${mapping.conflicts.join(
          '; ',
        )}`,
      );
    }
    return mapping;
  }
}
