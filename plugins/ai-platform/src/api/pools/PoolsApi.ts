import { createApiRef } from '@backstage/core-plugin-api';
import {
  GpuDevice,
  GpuPool,
  InventoryImportInput,
} from '@ai-platform/plugin-ai-platform-common';

/** A GPU imported from a cluster's nvidia-smi output. */
export interface ImportedGpuDevice extends GpuDevice {
  clusterRef: string;
  importedAt: string;
}

/** What an inventory import stored, and the pools the next sync will derive from it. */
export interface InventoryImportResult {
  devices: GpuDevice[];
  pools: GpuPool[];
}

/** The GPU pools the backend last read from the catalog's clusters, and imported GPUs. */
export interface PoolsApi {
  listPools(): Promise<GpuPool[]>;
  /** Every GPU imported from nvidia-smi output, in all clusters. */
  listInventory(): Promise<ImportedGpuDevice[]>;
  /** Replaces a cluster's imported GPUs with those of its nvidia-smi output. */
  importInventory(input: InventoryImportInput): Promise<InventoryImportResult>;
}

export const poolsApiRef = createApiRef<PoolsApi>({
  id: 'plugin.ai-platform.pools',
});
