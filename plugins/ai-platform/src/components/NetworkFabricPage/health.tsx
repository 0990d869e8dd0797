import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  AffectedTeam,
  FABRIC_COUNTER_LABELS,
  FabricCounter,
  FabricHealth,
  FabricLink,
  FabricSourceStatus,
  FabricSummary,
  FabricTier,
  formatRate,
  UNASSIGNED_FABRIC,
} from '@ai-platform/plugin-ai-platform-common';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { Fragment, useMemo } from 'react';
import { shownHealth } from './topology';
import { TopologyPalette } from './topologyStyle';

export const HEALTH_STATES: FabricHealth[] = [
  'healthy',
  'degraded',
  'down',
  'unknown',
];

export const HEALTH_LABEL: Record<FabricHealth, string> = {
  healthy: 'Healthy',
  degraded: 'Degraded',
  down: 'Down',
  unknown: 'Unknown',
};

const CHIP_COLOR: Record<
  FabricHealth,
  'success' | 'warning' | 'error' | 'default'
> = {
  healthy: 'success',
  degraded: 'warning',
  down: 'error',
  unknown: 'default',
};

/** A health state; a stale one says so and is never shown healthy. */
export function FabricHealthChip(props: {
  health: FabricHealth;
  stale?: boolean;
}) {
  const health = shownHealth(props);
  return (
    <Chip
      size="small"
      color={CHIP_COLOR[health]}
      label={`${HEALTH_LABEL[health]}${props.stale ? ' · stale' : ''}`}
    />
  );
}

/** The theme's health colours for the canvas and its legend. */
export function useTopologyPalette(): TopologyPalette {
  const theme = useTheme();
  return useMemo(
    () => ({
      health: {
        healthy: theme.palette.success.main,
        degraded: theme.palette.warning.main,
        down: theme.palette.error.main,
        unknown: theme.palette.grey[500],
      },
      text: theme.palette.text.primary,
      selected: theme.palette.primary.main,
      domain: theme.palette.secondary.main,
    }),
    [theme],
  );
}

/** A counter's name for a legend or a list: the reasons' words, capitalised. */
export const counterLabel = (counter: FabricCounter) => {
  const words = FABRIC_COUNTER_LABELS[counter];
  return words[0].toUpperCase() + words.slice(1);
};

const KIND_LABEL: Record<FabricSummary['kind'], string> = {
  infiniband: 'InfiniBand',
  nvlink: 'NVLink',
  ethernet: 'Ethernet',
  roce: 'RoCE',
};
export const fabricKindLabel = (kind: FabricSummary['kind']) =>
  KIND_LABEL[kind] ?? kind;

export const percent = new Intl.NumberFormat('en-US', {
  style: 'percent',
  maximumFractionDigits: 1,
});
/** Per second, in the reasons' three significant digits. */
export const perSecond = (value: number) => `${formatRate(value)}/s`;

/** A fabric's catalog entity, or words for the links no fabric claims. */
export function FabricRefLink(props: { fabricRef: string }) {
  return props.fabricRef === UNASSIGNED_FABRIC ? (
    <>Links in no fabric</>
  ) : (
    <EntityRefLink entityRef={props.fabricRef} defaultKind="resource" />
  );
}

/** "leaf-03 port 17 ↔ node-017 mlx5_0 port 1". */
export const linkEnds = (link: FabricLink) =>
  `${link.a.name} port ${link.a.port} ↔ ${link.b.name} port ${link.b.port}`;

const TIER_LABEL: Record<FabricTier, string> = {
  core: 'Core',
  spine: 'Spine',
  leaf: 'Leaf',
  node: 'Node',
};
export const tierLabel = (tier: FabricTier) => TIER_LABEL[tier];

/** "2.0:1", where 1:1 is non-blocking. */
export const formatOversubscription = (ratio: number) =>
  `${ratio.toFixed(1)}:1`;

/** The teams of every summary, one entry per team however many fabrics name it. */
export function mergeAffectedTeams(summaries: FabricSummary[]): AffectedTeam[] {
  const byTeam = new Map<string, AffectedTeam>();
  for (const team of summaries.flatMap(s => s.affectedTeams)) {
    const seen = byTeam.get(team.teamRef);
    const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];
    byTeam.set(
      team.teamRef,
      seen
        ? {
            teamRef: team.teamRef,
            nodes: union(seen.nodes, team.nodes),
            linkIds: union(seen.linkIds, team.linkIds),
            workloads: union(seen.workloads, team.workloads),
          }
        : team,
    );
  }
  return [...byTeam.values()];
}

/** "team X: training-llm on nodes a, b". */
export function AffectedTeamsList(props: {
  teams: AffectedTeam[];
  empty: string;
}) {
  if (!props.teams.length) {
    return (
      <Typography variant="body2" color="text.secondary">
        {props.empty}
      </Typography>
    );
  }
  return (
    <Stack component="ul" spacing={0.5} sx={{ pl: 2, my: 0 }}>
      {props.teams.map(team => (
        <Typography component="li" variant="body2" key={team.teamRef}>
          <EntityRefLink entityRef={team.teamRef} defaultKind="group" />
          {team.workloads.length ? `: ${team.workloads.join(', ')}` : ''}
          {team.nodes.length ? ` on ${team.nodes.join(', ')}` : ''}
        </Typography>
      ))}
    </Stack>
  );
}

const SOURCE_KIND: Record<FabricSourceStatus['kind'], string> = {
  prometheus: 'Prometheus',
  ufm: 'UFM',
  kubernetes: 'Kubernetes node labels',
  declared: 'Declared topology',
  demo: 'Demo data',
};

/** One banner per source that is stale or failing: what it saw is missing, not healthy. */
export function FabricSourceBanners(props: { sources: FabricSourceStatus[] }) {
  const bad = props.sources.filter(s => s.status !== 'ok');
  if (!bad.length) return null;
  return (
    <Stack spacing={1} sx={{ mb: 2 }}>
      {bad.map(s => (
        <Alert
          key={s.id}
          severity={s.status === 'error' ? 'error' : 'warning'}
          data-testid="fabric-source-status"
        >
          <strong>
            {SOURCE_KIND[s.kind] ?? s.kind} source “{s.id}”{' '}
            {s.status === 'error' ? 'is failing' : 'is stale'}.
          </strong>{' '}
          {s.lastSuccessAt
            ? `Last good read ${new Date(s.lastSuccessAt).toLocaleString()}.`
            : 'No read has succeeded yet.'}{' '}
          The links it reports are shown as unknown, not healthy.
          {s.error ? ` Last error: ${s.error}` : ''}
        </Alert>
      ))}
    </Stack>
  );
}

/**
 * The figures a fabric's summary leads with: health, link counts, degraded share, tiers and, unless
 * the caller lists them in full, the teams affected.
 */
export function SummaryFigures(props: {
  summary: FabricSummary;
  teams?: boolean;
}) {
  const { summary, teams = true } = props;
  const total = HEALTH_STATES.reduce((sum, h) => sum + summary.links[h], 0);
  return (
    <Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
        <FabricHealthChip health={summary.health} stale={summary.stale} />
        <Typography variant="body2" color="text.secondary">
          {fabricKindLabel(summary.kind)}
        </Typography>
      </Box>
      <Typography variant="body2">
        {total} links:{' '}
        {HEALTH_STATES.filter(h => summary.links[h] > 0)
          .map(h => `${summary.links[h]} ${HEALTH_LABEL[h].toLowerCase()}`)
          .join(', ') || 'none'}
      </Typography>
      <Typography variant="body2">
        Degraded or down: {percent.format(summary.degradedShare)}
      </Typography>
      <Typography variant="body2">
        Oversubscription:{' '}
        {summary.oversubscription.length
          ? summary.oversubscription
              .map(
                o => `${tierLabel(o.tier)} ${formatOversubscription(o.ratio)}`,
              )
              .join(', ')
          : 'not known'}
      </Typography>
      {teams && (
        <Typography variant="body2">
          Teams affected:{' '}
          {summary.affectedTeams.length
            ? summary.affectedTeams.map((t, i) => (
                <Fragment key={t.teamRef}>
                  {i > 0 && ', '}
                  <EntityRefLink entityRef={t.teamRef} defaultKind="group" />
                </Fragment>
              ))
            : 'none'}
        </Typography>
      )}
      {summary.stale && (
        <Typography variant="body2" color="warning.main" sx={{ mt: 1 }}>
          Its sources have not reported lately: these figures may be out of
          date.
        </Typography>
      )}
    </Box>
  );
}
