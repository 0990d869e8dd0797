import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  GpuDevice,
  GpuPool,
  InventoryImportInput,
  parseNvidiaSmiCsv,
  parseNvidiaSmiXml,
} from '@ai-platform/plugin-ai-platform-common';
import { GpuPoolSource } from '@ai-platform/plugin-ai-platform-node';
import { ImportedDevice, InventoryStore } from './InventoryStore';
import { PoolStore } from './PoolStore';
import { poolsFromDevices, syncPools } from './syncPools';

/** GPU capacity: pools from the catalog, module sources and imported nvidia-smi inventory. */
export class PoolsService {
  constructor(
    private readonly options: {
      store: PoolStore;
      inventory: InventoryStore;
      catalog: CatalogService;
      auth: AuthService;
      sources: GpuPoolSource[];
      logger: LoggerService;
    },
  ) {}

  listPools(): Promise<GpuPool[]> {
    return this.options.store.listPools();
  }

  /** The pool of a GPU model in a cluster, if there is one. */
  async findPool(pool: {
    clusterRef: string;
    gpuModel: string;
  }): Promise<GpuPool | undefined> {
    return (await this.listPools()).find(
      p => p.clusterRef === pool.clusterRef && p.gpuModel === pool.gpuModel,
    );
  }

  listDevices(): Promise<ImportedDevice[]> {
    return this.options.inventory.listDevices();
  }

  /** Re-reads every source and replaces the stored pools (the scheduled sync). */
  sync(): Promise<void> {
    return syncPools({ ...this.options });
  }

  /**
   * Imports a cluster's GPUs from nvidia-smi output, replacing what was imported for it
   * before. Its pools follow at the next sync; the answer shows what they will be.
   */
  async importInventory(
    input: InventoryImportInput,
    at = new Date(),
  ): Promise<{ devices: GpuDevice[]; pools: GpuPool[] }> {
    const { clusterRef, format, content } = input;
    if (!(await this.listPools()).some(p => p.clusterRef === clusterRef)) {
      throw new InputError(`clusterRef: there is no GPU cluster ${clusterRef}`);
    }
    let devices;
    try {
      devices =
        format === 'nvidia-smi-xml'
          ? parseNvidiaSmiXml(content)
          : parseNvidiaSmiCsv(content);
    } catch (error) {
      throw new InputError(`content: ${(error as Error).message}`);
    }
    await this.options.inventory.replaceCluster(clusterRef, devices, at);
    return {
      devices,
      pools: poolsFromDevices(
        devices.map(d => ({ ...d, clusterRef, importedAt: at.toISOString() })),
        at,
      ),
    };
  }
}
