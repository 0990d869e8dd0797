import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  FABRIC_COUNTERS,
  FabricDevice,
  FabricGraph,
  FabricLink,
  FabricSummary,
} from '@ai-platform/plugin-ai-platform-common';
import CloseIcon from '@mui/icons-material/Close';
import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import {
  AffectedTeamsList,
  counterLabel,
  fabricKindLabel,
  FabricHealthChip,
  FabricRefLink,
  linkEnds,
  mergeAffectedTeams,
  percent,
  perSecond,
  tierLabel,
} from './health';
import { LinkHistory } from './LinkHistory';
import { HEALTH_RANK, shownHealth } from './topology';

/** What can be selected, on the canvas or in a list: a device, a link, or parallel links. */
export type Selection =
  | { kind: 'switch' | 'node'; id: string; deviceId: string }
  | { kind: 'link'; id: string; linkId: string }
  | { kind: 'bundle'; id: string; linkIds: string[] };

/** A selection as the current graph has it: its device, if any, and its links, worst first. */
export interface ResolvedSelection {
  kind: Selection['kind'];
  device?: FabricDevice;
  links: FabricLink[];
}

/** A long switch's link list stops here; its worst links come first. */
const MAX_LISTED = 50;

const byWorst = (a: FabricLink, b: FabricLink) =>
  HEALTH_RANK[shownHealth(a)] - HEALTH_RANK[shownHealth(b)] ||
  (b.utilization ?? 0) - (a.utilization ?? 0);

/** Undefined when the graph no longer holds it, after a filter changed. */
export function resolveSelection(
  graph: FabricGraph,
  selection: Selection,
): ResolvedSelection | undefined {
  let device: FabricDevice | undefined;
  let links: FabricLink[];
  if (selection.kind === 'link' || selection.kind === 'bundle') {
    const ids = new Set(
      selection.kind === 'link' ? [selection.linkId] : selection.linkIds,
    );
    links = graph.links.filter(l => ids.has(l.id));
  } else {
    const { deviceId } = selection;
    device = graph.devices.find(d => d.id === deviceId);
    if (!device) return undefined;
    links = graph.links.filter(
      l => l.a.deviceId === deviceId || l.b.deviceId === deviceId,
    );
  }
  if (!device && !links.length) return undefined;
  return { kind: selection.kind, device, links: links.sort(byWorst) };
}

const speed = (gbps?: number, width?: number) =>
  gbps === undefined && width === undefined
    ? 'not reported'
    : [gbps !== undefined && `${gbps} Gb/s`, width !== undefined && `${width}×`]
        .filter(Boolean)
        .join(' ');

function Field(props: { label: string; children: React.ReactNode }) {
  return (
    <Box sx={{ display: 'flex', gap: 1 }}>
      <Typography
        variant="body2"
        color="text.secondary"
        sx={{ minWidth: 96, flexShrink: 0 }}
      >
        {props.label}
      </Typography>
      <Typography variant="body2" component="div">
        {props.children}
      </Typography>
    </Box>
  );
}

function linkState(up?: boolean) {
  if (up === undefined) return 'not reported';
  return up ? 'up' : 'down';
}

function LinkDetails(props: { link: FabricLink }) {
  const { link } = props;
  const rates = FABRIC_COUNTERS.filter(c => (link.rates[c] ?? 0) > 0);
  return (
    <Box data-testid="link-details">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
        <Typography variant="subtitle2" sx={{ flex: 1 }}>
          {linkEnds(link)}
        </Typography>
        <FabricHealthChip health={link.health} stale={link.stale} />
      </Box>
      <Field label="Fabric">
        {fabricKindLabel(link.kind)} ·{' '}
        <FabricRefLink fabricRef={link.fabricRef} />
      </Field>
      <Field label="State">{linkState(link.observed?.up)}</Field>
      <Field label="Expected">
        {link.expected
          ? speed(link.expected.speedGbps, link.expected.width)
          : 'nothing declared'}
      </Field>
      <Field label="Observed">
        {speed(link.observed?.speedGbps, link.observed?.width)}
      </Field>
      <Field label="Utilization">
        {link.utilization === undefined
          ? 'not measured'
          : percent.format(link.utilization)}
      </Field>
      <Field label="Errors">
        {rates.length
          ? rates
              .map(c => `${counterLabel(c)} ${perSecond(link.rates[c]!)}`)
              .join(', ')
          : 'none counted'}
      </Field>
      <Field label="Why">
        {link.reasons.length ? (
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {link.reasons.map(r => (
              <li key={r}>{r}</li>
            ))}
          </Box>
        ) : (
          'no problem reported'
        )}
      </Field>
      <Field label="Seen by">{link.sources.join(', ') || 'no source'}</Field>
      {link.stale && (
        <Typography variant="body2" color="warning.main">
          No source has reported this link lately: its health is its last known.
        </Typography>
      )}
    </Box>
  );
}

function DeviceDetails(props: { device: FabricDevice }) {
  const { device } = props;
  return (
    <>
      <Field label="Tier">{tierLabel(device.tier)}</Field>
      {device.clusterRef && (
        <Field label="Cluster">
          <EntityRefLink entityRef={device.clusterRef} defaultKind="resource" />
        </Field>
      )}
      {device.acceleratorDomain && (
        <Field label="NVLink domain">{device.acceleratorDomain}</Field>
      )}
      {device.gpus !== undefined && <Field label="GPUs">{device.gpus}</Field>}
    </>
  );
}

/**
 * The side panel of a selected link, device or bundle: its ends, expected against observed speed
 * and width, why it is unhealthy, the teams behind it and its counters over time.
 */
export function FabricDetailPanel(props: {
  selected: ResolvedSelection;
  summaries: FabricSummary[];
  onClose: () => void;
}) {
  const { device, links, kind } = props.selected;
  const [focusedId, setFocusedId] = useState<string>();
  const focused = links.find(l => l.id === focusedId) ?? links[0];
  const teams = useMemo(() => {
    const linkIds = new Set(links.map(l => l.id));
    return mergeAffectedTeams(props.summaries).filter(
      t =>
        t.linkIds.some(id => linkIds.has(id)) ||
        (device &&
          (t.nodes.includes(device.name) || t.nodes.includes(device.id))),
    );
  }, [props.summaries, links, device]);

  let title: string;
  if (device) title = device.name;
  else if (kind === 'bundle') title = `${links.length} parallel links`;
  else title = `${fabricKindLabel(links[0].kind)} link`;
  return (
    <Paper
      component="section"
      variant="outlined"
      sx={{ p: 2 }}
      aria-label={`Details of ${title}`}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Typography variant="h6" sx={{ flex: 1, wordBreak: 'break-all' }}>
          {title}
        </Typography>
        {device && <FabricHealthChip health={device.health} />}
        <IconButton size="small" aria-label="Close" onClick={props.onClose}>
          <CloseIcon fontSize="small" />
        </IconButton>
      </Box>
      {device && <DeviceDetails device={device} />}

      <Typography variant="subtitle2" sx={{ mt: 2 }}>
        Teams affected
      </Typography>
      <AffectedTeamsList
        teams={teams}
        empty="No team's work is known to run behind this."
      />

      {links.length > 1 && (
        <>
          <Typography variant="subtitle2" sx={{ mt: 2 }}>
            Links ({links.length}), worst first
          </Typography>
          <List dense sx={{ maxHeight: 240, overflow: 'auto' }}>
            {links.slice(0, MAX_LISTED).map(l => (
              <ListItemButton
                key={l.id}
                selected={l.id === focused?.id}
                onClick={() => setFocusedId(l.id)}
              >
                <ListItemText
                  primary={linkEnds(l)}
                  secondary={l.reasons.join('; ') || undefined}
                />
                <FabricHealthChip health={l.health} stale={l.stale} />
              </ListItemButton>
            ))}
          </List>
          {links.length > MAX_LISTED && (
            <Typography variant="body2" color="text.secondary">
              and {links.length - MAX_LISTED} more.
            </Typography>
          )}
        </>
      )}

      <Divider sx={{ my: 2 }} />
      {focused ? (
        <>
          <LinkDetails link={focused} />
          <Box sx={{ mt: 2 }}>
            <LinkHistory linkId={focused.id} />
          </Box>
        </>
      ) : (
        <Typography variant="body2" color="text.secondary">
          No links of this device are in the current view.
        </Typography>
      )}
    </Paper>
  );
}
