import { Knex } from 'knex';
import { GpuDevice } from '@ai-platform/plugin-ai-platform-common';
import { ImportedDevice, InventoryStore } from './InventoryStore';

const TABLE = 'ai_gpu_devices';

const orUndefined = (v: number | null) => (v === null ? undefined : Number(v));

/** GPUs imported from nvidia-smi output, per cluster. */
export class DatabaseInventoryStore implements InventoryStore {
  constructor(private readonly db: Knex) {}

  async replaceCluster(
    clusterRef: string,
    devices: GpuDevice[],
    at: Date,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await tx(TABLE).where({ cluster_ref: clusterRef }).delete();
      if (devices.length > 0) {
        await tx(TABLE).insert(
          devices.map(d => ({
            cluster_ref: clusterRef,
            uuid: d.uuid,
            gpu_model: d.gpuModel,
            memory_mib: d.memoryMiB,
            memory_used_mib: d.memoryUsedMiB ?? null,
            utilization_percent: d.utilizationPercent ?? null,
            power_draw_w: d.powerDrawW ?? null,
            power_limit_w: d.powerLimitW ?? null,
            imported_at: at,
          })),
        );
      }
    });
  }

  async listDevices(): Promise<ImportedDevice[]> {
    const rows = await this.db(TABLE).select().orderBy(['cluster_ref', 'uuid']);
    return rows.map(row => ({
      clusterRef: row.cluster_ref,
      uuid: row.uuid,
      gpuModel: row.gpu_model,
      memoryMiB: Number(row.memory_mib),
      memoryUsedMiB: orUndefined(row.memory_used_mib),
      utilizationPercent: orUndefined(row.utilization_percent),
      powerDrawW: orUndefined(row.power_draw_w),
      powerLimitW: orUndefined(row.power_limit_w),
      importedAt: new Date(row.imported_at).toISOString(),
    }));
  }
}
