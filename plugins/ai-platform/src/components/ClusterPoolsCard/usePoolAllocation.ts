import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import useAsync from 'react-use/esm/useAsync';
import { quotaApiRef } from '../../api/quota';

export const poolKey = (pool: { clusterRef: string; gpuModel: string }) =>
  `${pool.clusterRef}\u0000${pool.gpuModel}`;

/**
 * The GPUs each pool has allocated right now to approved and active quotas, by `poolKey`, for
 * cards of other domains. A caller who may not read quotas gets none.
 */
export function usePoolAllocation() {
  const quotaApi = useApi(quotaApiRef);
  return useAsync(async (): Promise<Map<string, number> | undefined> => {
    const now = new Date();
    // The ledger answers steps from `from` on; a one-minute window holds just the current one.
    const pools = await quotaApi
      .getAllocation(now, new Date(now.getTime() + 60_000))
      .catch(e => {
        if (e instanceof ResponseError && e.statusCode === 403)
          return undefined;
        throw e;
      });
    if (!pools) return undefined;
    return new Map(pools.map(p => [poolKey(p), p.steps[0]?.allocated ?? 0]));
  }, [quotaApi]);
}
