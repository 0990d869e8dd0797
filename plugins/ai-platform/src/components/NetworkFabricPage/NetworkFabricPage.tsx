import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  FabricGraph,
  FabricHealth,
  FabricLink,
} from '@ai-platform/plugin-ai-platform-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { fabricApiRef } from '../../api/fabric';
import {
  FabricDetailPanel,
  resolveSelection,
  Selection,
} from './FabricDetailPanel';
import { FabricFilters, FabricFilterValues } from './FabricFilters';
import { FabricTopology } from './FabricTopology';
import {
  FabricHealthChip,
  FabricRefLink,
  FabricSourceBanners,
  HEALTH_LABEL,
  HEALTH_STATES,
  linkEnds,
  SummaryFigures,
  useTopologyPalette,
} from './health';
import {
  fabricElements,
  HEALTH_RANK,
  layoutFabric,
  shownHealth,
  TopologyData,
} from './topology';
import { TopologyPalette } from './topologyStyle';

/** A tile lists this many of its fabric's worst links. */
const WORST_SHOWN = 3;

function readFilters(params: URLSearchParams): FabricFilterValues {
  const health = params.getAll('health');
  return {
    cluster: params.get('cluster') || undefined,
    fabric: params.get('fabric') || undefined,
    health: HEALTH_STATES.filter(h => health.includes(h)),
  };
}

function Legend(props: { palette: TopologyPalette }) {
  const line = (health: FabricHealth) => {
    const color = props.palette.health[health];
    if (health === 'down') return `2px dashed ${color}`;
    if (health === 'unknown') return `2px dotted ${color}`;
    return `2px solid ${color}`;
  };
  return (
    <Box
      sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, mt: 1 }}
      aria-label="Legend"
    >
      {HEALTH_STATES.map(h => (
        <Box key={h} sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
          <Box
            sx={{
              width: 12,
              height: 12,
              borderRadius: '50%',
              bgcolor: props.palette.health[h],
            }}
          />
          <Box sx={{ width: 20, borderTop: line(h) }} />
          <Typography variant="caption">{HEALTH_LABEL[h]}</Typography>
        </Box>
      ))}
      <Typography variant="caption" color="text.secondary">
        Line width: utilization. A stale reading shows as unknown. Numbers on
        lines: parallel links. Dashed boxes: NVLink domains.
      </Typography>
    </Box>
  );
}

function Topology(props: {
  graph: FabricGraph;
  fitKey: string;
  selection?: Selection;
  onSelect: (selection?: Selection) => void;
}) {
  const { graph, fitKey, selection, onSelect } = props;
  const palette = useTopologyPalette();
  const [showAll, setShowAll] = useState(false);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const layout = useMemo(() => layoutFabric(graph), [graph]);
  const { elements, unplacedLinks } = useMemo(
    () => fabricElements(graph, layout, showAll ? 'all' : expanded),
    [graph, layout, showAll, expanded],
  );
  // A selection the new graph lacks, after a filter changed, closes the panel.
  const selected = useMemo(
    () => selection && resolveSelection(graph, selection),
    [graph, selection],
  );
  // A link chosen from a list may be drawn inside a bundle: that is what lights up.
  const highlightId = useMemo(() => {
    if (selection?.kind !== 'link') return selection?.id;
    const bundle = elements.find(
      e =>
        e.data.kind === 'bundle' &&
        (e.data as { linkIds: string[] }).linkIds.includes(selection.linkId),
    );
    return bundle?.data.id ?? selection.id;
  }, [selection, elements]);
  const onTap = useCallback(
    (data: TopologyData) => {
      if (data.kind === 'group') {
        setExpanded(prev => new Set(prev).add(data.id));
      } else if (data.kind !== 'domain') {
        onSelect(data);
      }
    },
    [onSelect],
  );
  const onClear = useCallback(() => onSelect(undefined), [onSelect]);

  return (
    <InfoCard
      title="Topology"
      subheader={`${graph.devices.length} devices · ${
        graph.links.length
      } links · as of ${new Date(graph.generatedAt).toLocaleString()}`}
      action={
        <Box sx={{ display: 'flex', alignItems: 'center' }}>
          {!showAll && expanded.size > 0 && (
            <Button size="small" onClick={() => setExpanded(new Set())}>
              Collapse nodes
            </Button>
          )}
          <FormControlLabel
            control={
              <Switch
                checked={showAll}
                onChange={e => setShowAll(e.target.checked)}
              />
            }
            label="Show nodes"
          />
        </Box>
      }
    >
      <Typography variant="body2" color="text.secondary">
        Nodes are drawn as one box per leaf: click a box to open it, or show
        every node. Click a switch, node or link for its details.
      </Typography>
      {unplacedLinks > 0 && (
        <Typography variant="body2" color="warning.main">
          {unplacedLinks} links reach devices the graph does not list, and are
          not drawn.
        </Typography>
      )}
      <Grid container spacing={2} sx={{ mt: 0 }}>
        <Grid item xs={12} md={selected ? 8 : 12}>
          <Box sx={{ height: 600, border: 1, borderColor: 'divider' }}>
            <FabricTopology
              elements={elements}
              palette={palette}
              fitKey={fitKey}
              selectedId={highlightId}
              onSelect={onTap}
              onClear={onClear}
            />
          </Box>
          <Legend palette={palette} />
        </Grid>
        {selected && (
          <Grid item xs={12} md={4}>
            <FabricDetailPanel
              key={selection!.id}
              selected={selected}
              summaries={graph.summaries}
              onClose={onClear}
            />
          </Grid>
        )}
      </Grid>
    </InfoCard>
  );
}

/** The worst links of a fabric, each opening its panel: at thousands of links, the way in. */
function WorstLinks(props: {
  links: FabricLink[];
  onSelect: (selection: Selection) => void;
}) {
  if (!props.links.length) return null;
  return (
    <Box sx={{ mt: 1 }}>
      <Typography variant="body2" color="text.secondary">
        Worst links
      </Typography>
      {props.links.slice(0, WORST_SHOWN).map(l => (
        <Box key={l.id}>
          <Link
            component="button"
            variant="body2"
            sx={{ textAlign: 'left' }}
            onClick={() =>
              props.onSelect({ kind: 'link', id: `l:${l.id}`, linkId: l.id })
            }
          >
            {linkEnds(l)}
          </Link>{' '}
          <FabricHealthChip health={l.health} stale={l.stale} />
        </Box>
      ))}
    </Box>
  );
}

function FabricContent(props: {
  graph: FabricGraph;
  filtersKey: string;
  onClearFilters?: () => void;
}) {
  const { graph, onClearFilters } = props;
  const [selection, setSelection] = useState<Selection>();
  if (!graph.devices.length && !graph.links.length) {
    return (
      <>
        <FabricSourceBanners sources={graph.sources} />
        {onClearFilters ? (
          <InfoCard title="Nothing matches these filters">
            <Typography>
              No device or link of the fabric matches the cluster, fabric and
              states chosen.
            </Typography>
            <Button sx={{ mt: 1 }} onClick={onClearFilters}>
              Clear filters
            </Button>
          </InfoCard>
        ) : (
          <InfoCard title="No fabric data yet">
            <Typography>
              The fabric appears here once a source has reported: the
              infiniband-exporter and DCGM series through Prometheus, NVIDIA
              UFM, the Topograph labels of Kubernetes nodes, or a topology
              declared on the <code>network-fabric</code> and{' '}
              <code>gpu-cluster</code> entities.
            </Typography>
          </InfoCard>
        )}
      </>
    );
  }
  const summaries = [...graph.summaries].sort(
    (a, b) => HEALTH_RANK[shownHealth(a)] - HEALTH_RANK[shownHealth(b)],
  );
  return (
    <>
      <FabricSourceBanners sources={graph.sources} />
      <Grid container spacing={2} sx={{ mb: 2 }}>
        {summaries.map(s => (
          <Grid item xs={12} sm={6} md={4} lg={3} key={s.fabricRef}>
            <InfoCard
              variant="gridItem"
              title={<FabricRefLink fabricRef={s.fabricRef} />}
            >
              <SummaryFigures summary={s} />
              <WorstLinks links={s.worstLinks} onSelect={setSelection} />
            </InfoCard>
          </Grid>
        ))}
      </Grid>
      <Topology
        graph={graph}
        fitKey={props.filtersKey}
        selection={selection}
        onSelect={setSelection}
      />
    </>
  );
}

/** The "Network fabric" page: the fabric's health per fabric and its topology, by tier. */
export function NetworkFabricPage() {
  const api = useApi(fabricApiRef);
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const filters = useMemo(
    () => readFilters(new URLSearchParams(search)),
    [search],
  );
  const graph = useAsync(
    () =>
      api.getGraph({
        cluster: filters.cluster,
        fabric: filters.fabric,
        health: filters.health.length ? filters.health : undefined,
      }),
    [api, filters],
  );
  const setFilters = (next: FabricFilterValues) => {
    const nextParams = new URLSearchParams(params);
    for (const key of ['cluster', 'fabric', 'health']) nextParams.delete(key);
    if (next.cluster) nextParams.set('cluster', next.cluster);
    if (next.fabric) nextParams.set('fabric', next.fabric);
    for (const h of next.health) nextParams.append('health', h);
    setParams(nextParams, { replace: true });
  };
  const filtered = Boolean(
    filters.cluster || filters.fabric || filters.health.length,
  );

  return (
    <Page themeId="tool">
      <Header
        title="Network fabric"
        subtitle="The GPU clusters' InfiniBand, NVLink and Ethernet links, their health, and whose work they hurt"
      />
      <Content>
        <ContentHeader title="">
          <FabricFilters value={filters} onChange={setFilters} />
        </ContentHeader>
        {graph.loading && <Progress />}
        {graph.error && (
          <ResponseErrorPanel
            error={graph.error}
            title="Could not load the network fabric"
          />
        )}
        {graph.value && (
          <FabricContent
            graph={graph.value}
            filtersKey={search}
            onClearFilters={
              filtered ? () => setFilters({ health: [] }) : undefined
            }
          />
        )}
      </Content>
    </Page>
  );
}
