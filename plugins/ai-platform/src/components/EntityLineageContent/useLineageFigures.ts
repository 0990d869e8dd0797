import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { ModelDriftStatus } from '@ai-platform/plugin-ai-platform-common';
import useAsync from 'react-use/esm/useAsync';
import { driftApiRef } from '../../api/drift';
import { spendApiRef } from '../../api/spend';
import { rangeOf } from '../shared/spend';

/** A figure the caller may not be allowed to see: a 403 gives undefined, not an error. */
async function unlessForbidden<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (e) {
    if (e instanceof ResponseError && e.statusCode === 403) return undefined;
    throw e;
  }
}

/**
 * Every monitored model's drift status by entity ref, in one call for the whole lineage; a model
 * missing from the map has no drift monitoring. Undefined when the caller may not read drift.
 */
export function useDriftStatuses() {
  const driftApi = useApi(driftApiRef);
  return useAsync(async () => {
    const models = await unlessForbidden(driftApi.listModelDrift());
    return (
      models &&
      new Map<string, ModelDriftStatus>(models.map(m => [m.modelRef, m.status]))
    );
  }, [driftApi]);
}

/**
 * Month-to-date spend of every team the caller may see, in one call; a team missing from the map
 * is one they may not see or that spent nothing. Undefined when they may not read spend at all.
 */
export function useTeamMonthSpend() {
  const spendApi = useApi(spendApiRef);
  return useAsync(async () => {
    const { from, to } = rangeOf('mtd');
    const teams = await unlessForbidden(spendApi.getTeamSpend({ from, to }));
    return (
      teams && {
        currency: teams.currency,
        byTeam: new Map(teams.items.map(t => [t.team, t.cost])),
      }
    );
  }, [spendApi]);
}
