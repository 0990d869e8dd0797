import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  EnergyFigures,
  spendImportPermission,
  SpendSeries,
  SpendSourceStatus,
  SpendTeamsResponse,
  TeamSpend,
  UNALLOCATED_TEAM,
} from '@ai-platform/plugin-ai-platform-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import DownloadIcon from '@mui/icons-material/Download';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { BarChart } from '@mui/x-charts/BarChart';
import { SparkLineChart } from '@mui/x-charts/SparkLineChart';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { spendApiRef } from '../../api/spend';
import { approx, EnergyValue, formatKwh, formatWater } from '../shared/energy';
import {
  hours,
  money,
  percent,
  rangeOf,
  SPEND_PERIODS,
  SpendPeriod,
  StaleSourceBanners,
  TeamLink,
  teamLabel,
} from '../shared/spend';
import {
  METRIC_NOUN,
  metricFormat,
  metricOf,
  SPEND_METRICS,
  SpendMetric,
} from './metrics';
import { FocusImportDialog } from './FocusImportDialog';
import { SpendBreakdown } from './SpendBreakdown';

/** The chart shows the biggest teams one by one and the rest as one band. */
const CHART_TEAMS = 8;

/** Per team, a metric's value in each period of the series, in period order. */
function valuesByKey(
  series: SpendSeries,
  metric: SpendMetric,
): Map<string, number[]> {
  const index = new Map(series.periods.map((p, i) => [p, i]));
  const out = new Map<string, number[]>();
  for (const point of series.points) {
    const values = out.get(point.key) ?? series.periods.map(() => 0);
    values[index.get(point.period)!] += metricOf(point, metric);
    out.set(point.key, values);
  }
  return out;
}

/** Sorts teams without energy data below those with some, whichever way. */
const energySort =
  (pick: (e: EnergyFigures) => number) => (a: TeamSpend, b: TeamSpend) =>
    (a.energy ? pick(a.energy) : -1) - (b.energy ? pick(b.energy) : -1);

type Row = TeamSpend & { id: string; trend: number[] };

/** The "Compute spend" page: who spends what on compute, on what, and whether it is used. */
export function ComputeSpendPage() {
  const api = useApi(spendApiRef);
  const alertApi = useApi(alertApiRef);
  const [params, setParams] = useSearchParams();
  const period = (params.get('period') as SpendPeriod) ?? '30d';
  const selectedTeam = params.get('team') ?? undefined;
  const metricParam = params.get('metric') ?? '';
  const metric: SpendMetric = Object.hasOwn(SPEND_METRICS, metricParam)
    ? (metricParam as SpendMetric)
    : 'cost';
  const range = useMemo(() => rangeOf(period), [period]);
  const [refreshKey, setRefreshKey] = useState(0);
  const { allowed: canImport } = usePermission({
    permission: spendImportPermission,
  });
  const [importing, setImporting] = useState(false);

  const data = useAsync(async () => {
    const [series, teams, sources] = await Promise.all([
      api.getSpendSeries({ ...range, dimension: 'team' }),
      api.getTeamSpend({ from: range.from, to: range.to }),
      api.listSpendSources(),
    ]);
    return { series, teams, sources };
  }, [api, range, refreshKey]);

  const [downloading, setDownloading] = useState(false);
  const download = async () => {
    setDownloading(true);
    try {
      const blob = await api.exportSpendCsv({ ...range, dimension: 'team' });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `compute-spend-${range.from}-${range.to}.csv`;
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      alertApi.post({
        message: `CSV export failed: ${(e as Error).message}`,
        severity: 'error',
      });
    } finally {
      setDownloading(false);
    }
  };

  const setParam = (key: string, value?: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <Page themeId="tool">
      <Header
        title="Compute spend"
        subtitle="What each team spends on compute, on what, and how much of it sits idle"
      />
      <Content>
        <ContentHeader title={SPEND_PERIODS[period]}>
          <ToggleButtonGroup
            size="small"
            exclusive
            value={period}
            onChange={(_, value) => value && setParam('period', value)}
            aria-label="Period"
          >
            {Object.entries(SPEND_PERIODS).map(([key, title]) => (
              <ToggleButton key={key} value={key}>
                {title}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
          <ToggleButtonGroup
            size="small"
            exclusive
            value={metric}
            onChange={(_, value) =>
              value && setParam('metric', value === 'cost' ? undefined : value)
            }
            aria-label="Metric"
            sx={{ ml: 2 }}
          >
            {Object.entries(SPEND_METRICS).map(([key, title]) => (
              <ToggleButton key={key} value={key}>
                {title}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
          <Button
            sx={{ ml: 2 }}
            startIcon={<DownloadIcon />}
            onClick={download}
            disabled={downloading}
          >
            CSV
          </Button>
          {canImport && (
            <Button
              sx={{ ml: 1 }}
              startIcon={<UploadFileIcon />}
              onClick={() => setImporting(true)}
            >
              Import FOCUS file
            </Button>
          )}
        </ContentHeader>
        {importing && (
          <FocusImportDialog
            onClose={() => setImporting(false)}
            onImported={() => setRefreshKey(k => k + 1)}
          />
        )}
        {data.loading && <Progress />}
        {data.error && (
          <ResponseErrorPanel
            error={data.error}
            title="Could not load compute spend"
          />
        )}
        {data.value && (
          <SpendContent
            {...data.value}
            range={range}
            metric={metric}
            refreshKey={refreshKey}
            selectedTeam={selectedTeam}
            onSelectTeam={team => setParam('team', team)}
          />
        )}
      </Content>
    </Page>
  );
}

function SpendContent(props: {
  series: SpendSeries;
  teams: SpendTeamsResponse;
  sources: SpendSourceStatus[];
  range: ReturnType<typeof rangeOf>;
  metric: SpendMetric;
  refreshKey: number;
  selectedTeam?: string;
  onSelectTeam: (team?: string) => void;
}) {
  const {
    series,
    teams,
    sources,
    range,
    metric,
    refreshKey,
    selectedTeam,
    onSelectTeam,
  } = props;
  const fmt = money(teams.currency);
  const metricFmt = metricFormat(metric, teams.currency);
  const byTeam = valuesByKey(series, metric);
  const costByTeam = metric === 'cost' ? byTeam : valuesByKey(series, 'cost');
  const energyTotal = teams.items.some(t => t.energy)
    ? teams.total.energy
    : undefined;

  if (!teams.items.length) {
    return (
      <>
        <StaleSourceBanners sources={sources} />
        <InfoCard title="No spend yet">
          <Typography>
            No spend has been recorded for the teams you can see in this period.
            Spend arrives from the configured sources (OpenCost, Prometheus, the
            quota ledger) and from FOCUS billing files, which finance imports
            with “Import FOCUS file” above or <code>yarn spend:import</code>.
          </Typography>
        </InfoCard>
      </>
    );
  }

  const ranked = [...byTeam.entries()].sort(
    (a, b) => b[1].reduce((s, v) => s + v, 0) - a[1].reduce((s, v) => s + v, 0),
  );
  const shown = ranked.slice(0, CHART_TEAMS);
  const rest = ranked.slice(CHART_TEAMS);
  const chartSeries = [
    ...shown.map(([team, data]) => ({
      id: team,
      label: teamLabel(team),
      data,
      stack: 'spend',
      valueFormatter: (v: number | null) => metricFmt.value(v ?? 0),
    })),
    ...(rest.length
      ? [
          {
            id: 'other',
            label: `${rest.length} other teams`,
            data: series.periods.map((_, i) =>
              rest.reduce((s, [, d]) => s + d[i], 0),
            ),
            stack: 'spend',
            valueFormatter: (v: number | null) => metricFmt.value(v ?? 0),
          },
        ]
      : []),
  ];

  const rows: Row[] = teams.items.map(t => ({
    ...t,
    id: t.team,
    trend: costByTeam.get(t.team) ?? [],
  }));
  const columns: TableColumn<Row>[] = [
    {
      title: 'Team',
      field: 'team',
      highlight: true,
      render: r => <TeamLink team={r.team} />,
    },
    {
      title: 'Spend',
      field: 'cost',
      type: 'numeric',
      defaultSort: 'desc',
      render: r => fmt.format(r.cost),
    },
    {
      title: 'Energy',
      field: 'energy.energyKwh',
      type: 'numeric',
      customSort: energySort(e => e.energyKwh),
      render: r => <EnergyValue figures={r.energy} metric="energy" />,
    },
    {
      title: 'CO₂e',
      field: 'energy.carbonKg',
      type: 'numeric',
      customSort: energySort(e => e.carbonKg),
      render: r => <EnergyValue figures={r.energy} metric="carbon" />,
    },
    {
      title: 'Change',
      field: 'change',
      type: 'numeric',
      render: r =>
        r.previousCost > 0
          ? `${r.change >= 0 ? '+' : ''}${percent.format(
              r.change / r.previousCost,
            )}`
          : 'new',
    },
    {
      title: 'Trend',
      field: 'trend',
      sorting: false,
      render: r => (
        <Box sx={{ width: 120, height: 32 }}>
          <SparkLineChart
            data={r.trend}
            height={32}
            width={120}
            area
            curve="linear"
          />
        </Box>
      ),
    },
    {
      title: 'GPU-hours',
      field: 'gpuHours',
      type: 'numeric',
      render: r => hours.format(r.gpuHours),
    },
    {
      title: 'Idle GPU cost',
      field: 'idleCost',
      type: 'numeric',
      render: r =>
        r.idleGpuHours > 0
          ? `${fmt.format(r.idleCost)} (${hours.format(r.idleGpuHours)} h)`
          : '–',
    },
  ];

  return (
    <>
      <StaleSourceBanners sources={sources} />
      <Grid container spacing={3}>
        <Grid item xs={12} md={9}>
          <InfoCard
            title={`${METRIC_NOUN[metric]} by team`}
            subheader={`${range.from} to ${range.to}, per ${range.granularity}`}
          >
            {metric !== 'cost' && !energyTotal ? (
              <Typography color="text.secondary" data-testid="no-energy">
                No GPU power or utilization data in this period, so no energy or
                CO₂e to show. Energy comes from the Prometheus source (DCGM
                power or utilization of the GPUs).
              </Typography>
            ) : (
              <BarChart
                height={320}
                xAxis={[{ scaleType: 'band', data: series.periods }]}
                yAxis={[{ valueFormatter: metricFmt.axis, width: 64 }]}
                series={chartSeries}
                margin={{ left: 24 }}
              />
            )}
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={3}>
          <InfoCard title="Total">
            <Typography variant="h4" data-testid="spend-total">
              {fmt.format(teams.total.cost)}
            </Typography>
            <Typography color="text.secondary">
              {teams.total.previousCost > 0
                ? `${percent.format(
                    (teams.total.cost - teams.total.previousCost) /
                      teams.total.previousCost,
                  )} against the period before`
                : 'nothing in the period before'}
            </Typography>
            <Typography sx={{ mt: 2 }}>
              {hours.format(teams.total.gpuHours)} GPU-hours
            </Typography>
            <Typography>
              Idle GPU cost {fmt.format(teams.total.idleCost)}
              {teams.total.cost > 0
                ? ` (${percent.format(
                    teams.total.idleCost / teams.total.cost,
                  )} of spend)`
                : ''}
            </Typography>
            {teams.items.some(t => t.team === UNALLOCATED_TEAM) && (
              <Typography color="warning.main" sx={{ mt: 2 }}>
                Unallocated:{' '}
                {fmt.format(
                  teams.items.find(t => t.team === UNALLOCATED_TEAM)!.cost,
                )}{' '}
                — map its namespaces, labels or tags to a team with annotations.
              </Typography>
            )}
            <TotalEnergy energy={energyTotal} />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <Table<Row>
            title="Teams"
            subtitle="Select a team to break its spend down by resource type, GPU model and cluster"
            options={{
              paging: teams.items.length > 20,
              pageSize: 20,
              search: true,
              padding: 'dense',
              rowStyle: (row: Row) =>
                row.team === selectedTeam
                  ? { backgroundColor: 'rgba(25, 118, 210, 0.12)' }
                  : {},
            }}
            columns={columns}
            data={rows}
            onRowClick={(_, row) =>
              row &&
              onSelectTeam(row.team === selectedTeam ? undefined : row.team)
            }
          />
        </Grid>
        <Grid item xs={12}>
          <SpendBreakdown
            range={range}
            team={selectedTeam}
            currency={teams.currency}
            metric={metric}
            refreshKey={refreshKey}
            onClear={() => onSelectTeam(undefined)}
          />
        </Grid>
      </Grid>
    </>
  );
}

/** The period's energy in the totals: IT and facility energy, CO₂e, and water where known. */
function TotalEnergy(props: { energy?: EnergyFigures }) {
  const { energy } = props;
  return (
    <Box sx={{ mt: 2 }} data-testid="energy-total">
      <Typography>
        Energy <EnergyValue figures={energy} metric="energy" />
      </Typography>
      {energy && (
        <Typography variant="body2" color="text.secondary">
          {approx(energy)}
          {formatKwh(energy.facilityEnergyKwh)} with facility overhead,{' '}
          <EnergyValue figures={energy} metric="carbon" /> CO₂e
          {energy.waterLitres > 0
            ? `, ${formatWater(energy.waterLitres)} of water`
            : ''}
        </Typography>
      )}
    </Box>
  );
}
