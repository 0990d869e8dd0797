import { GpuDevice } from '@ai-platform/plugin-ai-platform-common';

/** A GPU as imported from one cluster's nvidia-smi output. */
export interface ImportedDevice extends GpuDevice {
  clusterRef: string;
  importedAt: string;
}

/** GPUs imported from nvidia-smi output, per cluster. */
export interface InventoryStore {
  /** Replaces the cluster's imported GPUs with these, in one transaction. */
  replaceCluster(
    clusterRef: string,
    devices: GpuDevice[],
    at: Date,
  ): Promise<void>;
  listDevices(): Promise<ImportedDevice[]>;
}
