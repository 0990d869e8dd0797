import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AiResourceType,
  aiSpecSchemas,
  GpuPool,
} from '@ai-platform/plugin-ai-platform-common';
import { GpuPoolSource } from '@ai-platform/plugin-ai-platform-node';
import { ImportedDevice, InventoryStore } from './InventoryStore';
import { PoolStore } from './PoolStore';

/**
 * The GPU pools that `gpu-cluster` entities declare. A model listed twice in one cluster is one
 * pool with the counts added; entities whose spec does not validate are left out (the catalog
 * processor reports them).
 */
export function poolsFromClusters(
  entities: Entity[],
  syncedAt: Date,
): GpuPool[] {
  const pools = new Map<string, GpuPool>();
  for (const entity of entities) {
    const spec = aiSpecSchemas[AiResourceType.gpuCluster].safeParse(
      entity.spec,
    );
    if (!spec.success) {
      continue;
    }
    const clusterRef = stringifyEntityRef(entity);
    for (const pool of spec.data.gpuPools) {
      const key = `${clusterRef}\u0000${pool.model}`;
      const existing = pools.get(key);
      if (existing) {
        existing.capacity += pool.count;
      } else {
        pools.set(key, {
          clusterRef,
          gpuModel: pool.model,
          memoryGiB: pool.memoryGiB,
          capacity: pool.count,
          syncedAt: syncedAt.toISOString(),
        });
      }
    }
  }
  return [...pools.values()];
}

/** Pools from imported GPUs: one per cluster and model, counting the GPUs. */
export function poolsFromDevices(
  devices: ImportedDevice[],
  syncedAt: Date,
): GpuPool[] {
  const pools = new Map<string, GpuPool>();
  for (const device of devices) {
    const key = `${device.clusterRef}\u0000${device.gpuModel}`;
    const pool = pools.get(key);
    if (pool) {
      pool.capacity += 1;
    } else {
      pools.set(key, {
        clusterRef: device.clusterRef,
        gpuModel: device.gpuModel,
        memoryGiB: Math.round(device.memoryMiB / 1024),
        capacity: 1,
        syncedAt: syncedAt.toISOString(),
      });
    }
  }
  return [...pools.values()];
}

/**
 * Reads every `gpu-cluster` from the catalog, and the pools of the sources that modules added,
 * and replaces the stored pools with them. A source that fails fails the whole sync, so the
 * stored pools stay as they were rather than lose that source's capacity.
 */
export async function syncPools(options: {
  catalog: CatalogService;
  auth: AuthService;
  sources: GpuPoolSource[];
  /** GPUs imported from nvidia-smi: a cluster with any gets its pools from them. */
  inventory: Pick<InventoryStore, 'listDevices'>;
  store: PoolStore;
  logger: LoggerService;
  now?: () => Date;
}): Promise<void> {
  const {
    catalog,
    auth,
    sources,
    inventory,
    store,
    logger,
    now = () => new Date(),
  } = options;
  const syncedAt = now();
  const { items } = await catalog.getEntities(
    {
      filter: { kind: 'Resource', 'spec.type': AiResourceType.gpuCluster },
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'spec'],
    },
    { credentials: await auth.getOwnServiceCredentials() },
  );
  const imported = poolsFromDevices(await inventory.listDevices(), syncedAt);
  const measured = new Set(imported.map(p => p.clusterRef));
  const pools = [
    ...poolsFromClusters(items, syncedAt).filter(
      p => !measured.has(p.clusterRef),
    ),
    ...imported,
  ];
  for (const source of sources) {
    const reported = await source.readPools().catch(error => {
      throw new Error(`GPU pool source '${source.id}' failed: ${error}`);
    });
    pools.push(
      ...reported.map(pool => ({ ...pool, syncedAt: syncedAt.toISOString() })),
    );
  }
  await store.replaceAll(pools);
  logger.info(
    `Synced ${pools.length} GPU pools from ${items.length} clusters and ${sources.length} other sources`,
  );
}
