import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { SpendSeries } from '@ai-platform/plugin-ai-platform-common';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import { BarChart } from '@mui/x-charts/BarChart';
import useAsync from 'react-use/esm/useAsync';
import { spendApiRef } from '../../api/spend';
import { compactMoney, money, rangeOf, teamLabel } from '../shared/spend';

function totals(series: SpendSeries) {
  const byKey = new Map<string, number>();
  for (const p of series.points)
    byKey.set(p.key, (byKey.get(p.key) ?? 0) + p.cost);
  return [...byKey.entries()].sort((a, b) => b[1] - a[1]);
}

/** Drill-down: one team's (or everyone's) spend by resource type and by GPU model. */
export function SpendBreakdown(props: {
  range: ReturnType<typeof rangeOf>;
  team?: string;
  currency: string;
  onClear: () => void;
}) {
  const api = useApi(spendApiRef);
  const { range, team } = props;
  const { loading, error, value } = useAsync(async () => {
    const query = { ...range, team };
    const [byType, byModel] = await Promise.all([
      api.getSpendSeries({ ...query, dimension: 'resourceType' }),
      api.getSpendSeries({ ...query, dimension: 'gpuModel' }),
    ]);
    return {
      byType: totals(byType),
      byModel: totals(byModel).filter(([model]) => model),
    };
  }, [api, range, team]);
  const fmt = money(props.currency);
  const axisFmt = compactMoney(props.currency);
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
  const chart = (rows: [string, number][], label: string) => (
    <BarChart
      height={Math.max(120, 44 * rows.length)}
      layout="horizontal"
      yAxis={[{ scaleType: 'band', data: rows.map(([k]) => k), width: 180 }]}
      xAxis={[{ valueFormatter: (v: number) => axisFmt.format(v) }]}
      series={[
        {
          data: rows.map(([, v]) => v),
          label,
          valueFormatter: (v: number | null) => fmt.format(v ?? 0),
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
        <Grid item xs={12} md={6}>
          <strong>By resource type</strong>
          {chart(value!.byType, 'Spend')}
        </Grid>
        <Grid item xs={12} md={6}>
          <strong>GPU spend by model</strong>
          {value!.byModel.length ? (
            chart(value!.byModel, 'GPU spend')
          ) : (
            <p>No GPU spend in this period.</p>
          )}
        </Grid>
      </Grid>
    </InfoCard>
  );
}
