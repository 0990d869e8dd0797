import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import { Gauge } from '@mui/x-charts/Gauge';
import { SparkLineChart } from '@mui/x-charts/SparkLineChart';
import useAsync from 'react-use/esm/useAsync';
import { spendApiRef } from '../../api/spend';
import { computeSpendRouteRef } from '../../routes';
import { CardFallback } from '../shared/CardFallback';
import { EnergyValue, NoEnergy } from '../shared/energy';
import { money, percent, rangeOf } from '../shared/spend';

const STATE_TEXT = {
  ok: 'on track',
  'at-risk': 'forecast above budget',
  over: 'over budget',
  'no-budget': 'no budget set',
} as const;

/**
 * Entity card for `Group` pages: spend trend with the energy and CO₂e behind it, this month's
 * budget and the idle share.
 */
export function TeamSpendCard() {
  const { entity } = useEntity();
  const api = useApi(spendApiRef);
  const spendPage = useRouteRef(computeSpendRouteRef);
  const team = stringifyEntityRef(entity);
  const { loading, error, value } = useAsync(async () => {
    const range = rangeOf('90d');
    const [series, teams, budgets] = await Promise.all([
      api.getSpendSeries({ ...range, team, dimension: 'team' }),
      api.getTeamSpend({ ...rangeOf('30d'), team }),
      api.getSpendBudgets(),
    ]);
    return {
      currency: teams.currency,
      daily: series.periods.map(p =>
        series.points
          .filter(pt => pt.period === p)
          .reduce((s, pt) => s + pt.cost, 0),
      ),
      month: teams.items[0],
      budget: budgets.items.find(b => b.team === team),
    };
  }, [api, team]);

  if (loading || error) {
    return (
      <CardFallback
        title="Compute spend"
        error={error}
        errorTitle="Could not load the team's compute spend"
      />
    );
  }
  const { currency, daily, month, budget } = value!;
  const fmt = money(currency);
  const used = budget?.budget ? budget.spent / budget.budget : undefined;
  return (
    <InfoCard
      title="Compute spend"
      deepLink={{
        title: 'Open in Compute spend',
        link: `${spendPage()}?team=${encodeURIComponent(team)}`,
      }}
    >
      {!month && !budget?.spent ? (
        <Typography color="text.secondary">
          No compute spend recorded for this team in the last 90 days.
        </Typography>
      ) : (
        <Grid container spacing={2} alignItems="center">
          <Grid item xs={12} sm={7}>
            <Typography variant="h5">{fmt.format(month?.cost ?? 0)}</Typography>
            <Typography color="text.secondary" variant="body2">
              last 30 days
              {month && month.previousCost > 0
                ? `, ${month.change >= 0 ? '+' : ''}${percent.format(
                    month.change / month.previousCost,
                  )} on the 30 before`
                : ''}
            </Typography>
            <Typography variant="body2" data-testid="team-energy">
              Energy:{' '}
              {month?.energy ? (
                <>
                  <EnergyValue figures={month.energy} metric="energy" /> ·{' '}
                  <EnergyValue figures={month.energy} metric="carbon" /> CO₂e
                </>
              ) : (
                <NoEnergy />
              )}
            </Typography>
            <Box
              sx={{ height: 56, mt: 1 }}
              aria-label="Daily spend, last 90 days"
            >
              <SparkLineChart data={daily} height={56} area curve="linear" />
            </Box>
            <Typography variant="body2" data-testid="idle-share">
              Idle GPU share:{' '}
              {month && month.cost > 0 && month.idleGpuHours > 0
                ? `${percent.format(
                    month.idleCost / month.cost,
                  )} of spend (${fmt.format(month.idleCost)})`
                : 'no utilization data'}
            </Typography>
          </Grid>
          <Grid item xs={12} sm={5} sx={{ textAlign: 'center' }}>
            {used !== undefined ? (
              <>
                <Gauge
                  height={120}
                  value={Math.min(100, Math.round(used * 100))}
                  text={`${Math.round(used * 100)} %`}
                  startAngle={-110}
                  endAngle={110}
                  aria-label="Share of this month's budget spent"
                />
                <Typography variant="body2">
                  {fmt.format(budget!.spent)} of {fmt.format(budget!.budget!)}{' '}
                  this month
                </Typography>
                <Typography
                  variant="body2"
                  color={
                    budget!.state === 'ok' ? 'text.secondary' : 'warning.main'
                  }
                  data-testid="budget-state"
                >
                  Forecast {fmt.format(budget!.forecast)}:{' '}
                  {STATE_TEXT[budget!.state]}
                </Typography>
              </>
            ) : (
              <Typography color="text.secondary">
                No monthly budget: set the{' '}
                <code>ai-platform.io/monthly-budget</code> annotation.
              </Typography>
            )}
          </Grid>
        </Grid>
      )}
    </InfoCard>
  );
}
