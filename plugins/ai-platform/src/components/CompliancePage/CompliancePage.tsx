import {
  Content,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  ComplianceCheck,
  ComplianceHeatmap,
} from '@ai-platform/plugin-ai-platform-common';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import { LineChart } from '@mui/x-charts/LineChart';
import useAsync from 'react-use/esm/useAsync';
import { complianceApiRef } from '../../api/compliance';
import { categoryLabel, LevelBadge } from '../ComplianceScorecardCard/levels';
import { ComplianceHeatmapTable, percent } from './ComplianceHeatmapTable';

/** What a check asks of its fact, in words. */
export function ruleText(check: ComplianceCheck): string {
  const v = check.value === undefined ? '' : String(check.value);
  const rule = {
    exists: 'is present',
    equals: `equals ${v}`,
    gte: `is at least ${v}`,
    lte: `is at most ${v}`,
    withinDays: `is no older than ${v} days`,
    matches: `matches /${v}/`,
  }[check.operator];
  const when = check.when
    ? ` (only where ${check.when.fact} is ${String(check.when.equals)})`
    : '';
  return `${check.fact} ${rule}${when}`;
}

function appliesToText(check: ComplianceCheck): string {
  return check.appliesTo
    .map(a => (a.types?.length ? `${a.kind} (${a.types.join(', ')})` : a.kind))
    .join('; ');
}

const checkColumns: TableColumn<ComplianceCheck>[] = [
  {
    title: 'Check',
    field: 'title',
    highlight: true,
    render: c => (
      <>
        <Typography variant="body2" sx={{ fontWeight: 500 }}>
          {c.title}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {c.description}
        </Typography>
      </>
    ),
  },
  {
    title: 'Category',
    field: 'category',
    render: c => categoryLabel(c.category),
  },
  {
    title: 'Level',
    field: 'level',
    render: c => <LevelBadge level={c.level} />,
  },
  {
    title: 'Applies to',
    render: c => appliesToText(c),
    customFilterAndSearch: (term: string, c: ComplianceCheck) =>
      appliesToText(c).toLocaleLowerCase().includes(term.toLocaleLowerCase()),
  },
  {
    title: 'Rule',
    field: 'fact',
    render: c => <code>{ruleText(c)}</code>,
  },
  {
    title: 'How to fix',
    field: 'remediation',
    render: c => (
      <>
        {c.remediation}
        {c.remediationUrl && (
          <>
            {' '}
            <Link to={c.remediationUrl}>Read more</Link>
          </>
        )}
      </>
    ),
  },
];

function Trend(props: { trend: ComplianceHeatmap['trend'] }) {
  const { trend } = props;
  if (!trend.length) {
    return (
      <Typography color="text.secondary">
        No history yet: the trend starts with the first daily evaluation.
      </Typography>
    );
  }
  const last = trend[trend.length - 1];
  return (
    <>
      <Typography variant="body2" data-testid="trend-latest">
        {percent.format(last.passRate)} of checks passing on {last.date}, across{' '}
        {last.entities} entities
      </Typography>
      <LineChart
        height={260}
        xAxis={[
          {
            data: trend.map(p => new Date(p.date)),
            scaleType: 'time',
            valueFormatter: (d: Date) => d.toISOString().slice(0, 10),
          },
        ]}
        yAxis={[
          {
            min: 0,
            max: 1,
            valueFormatter: (v: number) => percent.format(v),
            width: 48,
          },
        ]}
        series={[
          {
            label: 'Pass rate',
            data: trend.map(p => p.passRate),
            showMark: false,
            area: true,
            valueFormatter: (v: number | null) => percent.format(v ?? 0),
          },
        ]}
      />
    </>
  );
}

function HeatmapSection() {
  const api = useApi(complianceApiRef);
  const { loading, error, value } = useAsync(() => api.getHeatmap(), [api]);
  if (loading) return <Progress />;
  if (error) {
    return (
      <ResponseErrorPanel error={error} title="Could not load the heat map" />
    );
  }
  const heatmap = value!;
  if (!heatmap.teams.length) {
    return (
      <InfoCard title="No scorecards yet">
        <Typography>
          No team's entities have been evaluated yet. Scorecards appear once the
          declared checks apply to catalog entities and the first evaluation has
          run.
        </Typography>
      </InfoCard>
    );
  }
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title="Pass rate by team and category"
          subheader="Each cell: the share of checks passing (or exempt), and how many fail"
        >
          <ComplianceHeatmapTable heatmap={heatmap} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Pass rate over time">
          <Trend trend={heatmap.trend} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}

function ChecksSection() {
  const api = useApi(complianceApiRef);
  const { loading, error, value } = useAsync(() => api.listChecks(), [api]);
  if (loading) return <Progress />;
  if (error) {
    return (
      <ResponseErrorPanel error={error} title="Could not load the checks" />
    );
  }
  const checks = value!;
  return (
    <Table<ComplianceCheck>
      title={`Checks (${checks.length})`}
      options={{
        paging: checks.length > 20,
        pageSize: 20,
        search: true,
        padding: 'dense',
      }}
      columns={checkColumns}
      data={checks.map(c => ({ ...c, id: c.id }))}
      emptyContent={
        <Typography sx={{ p: 2 }} color="text.secondary">
          No checks are declared yet. Checks come from the app config and from
          catalog entities.
        </Typography>
      }
    />
  );
}

/** The "Compliance" page: team × category pass rates, their trend, and the declared checks. */
export function CompliancePage() {
  return (
    <Page themeId="tool">
      <Header
        title="Compliance"
        subtitle="How each team's models, datasets and services meet the declared checks"
      />
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <HeatmapSection />
          </Grid>
          <Grid item xs={12}>
            <ChecksSection />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
