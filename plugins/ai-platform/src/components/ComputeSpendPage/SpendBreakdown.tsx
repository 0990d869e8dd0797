import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  SpendDimension,
  SpendSeries,
} from '@ai-platform/plugin-ai-platform-common';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import { BarChart } from '@mui/x-charts/BarChart';
import useAsync from 'react-use/esm/useAsync';
import { spendApiRef } from '../../api/spend';
import { rangeOf, teamLabel } from '../shared/spend';
import {
  METRIC_NOUN,
  METRIC_TEXT,
  metricFormat,
  metricOf,
  SpendMetric,
} from './metrics';

/** The dimensions a team's spend is broken down by, each in its own chart. */
const BREAKDOWNS: Array<{
  dimension: Extract<SpendDimension, 'resourceType' | 'gpuModel' | 'cluster'>;
  title: string;
}> = [
  { dimension: 'resourceType', title: 'By resource type' },
  { dimension: 'gpuModel', title: 'By GPU model' },
  { dimension: 'cluster', title: 'By cluster' },
];

/**
 * Each key's total of a metric, largest first, leaving out keys without any. Usage of no GPU
 * model is not GPU usage, so that chart leaves it out; usage of no known cluster stays, so the
 * clusters add up to the total.
 */
function totals(
  series: SpendSeries,
  dimension: SpendDimension,
  metric: SpendMetric,
): [string, number][] {
  const byKey = new Map<string, number>();
  for (const p of series.points) {
    if (!p.key && dimension !== 'cluster') continue;
    const key = p.key || 'Unknown cluster';
    byKey.set(key, (byKey.get(key) ?? 0) + metricOf(p, metric));
  }
  return [...byKey.entries()]
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1]);
}

/** Drill-down: one team's (or everyone's) spend, energy or CO₂e by resource type, GPU model and cluster. */
export function SpendBreakdown(props: {
  range: ReturnType<typeof rangeOf>;
  team?: string;
  currency: string;
  metric: SpendMetric;
  onClear: () => void;
  /** Changes when the spend has changed, e.g. after an import. */
  refreshKey?: number;
}) {
  const api = useApi(spendApiRef);
  const { range, team, metric, refreshKey } = props;
  const { loading, error, value } = useAsync(
    () =>
      Promise.all(
        BREAKDOWNS.map(b =>
          api.getSpendSeries({ ...range, team, dimension: b.dimension }),
        ),
      ),
    [api, range, team, refreshKey],
  );
  const fmt = metricFormat(metric, props.currency);
  const noun = METRIC_NOUN[metric];
  const text = METRIC_TEXT[metric];
  const title = team ? `Breakdown: ${teamLabel(team)}` : 'Breakdown: all teams';

  if (loading)
    return (
      <InfoCard title={title}>
        <Progress />
      </InfoCard>
    );
  if (error)
    return (
      <ResponseErrorPanel error={error} title="Could not load the breakdown" />
    );
  const chart = (rows: [string, number][]) => (
    <BarChart
      height={Math.max(120, 44 * rows.length)}
      layout="horizontal"
      yAxis={[{ scaleType: 'band', data: rows.map(([k]) => k), width: 180 }]}
      xAxis={[{ valueFormatter: fmt.axis }]}
      series={[
        {
          data: rows.map(([, v]) => v),
          label: noun,
          valueFormatter: (v: number | null) => fmt.value(v ?? 0),
        },
      ]}
      hideLegend
    />
  );
  return (
    <InfoCard
      title={title}
      action={
        team ? <Button onClick={props.onClear}>All teams</Button> : undefined
      }
    >
      <Grid container spacing={2} data-testid="spend-breakdown">
        {BREAKDOWNS.map((b, i) => {
          const rows = totals(value![i], b.dimension, metric);
          return (
            <Grid item xs={12} md={4} key={b.dimension}>
              <strong>{b.title}</strong>
              {rows.length ? (
                chart(rows)
              ) : (
                <p>
                  No {b.dimension === 'gpuModel' ? 'GPU ' : ''}
                  {text} in this period.
                </p>
              )}
            </Grid>
          );
        })}
      </Grid>
    </InfoCard>
  );
}
