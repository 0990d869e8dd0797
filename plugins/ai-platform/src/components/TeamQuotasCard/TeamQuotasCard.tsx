import { stringifyEntityRef } from '@backstage/catalog-model';
import { Table } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ALLOCATING_STATUSES,
  QuotaRequest,
} from '@ai-platform/plugin-ai-platform-common';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { quotaApiRef } from '../../api/quota';
import { CardFallback } from '../shared/CardFallback';
import { gpuHours, quotaColumns } from '../shared/quotaColumns';
import { useTeamUtilization } from '../TeamSpendCard/useTeamUtilization';

const fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Entity card for `Group` pages: the team's held and pending GPU quotas. */
export function TeamQuotasCard() {
  const { entity } = useEntity();
  const quotaApi = useApi(quotaApiRef);
  const teamRef = stringifyEntityRef(entity);
  const { loading, error, value } = useAsync(
    () =>
      quotaApi.listQuotas({
        teams: [teamRef],
        statuses: [...ALLOCATING_STATUSES, 'requested'],
      }),
    [quotaApi, teamRef],
  );
  const utilization = useTeamUtilization(teamRef);
  if (loading || error) {
    return (
      <CardFallback
        title="GPU quotas"
        error={error}
        errorTitle="Could not load the team's GPU quotas"
      />
    );
  }
  const quotas = value!;
  const held = quotas.filter(q =>
    (ALLOCATING_STATUSES as string[]).includes(q.status),
  );
  const heldGpus = held.reduce((sum, q) => sum + q.gpuCount, 0);
  const hours = held.reduce((sum, q) => sum + gpuHours(q), 0);
  return (
    <Table<QuotaRequest>
      title="GPU quotas"
      subtitle={[
        `${heldGpus} GPUs held`,
        `${fmt.format(hours)} GPU-hours allocated`,
        utilization.value,
      ]
        .filter(Boolean)
        .join(' · ')}
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={quotaColumns.filter(c => c.title !== 'Team')}
      data={quotas}
      emptyContent={
        <Typography sx={{ p: 2 }} color="text.secondary">
          This team holds no GPU quota and has no request waiting.
        </Typography>
      }
    />
  );
}
