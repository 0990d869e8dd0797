import { GpuPool } from '@ai-platform/plugin-ai-platform-common';

/** Where GPU pools are kept between catalog syncs. */
export interface PoolStore {
  listPools(): Promise<GpuPool[]>;
  /** Replaces every pool with the given set, in one transaction. */
  replaceAll(pools: GpuPool[]): Promise<void>;
}
