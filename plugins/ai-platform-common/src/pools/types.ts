/** GPU capacity of one GPU model in one cluster, as the backend serves it. */
export interface GpuPool {
  /** Entity ref of the `gpu-cluster` Resource, e.g. `resource:default/cluster-a`. */
  clusterRef: string;
  gpuModel: string;
  memoryGiB: number;
  capacity: number;
  /** When the pool was last read from the catalog (ISO 8601). */
  syncedAt: string;
}
