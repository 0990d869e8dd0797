import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  ModelDriftStatus,
  ModelDriftSummary,
} from '@ai-platform/plugin-ai-platform-common';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { driftApiRef } from '../../api/drift';
import { DriftStatusChip, formatDate, STATUS_RANK } from '../shared/drift';

const percent = new Intl.NumberFormat('en-US', { style: 'percent' });

const columns: TableColumn<ModelDriftSummary>[] = [
  {
    title: 'Model',
    field: 'modelRef',
    highlight: true,
    render: m => <EntityRefLink entityRef={m.modelRef} title={m.title} />,
  },
  {
    title: 'Team',
    field: 'owner',
    render: m =>
      m.owner ? <EntityRefLink entityRef={m.owner} defaultKind="group" /> : '–',
  },
  {
    title: 'Status',
    field: 'status',
    defaultSort: 'asc',
    customSort: (a, b) =>
      STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
      b.driftedShare - a.driftedShare,
    render: m => <DriftStatusChip status={m.status} />,
  },
  {
    title: 'Drifted features',
    field: 'driftedShare',
    render: m =>
      `${Math.round(m.driftedShare * m.featureCount)} of ${
        m.featureCount
      } (${percent.format(m.driftedShare)})`,
  },
  { title: 'Since', field: 'since', render: m => formatDate(m.since) },
  {
    title: 'Evaluated',
    field: 'evaluatedAt',
    render: m => formatDate(m.evaluatedAt),
  },
];

/** Every model's drift status, worst first, sortable by team and filterable by status. */
export function ModelDriftPage() {
  const api = useApi(driftApiRef);
  const [status, setStatus] = useState<ModelDriftStatus | 'all'>('all');
  const { loading, error, value } = useAsync(() => api.listModelDrift(), [api]);
  const rows = (value ?? []).filter(
    m => status === 'all' || m.status === status,
  );
  return (
    <Page themeId="tool">
      <Header
        title="Model drift"
        subtitle="Whether each model's inputs still look like what it was trained on"
      />
      <Content>
        <ContentHeader title="">
          <TextField
            select
            size="small"
            label="Status"
            value={status}
            onChange={e =>
              setStatus(e.target.value as ModelDriftStatus | 'all')
            }
            sx={{ minWidth: 160 }}
          >
            <MenuItem value="all">All</MenuItem>
            <MenuItem value="drifted">Drifted</MenuItem>
            <MenuItem value="warning">Warning</MenuItem>
            <MenuItem value="ok">OK</MenuItem>
          </TextField>
        </ContentHeader>
        {loading && <Progress />}
        {error && (
          <ResponseErrorPanel
            error={error}
            title="Could not load model drift"
          />
        )}
        {value && (
          <Table<ModelDriftSummary>
            title={`Models (${rows.length})`}
            options={{
              paging: rows.length > 20,
              pageSize: 20,
              padding: 'dense',
            }}
            columns={columns}
            data={rows}
            emptyContent={
              <Typography sx={{ p: 2 }} color="text.secondary">
                {value.length === 0
                  ? 'No model has drift results yet: push reference and current windows to POST /api/ai-platform/drift/windows.'
                  : 'No model has this status.'}
              </Typography>
            }
          />
        )}
      </Content>
    </Page>
  );
}
