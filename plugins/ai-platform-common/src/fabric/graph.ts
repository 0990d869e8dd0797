import {
  FabricThresholds,
  LinkReading,
  countHealth,
  degradedShare,
  healthRank,
  judgeLink,
  rollUpHealth,
  utilization,
} from './health';
import { hostOf, linkId, nameKey, nodeEnd } from './links';
import { FabricGraphQuery } from './schemas';
import { FabricIndex, assignTiers, oversubscription } from './topology';
import {
  AffectedTeam,
  FabricCounter,
  FabricDevice,
  FabricGraph,
  FabricHealth,
  FabricKind,
  FabricLink,
  FabricObservation,
  FabricSourceStatus,
  FabricSummary,
  FabricTier,
  NodePlacement,
  PortObservation,
  PortRef,
  TopologyDifference,
  UNASSIGNED_FABRIC,
} from './types';

/** A `network-fabric` entity as the graph needs it. */
export interface FabricEntityInfo {
  ref: string;
  kind: FabricKind;
  title?: string;
  /** The entity's owner, told when its links turn unhealthy. */
  owner?: string;
  speedGbps: number;
  width?: number;
}

/** A `gpu-cluster` entity and the fabrics it depends on. */
export interface FabricClusterInfo {
  ref: string;
  fabricRefs: string[];
}

/** One source: how it fares and its last good observation. Data of a source not `ok` is stale. */
export interface FabricSourceInput {
  status: FabricSourceStatus;
  observation?: FabricObservation;
}

/** A team with work on a node, and what of it runs there. */
export interface NodeWorkload {
  teamRef: string;
  workloads: string[];
}

/** The teams on each node, by host name. */
export type NodeTeams = Record<string, NodeWorkload[]>;

export interface FabricBuildInput {
  generatedAt: string;
  fabrics: FabricEntityInfo[];
  clusters: FabricClusterInfo[];
  sources: FabricSourceInput[];
  thresholds: FabricThresholds;
  nodeTeams?: NodeTeams;
  /** Links listed as a summary's worst. Defaults to 10. */
  worstLinks?: number;
}

const TIER_ORDER: Record<FabricTier, number> = {
  core: 0,
  spine: 1,
  leaf: 2,
  node: 3,
};

/** Every source's placements, one per host: the first source to say a field wins it. */
export function mergePlacements(
  sources: FabricSourceInput[],
): Map<string, NodePlacement> {
  const merged = new Map<string, NodePlacement>();
  for (const { observation } of sources) {
    for (const p of observation?.placements ?? []) {
      const known = merged.get(p.node);
      if (!known) {
        merged.set(p.node, {
          ...p,
          switches: [...p.switches],
          ...(p.namespaces ? { namespaces: [...p.namespaces].sort() } : {}),
        });
        continue;
      }
      known.clusterRef ??= p.clusterRef;
      known.acceleratorDomain ??= p.acceleratorDomain;
      known.gpus ??= p.gpus;
      if (!known.switches.length) known.switches = [...p.switches];
      if (p.namespaces) {
        known.namespaces = [
          ...new Set([...(known.namespaces ?? []), ...p.namespaces]),
        ].sort();
      }
    }
  }
  return merged;
}

interface Reading {
  sourceId: string;
  fresh: boolean;
  declared: boolean;
  /** The end that reported, whose counters these are. */
  end: string;
  port: PortObservation;
}

interface Draft {
  id: string;
  kind: FabricKind;
  a: PortRef;
  b: PortRef;
  readings: Reading[];
  fabricRef?: string;
}

const isDeclared = (s: FabricSourceInput) => s.status.kind === 'declared';

/** Appends to the list under a key. */
function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Merges the readings of one link: worst state, narrowest width, each end's counters once. */
function combine(readings: Reading[]): LinkReading {
  const perEnd = new Map<string, Partial<Record<FabricCounter, number>>>();
  const out: LinkReading = { rates: {} };
  for (const { end, port } of readings) {
    // One end seen by two sources counts once; the two ends of a cable add up.
    const rates = perEnd.get(end) ?? {};
    for (const [counter, value] of Object.entries(port.rates) as Array<
      [FabricCounter, number]
    >) {
      rates[counter] = Math.max(rates[counter] ?? 0, value);
    }
    perEnd.set(end, rates);
    if (port.up === false) out.up = false;
    else if (port.up === true && out.up === undefined) out.up = true;
    if (port.speedGbps !== undefined) {
      out.speedGbps = Math.min(out.speedGbps ?? Infinity, port.speedGbps);
    }
    if (port.width !== undefined) {
      out.width = Math.min(out.width ?? Infinity, port.width);
    }
    if (port.bytesPerSecond !== undefined) {
      out.bytesPerSecond = Math.max(
        out.bytesPerSecond ?? 0,
        port.bytesPerSecond,
      );
    }
  }
  for (const rates of perEnd.values()) {
    for (const [counter, value] of Object.entries(rates) as Array<
      [FabricCounter, number]
    >) {
      out.rates[counter] = (out.rates[counter] ?? 0) + value;
    }
  }
  return out;
}

/** The expectation a link's fabric declares. */
function expectationOf(fabric: FabricEntityInfo | undefined) {
  return { speedGbps: fabric?.speedGbps, width: fabric?.width };
}

/** Two devices as a difference names them, in name order. */
function pairName(names: string[]) {
  return [...names].sort().join(' ↔ ');
}

const DIFFERENCE_ORDER: Record<TopologyDifference['kind'], number> = {
  missing: 0,
  unexpected: 1,
  width: 2,
  speed: 3,
};

/**
 * Builds the graph: merges both directions of each cable and every source's view of it into
 * one link, places links in fabrics and devices in tiers, judges each link against its fabric's
 * expected speed and width and the thresholds, rolls health up to devices and fabrics, and
 * summarizes each fabric with the teams behind its unhealthy links and how it differs from the
 * declared topology. Links only stale sources see are unknown and stale, never healthy.
 */
export function buildFabricGraph(input: FabricBuildInput): FabricGraph {
  const fabrics = new Map(input.fabrics.map(f => [f.ref, f]));
  const clusters = new Map(input.clusters.map(c => [c.ref, c]));
  const placements = mergePlacements(input.sources);

  // Which devices are nodes: a source says so, or a placement names the host.
  const nodeIds = new Set<string>();
  const switchIds = new Set<string>();
  for (const { observation } of input.sources) {
    for (const port of observation?.ports ?? []) {
      if (port.local.role === 'node') nodeIds.add(port.local.deviceId);
      if (port.local.role === 'switch') switchIds.add(port.local.deviceId);
    }
  }
  const isNode = (ref: PortRef) =>
    nodeIds.has(ref.deviceId) ||
    (!switchIds.has(ref.deviceId) && placements.has(hostOf(ref)));

  // Declared switches are named, observed ones have GUIDs: a declared name that one observed
  // switch carries is that switch.
  const observedSwitchByName = new Map<string, string | null>();
  for (const source of input.sources) {
    if (isDeclared(source)) continue;
    for (const port of source.observation?.ports ?? []) {
      for (const ref of [port.local, port.remote]) {
        if (isNode(ref)) continue;
        const key = nameKey(ref.name);
        const known = observedSwitchByName.get(key);
        if (known === undefined) observedSwitchByName.set(key, ref.deviceId);
        else if (known !== ref.deviceId) observedSwitchByName.set(key, null);
      }
    }
  }

  const canonicalId = new Map<string, string>();
  const canonical = (ref: PortRef, declared: boolean): PortRef => {
    if (isNode(ref)) {
      const end = nodeEnd(ref);
      canonicalId.set(ref.deviceId, end.deviceId);
      return end;
    }
    const observed = declared
      ? observedSwitchByName.get(nameKey(ref.name))
      : undefined;
    return {
      deviceId: observed ?? ref.deviceId,
      name: ref.name,
      port: ref.port,
    };
  };

  const drafts = new Map<string, Draft>();
  const names = new Map<string, string>();
  const roles = new Map<string, 'switch' | 'node'>();
  for (const source of input.sources) {
    const declared = isDeclared(source);
    const fresh = source.status.status === 'ok';
    for (const port of source.observation?.ports ?? []) {
      const local = canonical(port.local, declared);
      const remote = canonical(port.remote, declared);
      for (const [raw, end] of [
        [port.local, local],
        [port.remote, remote],
      ] as const) {
        const node = isNode(raw);
        roles.set(end.deviceId, node ? 'node' : 'switch');
        // A node is named by its host; a switch as observed, before as declared.
        if (node) names.set(end.deviceId, end.deviceId);
        else if (!declared || !names.has(end.deviceId)) {
          names.set(end.deviceId, raw.name);
        }
      }
      const id = linkId(local, remote);
      let draft = drafts.get(id);
      if (!draft) {
        const [a, b] =
          `${local.deviceId}:${local.port}` <=
          `${remote.deviceId}:${remote.port}`
            ? [local, remote]
            : [remote, local];
        draft = { id, kind: port.kind, a, b, readings: [] };
        drafts.set(id, draft);
      }
      draft.fabricRef ??= port.fabricRef;
      draft.readings.push({
        sourceId: source.status.id,
        fresh,
        declared,
        end: `${local.deviceId}:${local.port}`,
        port,
      });
    }
  }

  assignFabrics(drafts.values(), fabrics, clusters, placements, roles);

  // Tiers from every cable between devices, NVLinks inside a node aside.
  const placedSwitches = new Map<string, number>();
  for (const p of placements.values()) {
    p.switches.forEach((name, i) => {
      const id = observedSwitchByName.get(nameKey(name)) ?? name;
      if (!placedSwitches.has(id)) placedSwitches.set(id, i);
    });
  }
  const tiers = assignTiers(
    roles,
    [...drafts.values()].map(d => [d.a.deviceId, d.b.deviceId]),
    placedSwitches,
  );

  const statusOf = new Map(input.sources.map(s => [s.status.id, s.status]));
  const observedFabrics = new Set<string>();
  const links = new Map<string, FabricLink>();
  const declaredOnly: Draft[] = [];
  for (const draft of drafts.values()) {
    const observed = draft.readings.filter(r => !r.declared);
    if (!observed.length) {
      declaredOnly.push(draft);
      continue;
    }
    observedFabrics.add(draft.fabricRef!);
    links.set(draft.id, observedLink(draft, observed));
  }

  function observedLink(draft: Draft, observed: Reading[]): FabricLink {
    const fabric = fabrics.get(draft.fabricRef!);
    const expected = expectationOf(fabric);
    const sources = [...new Set(draft.readings.map(r => r.sourceId))].sort();
    const base = {
      id: draft.id,
      kind: draft.kind,
      fabricRef: draft.fabricRef!,
      a: draft.a,
      b: draft.b,
      ...(expected.speedGbps !== undefined && expected.width !== undefined
        ? { expected: { speedGbps: expected.speedGbps, width: expected.width } }
        : {}),
      sources,
    };
    const fresh = observed.filter(r => r.fresh);
    if (!fresh.length) {
      const why = [...new Set(observed.map(r => r.sourceId))].map(id => {
        const s = statusOf.get(id);
        return `${id} ${s?.status ?? 'stale'}${s?.error ? `: ${s.error}` : ''}`;
      });
      return {
        ...base,
        rates: {},
        health: 'unknown',
        reasons: [`no fresh data (${why.join('; ')})`],
        stale: true,
      };
    }
    const reading = combine(fresh);
    const judged = judgeLink(reading, expected, input.thresholds);
    const use = utilization(
      reading.bytesPerSecond,
      expected.speedGbps ?? reading.speedGbps,
    );
    const seen = {
      ...(reading.up !== undefined ? { up: reading.up } : {}),
      ...(reading.speedGbps !== undefined
        ? { speedGbps: reading.speedGbps }
        : {}),
      ...(reading.width !== undefined ? { width: reading.width } : {}),
    };
    return {
      ...base,
      ...(Object.keys(seen).length ? { observed: seen } : {}),
      rates: reading.rates,
      ...(use !== undefined ? { utilization: use } : {}),
      health: judged.health,
      reasons: judged.reasons,
      stale: false,
    };
  }

  const differences = new Map<string, TopologyDifference[]>();
  const differ = (fabricRef: string, d: TopologyDifference) =>
    push(differences, fabricRef, d);
  const deviceName = (ref: PortRef) => names.get(ref.deviceId) ?? ref.name;
  const pairOf = (d: { a: PortRef; b: PortRef }) =>
    pairName([nameKey(deviceName(d.a)), nameKey(deviceName(d.b))]);
  const labelOf = (d: { a: PortRef; b: PortRef }) =>
    pairName([deviceName(d.a), deviceName(d.b)]);

  for (const draft of declaredOnly) {
    if (!observedFabrics.has(draft.fabricRef!)) {
      // Nothing observes this fabric: the declaration is all there is to show.
      links.set(draft.id, {
        id: draft.id,
        kind: draft.kind,
        fabricRef: draft.fabricRef!,
        a: draft.a,
        b: draft.b,
        ...declaredExpectation(fabrics.get(draft.fabricRef!)),
        rates: {},
        health: 'unknown',
        reasons: ['declared; no source observes this fabric'],
        sources: [...new Set(draft.readings.map(r => r.sourceId))].sort(),
        stale: false,
      });
    }
  }

  // Declared against observed, per fabric, by the pair of device names each cable joins.
  const declaredFabrics = new Set(
    [...drafts.values()]
      .filter(d => d.readings.some(r => r.declared))
      .map(d => d.fabricRef!),
  );
  const pairs = new Map<
    string,
    { fabricRef: string; declared: Draft[]; observed: Draft[] }
  >();
  for (const draft of drafts.values()) {
    if (
      !declaredFabrics.has(draft.fabricRef!) ||
      !observedFabrics.has(draft.fabricRef!)
    ) {
      continue;
    }
    const key = `${draft.fabricRef}|${draft.kind}|${pairOf(draft)}`;
    let pair = pairs.get(key);
    if (!pair) {
      pair = { fabricRef: draft.fabricRef!, declared: [], observed: [] };
      pairs.set(key, pair);
    }
    if (draft.readings.some(r => r.declared)) pair.declared.push(draft);
    if (draft.readings.some(r => !r.declared)) pair.observed.push(draft);
  }
  for (const { fabricRef, declared, observed } of pairs.values()) {
    const shortfall = declared.length - observed.length;
    const label = labelOf(declared[0] ?? observed[0]);
    if (shortfall > 0) {
      const missing = declared
        .filter(d => !d.readings.some(r => !r.declared))
        .slice(0, shortfall);
      for (const draft of missing) {
        differ(fabricRef, {
          kind: 'missing',
          linkId: draft.id,
          message:
            declared.length === 1
              ? `${label}: declared, not observed`
              : `${label}: ${shortfall} of ${declared.length} declared links not observed`,
        });
        links.set(draft.id, {
          id: draft.id,
          kind: draft.kind,
          fabricRef,
          a: draft.a,
          b: draft.b,
          ...declaredExpectation(fabrics.get(fabricRef)),
          rates: {},
          health: 'unknown',
          reasons: ['declared, not observed'],
          sources: [...new Set(draft.readings.map(r => r.sourceId))].sort(),
          stale: false,
        });
      }
    } else if (shortfall < 0) {
      const extra = observed
        .filter(d => !d.readings.some(r => r.declared))
        .slice(0, -shortfall);
      for (const draft of extra) {
        differ(fabricRef, {
          kind: 'unexpected',
          linkId: draft.id,
          message: declared.length
            ? `${label}: ${observed.length} links observed, ${declared.length} declared`
            : `${label}: observed, not declared`,
        });
      }
    }
  }

  // Negotiated speed and width against what the fabric's entity declares.
  for (const link of links.values()) {
    const fabric = fabrics.get(link.fabricRef);
    const seen = link.observed;
    if (!fabric || !seen || seen.up === false || link.stale) continue;
    const label = labelOf(link);
    if (
      seen.width !== undefined &&
      fabric.width !== undefined &&
      seen.width !== fabric.width
    ) {
      differ(link.fabricRef, {
        kind: 'width',
        linkId: link.id,
        message: `${label}: width ${seen.width}×, declared ${fabric.width}×`,
      });
    }
    if (seen.speedGbps !== undefined && seen.speedGbps !== fabric.speedGbps) {
      differ(link.fabricRef, {
        kind: 'speed',
        linkId: link.id,
        message: `${label}: ${seen.speedGbps} Gb/s, declared ${fabric.speedGbps} Gb/s`,
      });
    }
  }

  for (const list of differences.values()) {
    list.sort(
      (x, y) =>
        DIFFERENCE_ORDER[x.kind] - DIFFERENCE_ORDER[y.kind] ||
        x.message.localeCompare(y.message),
    );
  }

  // Devices: their fabric (a node's scale-out fabric before its NVLinks), tier and health.
  const alarmed = new Set<string>();
  for (const { status, observation } of input.sources) {
    if (status.status !== 'ok') continue;
    for (const alarm of observation?.alarms ?? []) {
      if (/critical|major|error/i.test(alarm.severity)) {
        alarmed.add(canonicalId.get(alarm.deviceId) ?? alarm.deviceId);
      }
    }
  }
  const linksOf = new Map<string, FabricLink[]>();
  for (const link of links.values()) {
    for (const id of new Set([link.a.deviceId, link.b.deviceId])) {
      push(linksOf, id, link);
    }
  }
  const devices: FabricDevice[] = [];
  for (const [id, own] of linksOf) {
    const role = roles.get(id) ?? 'switch';
    const placement = role === 'node' ? placements.get(id) : undefined;
    const fabricRef = (own.find(l => l.kind !== 'nvlink') ?? own[0]).fabricRef;
    let health = rollUpHealth(own.map(l => l.health));
    if (alarmed.has(id) && healthRank(health) < 1) health = 'degraded';
    devices.push({
      id,
      name: names.get(id) ?? id,
      role,
      tier: role === 'node' ? 'node' : tiers.get(id) ?? 'leaf',
      fabricRef,
      ...(placement?.clusterRef ? { clusterRef: placement.clusterRef } : {}),
      ...(placement?.acceleratorDomain
        ? { acceleratorDomain: placement.acceleratorDomain }
        : {}),
      ...(placement?.gpus !== undefined ? { gpus: placement.gpus } : {}),
      health,
    });
  }
  devices.sort(
    (x, y) =>
      TIER_ORDER[x.tier] - TIER_ORDER[y.tier] || x.name.localeCompare(y.name),
  );
  const allLinks = [...links.values()].sort((x, y) => x.id.localeCompare(y.id));
  const index = new FabricIndex(devices, allLinks);

  const byFabric = new Map<string, FabricLink[]>();
  for (const link of allLinks) push(byFabric, link.fabricRef, link);
  const summaries = [...byFabric.entries()]
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([fabricRef, own]) =>
      summarizeFabric({
        fabricRef,
        kind: fabrics.get(fabricRef)?.kind ?? own[0].kind,
        links: own,
        index,
        differences: differences.get(fabricRef) ?? [],
        nodeTeams: input.nodeTeams ?? {},
        thresholds: input.thresholds,
        worstLinks: input.worstLinks,
      }),
    );

  return {
    generatedAt: input.generatedAt,
    devices,
    links: allLinks,
    summaries,
    sources: input.sources.map(s => s.status),
  };
}

function declaredExpectation(fabric: FabricEntityInfo | undefined) {
  return fabric?.width !== undefined
    ? { expected: { speedGbps: fabric.speedGbps, width: fabric.width } }
    : {};
}

/**
 * Places each link in a fabric: the one its source names; else the fabric of its kind that a
 * node end's cluster depends on; else the fabric its switches' other links are in; else the
 * only fabric of its kind in the catalog; else {@link UNASSIGNED_FABRIC}.
 */
function assignFabrics(
  drafts: Iterable<Draft>,
  fabrics: Map<string, FabricEntityInfo>,
  clusters: Map<string, FabricClusterInfo>,
  placements: Map<string, NodePlacement>,
  roles: Map<string, 'switch' | 'node'>,
) {
  const open: Draft[] = [];
  const deviceFabric = new Map<string, string>();
  const remember = (draft: Draft) => {
    for (const ref of [draft.a, draft.b]) {
      const key = `${ref.deviceId}|${draft.kind}`;
      if (!deviceFabric.has(key)) deviceFabric.set(key, draft.fabricRef!);
    }
  };
  for (const draft of drafts) {
    if (!draft.fabricRef) {
      for (const ref of [draft.a, draft.b]) {
        if (roles.get(ref.deviceId) !== 'node') continue;
        const cluster = clusters.get(
          placements.get(ref.deviceId)?.clusterRef ?? '',
        );
        const match = cluster?.fabricRefs.find(
          f => fabrics.get(f)?.kind === draft.kind,
        );
        if (match) {
          draft.fabricRef = match;
          break;
        }
      }
    }
    if (draft.fabricRef) remember(draft);
    else open.push(draft);
  }
  let pending = open;
  for (let changed = true; changed && pending.length; ) {
    changed = false;
    const next: Draft[] = [];
    for (const draft of pending) {
      const known =
        deviceFabric.get(`${draft.a.deviceId}|${draft.kind}`) ??
        deviceFabric.get(`${draft.b.deviceId}|${draft.kind}`);
      if (known) {
        draft.fabricRef = known;
        remember(draft);
        changed = true;
      } else {
        next.push(draft);
      }
    }
    pending = next;
  }
  for (const draft of pending) {
    const ofKind = [...fabrics.values()].filter(f => f.kind === draft.kind);
    draft.fabricRef = ofKind.length === 1 ? ofKind[0].ref : UNASSIGNED_FABRIC;
  }
}

/** How bad a link is, to list the worst first: down, then furthest past a limit. */
function severityOf(link: FabricLink, thresholds: FabricThresholds): number {
  if (link.health === 'down') return Infinity;
  return judgeLink(
    { ...link.observed, rates: link.rates },
    { speedGbps: link.expected?.speedGbps, width: link.expected?.width },
    thresholds,
  ).severity;
}

/**
 * One fabric's summary over the links given (all of it, or one cluster's part): counts and
 * rolled-up health, the degraded share, oversubscription per switch tier, the worst links, the
 * teams behind the unhealthy ones and the differences from the declared topology.
 */
export function summarizeFabric(options: {
  fabricRef: string;
  kind: FabricKind;
  clusterRef?: string;
  links: FabricLink[];
  index: FabricIndex;
  differences: TopologyDifference[];
  nodeTeams: NodeTeams;
  thresholds: FabricThresholds;
  worstLinks?: number;
}): FabricSummary {
  const { links, index, nodeTeams } = options;
  const counts = countHealth(links.map(l => l.health));
  const unhealthy = links.filter(l => healthRank(l.health) > 0);
  const worst = unhealthy
    .map(link => ({ link, severity: severityOf(link, options.thresholds) }))
    .sort(
      (x, y) =>
        healthRank(y.link.health) - healthRank(x.link.health) ||
        y.severity - x.severity ||
        x.link.id.localeCompare(y.link.id),
    )
    .slice(0, options.worstLinks ?? 10)
    .map(w => w.link);

  const teams = new Map<
    string,
    { nodes: Set<string>; linkIds: Set<string>; workloads: Set<string> }
  >();
  for (const link of unhealthy) {
    for (const node of index.nodesBehind(link)) {
      for (const { teamRef, workloads } of nodeTeams[node] ?? []) {
        let team = teams.get(teamRef);
        if (!team) {
          team = { nodes: new Set(), linkIds: new Set(), workloads: new Set() };
          teams.set(teamRef, team);
        }
        team.nodes.add(node);
        team.linkIds.add(link.id);
        workloads.forEach(w => team!.workloads.add(w));
      }
    }
  }
  const affectedTeams: AffectedTeam[] = [...teams.entries()]
    .map(([teamRef, t]) => ({
      teamRef,
      nodes: [...t.nodes].sort(),
      linkIds: [...t.linkIds].sort(),
      workloads: [...t.workloads].sort(),
    }))
    .sort(
      (x, y) =>
        y.nodes.length - x.nodes.length || x.teamRef.localeCompare(y.teamRef),
    );

  const linkIds = new Set(links.map(l => l.id));
  return {
    fabricRef: options.fabricRef,
    ...(options.clusterRef ? { clusterRef: options.clusterRef } : {}),
    kind: options.kind,
    health: rollUpHealth(links.map(l => l.health)),
    links: counts,
    degradedShare: degradedShare(counts),
    oversubscription: oversubscription(
      index,
      links,
      new Set(
        options.differences
          .filter(d => d.kind === 'missing')
          .map(d => d.linkId),
      ),
    ),
    worstLinks: worst,
    affectedTeams,
    differences: options.differences.filter(d => linkIds.has(d.linkId)),
    stale: links.some(l => l.stale),
  };
}

/** What the graph's filters and scoped summaries need besides the graph. */
export interface FabricViewContext {
  nodeTeams: NodeTeams;
  thresholds: FabricThresholds;
  worstLinks?: number;
}

/** One cluster's part of each fabric, summarized: a `gpu-cluster` page's view. */
export function clusterSummaries(
  graph: FabricGraph,
  clusterRef: string,
  context: FabricViewContext,
  index = new FabricIndex(graph.devices, graph.links),
): {
  summaries: FabricSummary[];
  deviceIds: Set<string>;
  linkIds: Set<string>;
} {
  const scope = index.clusterScope(clusterRef);
  const byFabric = new Map<string, FabricLink[]>();
  for (const link of graph.links) {
    if (scope.linkIds.has(link.id)) push(byFabric, link.fabricRef, link);
  }
  const full = new Map(graph.summaries.map(s => [s.fabricRef, s]));
  const summaries = [...byFabric.entries()]
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([fabricRef, links]) =>
      summarizeFabric({
        fabricRef,
        clusterRef,
        kind: full.get(fabricRef)?.kind ?? links[0].kind,
        links,
        index,
        differences: full.get(fabricRef)?.differences ?? [],
        ...context,
      }),
    );
  return { summaries, ...scope };
}

/**
 * The graph as `GET /fabric/graph` filters it: a cluster keeps its nodes, their links and the
 * switches above them, with summaries of that part; a fabric keeps its links and their devices;
 * states keep the links in them and their devices (summaries still describe the whole scope).
 */
export function filterFabricGraph(
  graph: FabricGraph,
  query: FabricGraphQuery,
  context: FabricViewContext,
): FabricGraph {
  let { devices, links, summaries } = graph;
  if (query.cluster) {
    const scoped = clusterSummaries(graph, query.cluster, context);
    devices = devices.filter(d => scoped.deviceIds.has(d.id));
    links = links.filter(l => scoped.linkIds.has(l.id));
    summaries = scoped.summaries;
  }
  const endsOf = (kept: FabricLink[]) => {
    const ids = new Set(kept.flatMap(l => [l.a.deviceId, l.b.deviceId]));
    return devices.filter(d => ids.has(d.id));
  };
  if (query.fabric) {
    links = links.filter(l => l.fabricRef === query.fabric);
    devices = endsOf(links);
    summaries = summaries.filter(s => s.fabricRef === query.fabric);
  }
  if (query.health) {
    const wanted = new Set<FabricHealth>(query.health);
    links = links.filter(l => wanted.has(l.health));
    devices = endsOf(links);
  }
  return { ...graph, devices, links, summaries };
}
