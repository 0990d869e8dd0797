import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AiPlatformAnnotations,
  AiResourceType,
  DeclaredCluster,
  DeclaredFabric,
  FabricClusterInfo,
  FabricEntityInfo,
  aiSpecSchemas,
} from '@ai-platform/plugin-ai-platform-common';

/** What the fabric reads of the catalog in one run. */
export interface FabricCatalogSnapshot {
  fabrics: FabricEntityInfo[];
  clusters: FabricClusterInfo[];
  declaredFabrics: DeclaredFabric[];
  declaredClusters: DeclaredCluster[];
  /** Namespace → the team whose `ai-platform.io/namespaces` lists it (a Resource's owner). */
  namespaceTeams: Map<string, string>;
}

const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec',
];

function refOf(
  value: unknown,
  entity: Entity,
  defaultKind: string,
): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind,
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/** The team an entity's namespaces belong to: a Group itself, a Resource's owning group. */
function teamOf(entity: Entity): string | undefined {
  if (entity.kind.toLocaleLowerCase('en-US') === 'group') {
    return stringifyEntityRef(entity);
  }
  const owner = refOf(entity.spec?.owner, entity, 'group');
  return owner?.startsWith('group:') ? owner : undefined;
}

/** Reads the snapshot from the catalog, from a cache no older than `ttlMs`. */
export class FabricCatalog {
  private cached?: { at: number; snapshot: Promise<FabricCatalogSnapshot> };

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      ttlMs?: number;
    },
  ) {}

  /** Reads the catalog now rather than from the cache. */
  reload(): Promise<FabricCatalogSnapshot> {
    this.cached = undefined;
    return this.read();
  }

  read(now = Date.now()): Promise<FabricCatalogSnapshot> {
    if (!this.cached || now - this.cached.at > (this.options.ttlMs ?? 30_000)) {
      const snapshot = this.load();
      this.cached = { at: now, snapshot };
      snapshot.catch(() => (this.cached = undefined));
    }
    return this.cached.snapshot;
  }

  private async load(): Promise<FabricCatalogSnapshot> {
    const { items } = await this.options.catalog.getEntities(
      { filter: [{ kind: 'Group' }, { kind: 'Resource' }], fields: FIELDS },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    return snapshotOf(items);
  }
}

/**
 * The fabrics (valid `network-fabric` specs), the clusters and the fabrics they depend on, their
 * declared topologies, and the namespace claims of Groups (first) and Resources, in entity-ref
 * order: the first claim of a namespace wins.
 */
export function snapshotOf(entities: Entity[]): FabricCatalogSnapshot {
  const sorted = [...entities].sort((a, b) => {
    const groupsFirst = Number(a.kind !== 'Group') - Number(b.kind !== 'Group');
    return (
      groupsFirst || stringifyEntityRef(a).localeCompare(stringifyEntityRef(b))
    );
  });
  const fabrics: FabricEntityInfo[] = [];
  const declaredFabrics: DeclaredFabric[] = [];
  const clusterEntities: Array<{ entity: Entity; ref: string }> = [];
  const namespaceTeams = new Map<string, string>();

  for (const entity of sorted) {
    const team = teamOf(entity);
    const claimed =
      entity.metadata.annotations?.[AiPlatformAnnotations.namespaces];
    if (team && claimed) {
      for (const ns of claimed
        .split(',')
        .map(n => n.trim())
        .filter(Boolean)) {
        if (!namespaceTeams.has(ns)) namespaceTeams.set(ns, team);
      }
    }
    if (entity.kind !== 'Resource') continue;
    const ref = stringifyEntityRef(entity);
    if (entity.spec?.type === AiResourceType.networkFabric) {
      const spec = aiSpecSchemas['network-fabric'].safeParse(entity.spec);
      if (!spec.success) continue;
      const owner = refOf(entity.spec.owner, entity, 'group');
      fabrics.push({
        ref,
        kind: spec.data.fabric,
        ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
        ...(owner ? { owner } : {}),
        speedGbps: spec.data.linkSpeedGbps,
        ...(spec.data.linkWidth ? { width: spec.data.linkWidth } : {}),
      });
      declaredFabrics.push({ ref, spec: spec.data });
    } else if (entity.spec?.type === AiResourceType.gpuCluster) {
      clusterEntities.push({ entity, ref });
    }
  }

  const fabricRefs = new Set(fabrics.map(f => f.ref));
  const clusters: FabricClusterInfo[] = [];
  const declaredClusters: DeclaredCluster[] = [];
  for (const { entity, ref } of clusterEntities) {
    const dependsOn = entity.spec?.dependsOn;
    const refs = (Array.isArray(dependsOn) ? dependsOn : [])
      .map(d => refOf(d, entity, 'resource'))
      .filter((r): r is string => !!r && fabricRefs.has(r));
    clusters.push({ ref, fabricRefs: refs });
    const spec = aiSpecSchemas['gpu-cluster'].safeParse(entity.spec);
    if (spec.success) {
      declaredClusters.push({ ref, fabricRefs: refs, spec: spec.data });
    }
  }
  return {
    fabrics,
    clusters,
    declaredFabrics,
    declaredClusters,
    namespaceTeams,
  };
}
