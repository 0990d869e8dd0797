import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import { LineChart } from '@mui/x-charts/LineChart';
import { PoolAllocation } from '@ai-platform/plugin-ai-platform-common';
import useAsync from 'react-use/esm/useAsync';
import { quotaApiRef } from '../../api/quota';

const DAYS = 30;

/** The allocated steps as values at each day, so every pool shares one time axis. */
function dailySeries(pool: PoolAllocation, days: Date[]) {
  return days.map(d => {
    const current = [...pool.steps]
      .reverse()
      .find(s => Date.parse(s.at) <= d.getTime());
    return current?.allocated ?? 0;
  });
}

/** Capacity against allocated GPUs per pool, for the next 30 days. */
export function CapacityChart(props: { refreshKey?: number }) {
  const api = useApi(quotaApiRef);
  const { loading, error, value } = useAsync(async () => {
    const from = new Date();
    from.setUTCHours(0, 0, 0, 0);
    const to = new Date(from.getTime() + DAYS * 86_400_000);
    const days = Array.from(
      { length: DAYS },
      (_, i) => new Date(from.getTime() + i * 86_400_000),
    );
    return { days, pools: await api.getAllocation(from, to) };
  }, [api, props.refreshKey]);

  if (loading) return <Progress />;
  if (error)
    return (
      <ResponseErrorPanel
        error={error}
        title="Could not load pool allocation"
      />
    );
  const { days, pools } = value!;
  if (pools.length === 0) {
    return (
      <InfoCard title="Capacity and allocation">
        <Typography color="text.secondary">No GPU pools yet.</Typography>
      </InfoCard>
    );
  }
  return (
    <Grid container spacing={2}>
      {pools.map(pool => (
        <Grid item xs={12} md={6} key={`${pool.clusterRef}/${pool.gpuModel}`}>
          <InfoCard
            title={`${pool.gpuModel} · ${humanizeEntityRef(
              parseEntityRef(pool.clusterRef),
              { defaultKind: 'resource' },
            )}`}
            subheader={`${pool.capacity} GPUs; allocated by approved and active quotas, next ${DAYS} days`}
          >
            <LineChart
              height={220}
              xAxis={[
                {
                  data: days,
                  scaleType: 'time',
                  valueFormatter: (d: Date) => d.toISOString().slice(5, 10),
                },
              ]}
              yAxis={[{ min: 0, max: Math.max(pool.capacity, 1) }]}
              series={[
                {
                  data: days.map(() => pool.capacity),
                  label: 'Capacity',
                  showMark: false,
                  color: '#9e9e9e',
                },
                {
                  data: dailySeries(pool, days),
                  label: 'Allocated',
                  showMark: false,
                  curve: 'stepAfter',
                  area: true,
                },
              ]}
            />
          </InfoCard>
        </Grid>
      ))}
    </Grid>
  );
}
