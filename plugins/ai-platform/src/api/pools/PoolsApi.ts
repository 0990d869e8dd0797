import { createApiRef } from '@backstage/core-plugin-api';
import { GpuPool } from '@ai-platform/plugin-ai-platform-common';

/** The GPU pools the backend last read from the catalog's clusters. */
export interface PoolsApi {
  listPools(): Promise<GpuPool[]>;
}

export const poolsApiRef = createApiRef<PoolsApi>({
  id: 'plugin.ai-platform.pools',
});
