import { TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { QuotaRequest } from '@ai-platform/plugin-ai-platform-common';
import Chip from '@mui/material/Chip';

const STATUS_COLOR = {
  requested: 'warning',
  approved: 'success',
  active: 'primary',
  denied: 'error',
  expired: 'default',
  released: 'default',
} as const;

const day = (iso: string) => new Date(iso).toISOString().slice(0, 10);

/** GPU-hours a quota holds over its whole window. */
export function gpuHours(quota: QuotaRequest): number {
  return (
    (quota.gpuCount * (Date.parse(quota.endsAt) - Date.parse(quota.startsAt))) /
    3_600_000
  );
}

/** The columns every quota table shares. */
export const quotaColumns: TableColumn<QuotaRequest>[] = [
  {
    title: 'Team',
    field: 'teamRef',
    render: q => <EntityRefLink entityRef={q.teamRef} defaultKind="group" />,
  },
  {
    title: 'Pool',
    field: 'gpuModel',
    render: q => (
      <>
        {q.gpuModel} on <EntityRefLink entityRef={q.clusterRef} />
      </>
    ),
  },
  { title: 'GPUs', field: 'gpuCount', type: 'numeric' },
  {
    title: 'Window',
    field: 'startsAt',
    render: q => `${day(q.startsAt)} → ${day(q.endsAt)}`,
  },
  { title: 'Justification', field: 'justification' },
  {
    title: 'Status',
    field: 'status',
    render: q => (
      <Chip
        size="small"
        label={q.status}
        color={STATUS_COLOR[q.status]}
        title={q.decisionReason}
      />
    ),
  },
];
