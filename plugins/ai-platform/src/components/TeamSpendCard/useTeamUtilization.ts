import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import useAsync from 'react-use/esm/useAsync';
import { spendApiRef } from '../../api/spend';
import { percent, rangeOf } from '../shared/spend';

/**
 * A team's GPU utilization over the last 7 days as a phrase, from spend's idle-cost figures; for
 * cards of other domains (the team's GPU quotas). A caller who may not see spend gets none.
 */
export function useTeamUtilization(teamRef: string) {
  const spendApi = useApi(spendApiRef);
  return useAsync(async (): Promise<string | undefined> => {
    const idle = await spendApi
      .getIdleCost({ ...rangeOf('7d'), team: teamRef })
      .then(r => r.items)
      .catch(e => {
        if (e instanceof ResponseError && e.statusCode === 403)
          return undefined;
        throw e;
      });
    if (!idle) return undefined;
    const capacity = idle.reduce((sum, i) => sum + i.capacityGpuHours, 0);
    const busy = idle.reduce((sum, i) => sum + i.usedGpuHours, 0);
    return capacity > 0
      ? `${percent.format(busy / capacity)} utilized over the last 7 days`
      : 'utilization not reported yet';
  }, [spendApi, teamRef]);
}
