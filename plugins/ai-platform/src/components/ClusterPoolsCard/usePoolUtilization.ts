import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import useAsync from 'react-use/esm/useAsync';
import { spendApiRef } from '../../api/spend';
import { rangeOf } from '../shared/spend';

/**
 * Per GPU model, the busy share of the GPU-hours teams held over the last 7 days, from spend's
 * idle-cost figures of the teams the caller may see; for cards of other domains. Models without
 * observed utilization are missing, not idle. A caller who may not see spend gets none.
 */
export function usePoolUtilization() {
  const spendApi = useApi(spendApiRef);
  return useAsync(async (): Promise<Map<string, number> | undefined> => {
    const idle = await spendApi
      .getIdleCost(rangeOf('7d'))
      .then(r => r.items)
      .catch(e => {
        if (e instanceof ResponseError && e.statusCode === 403)
          return undefined;
        throw e;
      });
    if (!idle) return undefined;
    const byModel = new Map<string, { capacity: number; used: number }>();
    for (const i of idle) {
      const sum = byModel.get(i.gpuModel) ?? { capacity: 0, used: 0 };
      sum.capacity += i.capacityGpuHours;
      sum.used += i.usedGpuHours;
      byModel.set(i.gpuModel, sum);
    }
    return new Map(
      [...byModel]
        .filter(([, s]) => s.capacity > 0)
        .map(([model, s]) => [model, s.used / s.capacity]),
    );
  }, [spendApi]);
}
