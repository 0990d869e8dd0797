import {
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { GpuPool } from '@ai-platform/plugin-ai-platform-common';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { poolsApiRef } from '../../api/pools';

const columns: TableColumn<GpuPool>[] = [
  {
    title: 'Cluster',
    field: 'clusterRef',
    render: pool => <EntityRefLink entityRef={pool.clusterRef} />,
  },
  { title: 'GPU model', field: 'gpuModel' },
  { title: 'Memory (GiB)', field: 'memoryGiB', type: 'numeric' },
  { title: 'GPUs', field: 'capacity', type: 'numeric' },
  {
    title: 'Synced',
    field: 'syncedAt',
    render: pool => new Date(pool.syncedAt).toLocaleString(),
  },
];

/** GPU capacity per cluster and model, as the backend last read it. */
export function GpuCapacityCard() {
  const api = useApi(poolsApiRef);
  const {
    loading,
    error,
    value: pools,
  } = useAsync(() => api.listPools(), [api]);

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return (
      <ResponseErrorPanel error={error} title="Could not load GPU capacity" />
    );
  }
  const total = (pools ?? []).reduce((sum, pool) => sum + pool.capacity, 0);
  return (
    <Table<GpuPool>
      title={`GPU capacity · ${total} GPUs`}
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={pools ?? []}
      emptyContent={
        <Typography sx={{ p: 2 }} color="text.secondary">
          No GPU pools yet. They appear here a minute after a{' '}
          <code>gpu-cluster</code> Resource with <code>spec.gpuPools</code> is
          in the catalog.
        </Typography>
      }
    />
  );
}
