import { Knex } from 'knex';
import { GpuPool } from '@ai-platform/plugin-ai-platform-common';
import { PoolStore } from './PoolStore';

const TABLE = 'ai_gpu_pools';

interface PoolRow {
  cluster_ref: string;
  gpu_model: string;
  memory_gib: number;
  capacity: number;
  synced_at: Date | string;
}

export class DatabasePoolStore implements PoolStore {
  constructor(private readonly db: Knex) {}

  async listPools(): Promise<GpuPool[]> {
    const rows = await this.db<PoolRow>(TABLE)
      .select()
      .orderBy([{ column: 'cluster_ref' }, { column: 'gpu_model' }]);
    return rows.map(row => ({
      clusterRef: row.cluster_ref,
      gpuModel: row.gpu_model,
      memoryGiB: Number(row.memory_gib),
      capacity: Number(row.capacity),
      // SQLite returns timestamps as epoch milliseconds or strings, PostgreSQL as Date.
      syncedAt: new Date(row.synced_at).toISOString(),
    }));
  }

  async replaceAll(pools: GpuPool[]): Promise<void> {
    await this.db.transaction(async tx => {
      await tx(TABLE).delete();
      if (pools.length > 0) {
        await tx(TABLE).insert(
          pools.map(pool => ({
            cluster_ref: pool.clusterRef,
            gpu_model: pool.gpuModel,
            memory_gib: pool.memoryGiB,
            capacity: pool.capacity,
            synced_at: new Date(pool.syncedAt),
          })),
        );
      }
    });
  }
}
