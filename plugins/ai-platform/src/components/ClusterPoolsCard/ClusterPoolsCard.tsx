import { stringifyEntityRef } from '@backstage/catalog-model';
import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { GpuPool, sameGpuModel } from '@ai-platform/plugin-ai-platform-common';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { poolsApiRef } from '../../api/pools';
import { CardFallback } from '../shared/CardFallback';
import { percent } from '../shared/spend';
import { poolKey, usePoolAllocation } from './usePoolAllocation';
import { usePoolUtilization } from './usePoolUtilization';

/** Pools sync every minute by default; an hour without one means the sync is failing. */
const STALE_AFTER_MS = 60 * 60 * 1000;

/** A figure, one still loading, or why there is none, with the reason on hover. */
type Figure = { value: string } | { loading: true } | { missing: string };

type Row = GpuPool & { id: string; allocated: Figure; utilization: Figure };

function FigureCell(props: { figure: Figure }) {
  const { figure } = props;
  if ('value' in figure) return <>{figure.value}</>;
  if ('loading' in figure) {
    return (
      <Box component="span" aria-label="loading">
        …
      </Box>
    );
  }
  return (
    <Tooltip title={figure.missing}>
      <Box component="span" aria-label={figure.missing}>
        –
      </Box>
    </Tooltip>
  );
}

const columns: TableColumn<Row>[] = [
  { title: 'GPU model', field: 'gpuModel', highlight: true },
  { title: 'Memory (GiB)', field: 'memoryGiB', type: 'numeric' },
  { title: 'GPUs', field: 'capacity', type: 'numeric' },
  {
    title: 'Allocated (quotas)',
    type: 'numeric',
    sorting: false,
    render: r => <FigureCell figure={r.allocated} />,
  },
  {
    title: 'Utilization (7 days)',
    type: 'numeric',
    sorting: false,
    render: r => <FigureCell figure={r.utilization} />,
  },
];

/**
 * Entity card for `gpu-cluster` Resources: each GPU pool's capacity, what quotas allocate of it
 * now, and how busy its GPUs were where spend knows.
 */
export function ClusterPoolsCard() {
  const { entity } = useEntity();
  const poolsApi = useApi(poolsApiRef);
  const clusterRef = stringifyEntityRef(entity);
  const pools = useAsync(() => poolsApi.listPools(), [poolsApi]);
  const allocation = usePoolAllocation();
  const utilization = usePoolUtilization();
  if (pools.loading || pools.error) {
    return (
      <CardFallback
        title="GPU pools"
        error={pools.error}
        errorTitle="Could not load the cluster's GPU pools"
      />
    );
  }
  const all = pools.value!;
  const mine = all.filter(p => p.clusterRef === clusterRef);
  // Spend has no cluster dimension: a model's utilization is this pool's only if no other
  // cluster has the model.
  const elsewhere = all
    .filter(p => p.clusterRef !== clusterRef)
    .map(p => p.gpuModel);

  const allocatedOf = (pool: GpuPool): Figure => {
    if (allocation.loading) return { loading: true };
    if (allocation.error) {
      return {
        missing: `quotas could not be read: ${allocation.error.message}`,
      };
    }
    if (!allocation.value) return { missing: 'you may not read GPU quotas' };
    const allocated = allocation.value.get(poolKey(pool)) ?? 0;
    return {
      value: `${allocated} (${percent.format(
        pool.capacity ? allocated / pool.capacity : 0,
      )})`,
    };
  };
  const utilizationOf = (pool: GpuPool): Figure => {
    if (utilization.loading) return { loading: true };
    if (utilization.error) {
      return {
        missing: `spend could not be read: ${utilization.error.message}`,
      };
    }
    if (!utilization.value) return { missing: 'you may not see compute spend' };
    if (elsewhere.some(model => sameGpuModel(model, pool.gpuModel))) {
      return {
        missing:
          'other clusters have this GPU model, and spend does not split it by cluster',
      };
    }
    // Spend names models as DCGM does (`NVIDIA H100 80GB HBM3`), pools as the catalog does.
    const share = [...utilization.value].find(([model]) =>
      sameGpuModel(model, pool.gpuModel),
    )?.[1];
    return share === undefined
      ? { missing: 'no utilization reported for this model' }
      : { value: percent.format(share) };
  };
  const rows: Row[] = mine.map(p => ({
    ...p,
    id: poolKey(p),
    allocated: allocatedOf(p),
    utilization: utilizationOf(p),
  }));

  const total = mine.reduce((sum, p) => sum + p.capacity, 0);
  const syncedAt = Math.min(...mine.map(p => Date.parse(p.syncedAt)));
  const stale = mine.length > 0 && Date.now() - syncedAt > STALE_AFTER_MS;
  return (
    <Box>
      {stale && (
        <Alert severity="warning" sx={{ mb: 1 }}>
          These pools were last read from the catalog{' '}
          {new Date(syncedAt).toLocaleString()}: the pool sync may be failing,
          so the counts may be out of date.
        </Alert>
      )}
      <Table<Row>
        title="GPU pools"
        subtitle={[
          `${total} GPUs`,
          'utilization: busy share of the GPU-hours held by the teams you can see',
        ].join(' · ')}
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={rows}
        emptyContent={
          <Typography sx={{ p: 2 }} color="text.secondary">
            No GPU pools read from this cluster yet. They appear a minute after
            its <code>spec.gpuPools</code> is in the catalog.
          </Typography>
        }
      />
    </Box>
  );
}
