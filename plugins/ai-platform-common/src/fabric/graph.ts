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
import { adapterOf, endKey, hostOf, joinEnds, nameKey } from './links';
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

/** A sorted copy; most lists here hold one item, and sort allocates even then. */
function sorted(items: string[]): string[] {
  return items.length > 1 ? [...items].sort() : [...items];
}

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
          ...(p.namespaces ? { namespaces: sorted(p.namespaces) } : {}),
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
  /** Whether the declared source, and any other, reported it. */
  declared: boolean;
  observed: boolean;
  fabricRef?: string;
}

const isDeclared = (s: FabricSourceInput) => s.status.kind === 'declared';

/** Code-unit order: ids and names are ASCII, and ICU collation is slow on 10 000 links. */
function byCode(x: string, y: string): number {
  if (x === y) return 0;
  return x < y ? -1 : 1;
}

/** The distinct sources of a link's readings, sorted. */
function sourcesOf(readings: Reading[]): string[] {
  const ids: string[] = [];
  for (const { sourceId } of readings) {
    if (!ids.includes(sourceId)) ids.push(sourceId);
  }
  // A link has a source or two: sorted in place, as sort() allocates even for those.
  for (let i = 1; i < ids.length; i++) {
    for (let j = i; j > 0 && ids[j - 1] > ids[j]; j--) {
      [ids[j - 1], ids[j]] = [ids[j], ids[j - 1]];
    }
  }
  return ids;
}

/** Appends to the list under a key. */
function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Merges the readings of one link: worst state, narrowest width, each end's counters once. */
function combine(readings: Reading[]): LinkReading {
  const out: LinkReading = { rates: {} };
  for (let i = 0; i < readings.length; i++) {
    const { end, port } = readings[i];
    // One end seen by two sources counts once (its highest rate); the two ends add up.
    for (const key in port.rates) {
      if (!Object.prototype.hasOwnProperty.call(port.rates, key)) continue;
      const counter = key as FabricCounter;
      const value = port.rates[counter]!;
      let seenAtEnd: number | undefined;
      for (let j = 0; j < i; j++) {
        const earlier = readings[j];
        if (earlier.end !== end) continue;
        const v = earlier.port.rates[counter];
        if (v !== undefined && (seenAtEnd === undefined || v > seenAtEnd)) {
          seenAtEnd = v;
        }
      }
      if (seenAtEnd === undefined) {
        out.rates[counter] = (out.rates[counter] ?? 0) + value;
      } else if (value > seenAtEnd) {
        out.rates[counter] = out.rates[counter]! + value - seenAtEnd;
      }
    }
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
  return out;
}

/** The expectation a link's fabric declares. */
function expectationOf(fabric: FabricEntityInfo | undefined) {
  return { speedGbps: fabric?.speedGbps, width: fabric?.width };
}

/** Two devices as a difference names them, in name order. */
function pairName(x: string, y: string) {
  return x <= y ? `${x} ↔ ${y}` : `${y} ↔ ${x}`;
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
  // Asked of every end: answered once per device.
  const nodeAnswers = new Map<string, boolean>();
  const isNode = (ref: PortRef) => {
    let node = nodeAnswers.get(ref.deviceId);
    if (node === undefined) {
      node =
        nodeIds.has(ref.deviceId) ||
        (!switchIds.has(ref.deviceId) && placements.has(hostOf(ref)));
      nodeAnswers.set(ref.deviceId, node);
    }
    return node;
  };

  // Declared switches are named, observed ones have GUIDs: a declared name that one observed
  // switch carries is that switch.
  const observedSwitchByName = new Map<string, string | null>();
  const learned = new Set<string>();
  const learn = (ref: PortRef) => {
    if (learned.has(ref.deviceId)) return;
    learned.add(ref.deviceId);
    if (isNode(ref)) return;
    const key = nameKey(ref.name);
    const known = observedSwitchByName.get(key);
    if (known === undefined) observedSwitchByName.set(key, ref.deviceId);
    else if (known !== ref.deviceId) observedSwitchByName.set(key, null);
  };
  for (const source of input.sources) {
    if (isDeclared(source)) continue;
    for (const port of source.observation?.ports ?? []) {
      learn(port.local);
      learn(port.remote);
    }
  }

  // Each device is looked at once per kind of source (declared or observed): its role, its
  // name, and the id and port prefix its ends take.
  const canonicalId = new Map<string, string>();
  const names = new Map<string, string>();
  const roles = new Map<string, 'switch' | 'node'>();
  const deviceCache = [new Map(), new Map()] as Array<
    Map<string, { id: string; prefix: string }>
  >;
  const deviceOf = (ref: PortRef, declared: boolean) => {
    const cache = deviceCache[Number(declared)];
    let device = cache.get(ref.deviceId);
    if (device) return device;
    if (isNode(ref)) {
      const host = hostOf(ref);
      const adapter = adapterOf(ref, host);
      device = { id: host, prefix: adapter === undefined ? '' : `${adapter}/` };
      canonicalId.set(ref.deviceId, host);
      roles.set(host, 'node');
      names.set(host, host);
    } else {
      const observed = declared
        ? observedSwitchByName.get(nameKey(ref.name))
        : undefined;
      device = { id: observed ?? ref.deviceId, prefix: '' };
      roles.set(device.id, 'switch');
      // Named as observed, before as declared.
      if (!declared || !names.has(device.id)) names.set(device.id, ref.name);
    }
    cache.set(ref.deviceId, device);
    return device;
  };
  const canonical = (ref: PortRef, declared: boolean) => {
    const device = deviceOf(ref, declared);
    const end = {
      deviceId: device.id,
      name: ref.name,
      port: device.prefix ? `${device.prefix}${ref.port}` : ref.port,
    };
    return { ref: end, key: endKey(end) };
  };

  const drafts = new Map<string, Draft>();
  for (const source of input.sources) {
    const declared = isDeclared(source);
    const fresh = source.status.status === 'ok';
    for (const port of source.observation?.ports ?? []) {
      const local = canonical(port.local, declared);
      const remote = canonical(port.remote, declared);
      const id = joinEnds(local.key, remote.key);
      let draft = drafts.get(id);
      if (!draft) {
        const localFirst = local.key <= remote.key;
        draft = {
          id,
          kind: port.kind,
          a: localFirst ? local.ref : remote.ref,
          b: localFirst ? remote.ref : local.ref,
          readings: [],
          declared: false,
          observed: false,
        };
        drafts.set(id, draft);
      }
      draft.fabricRef ??= port.fabricRef;
      if (declared) draft.declared = true;
      else draft.observed = true;
      draft.readings.push({
        sourceId: source.status.id,
        fresh,
        declared,
        end: local.key,
        port,
      });
    }
  }

  assignFabrics(drafts, fabrics, clusters, placements, roles);

  // Tiers from every cable between devices, NVLinks inside a node aside.
  const placedSwitches = new Map<string, number>();
  for (const p of placements.values()) {
    p.switches.forEach((name, i) => {
      const id = observedSwitchByName.get(nameKey(name)) ?? name;
      if (!placedSwitches.has(id)) placedSwitches.set(id, i);
    });
  }
  const tiers = assignTiers(roles, drafts.values(), placedSwitches);

  // One expectation per fabric, shared by its links.
  const expectations = new Map(
    input.fabrics.map(f => [
      f.ref,
      {
        judge: expectationOf(f),
        link:
          f.width !== undefined
            ? { speedGbps: f.speedGbps, width: f.width }
            : undefined,
      },
    ]),
  );

  const statusOf = new Map(input.sources.map(s => [s.status.id, s.status]));
  const observedFabrics = new Set<string>();
  const links = new Map<string, FabricLink>();
  const declaredOnly: Draft[] = [];
  for (const draft of drafts.values()) {
    if (!draft.observed) {
      declaredOnly.push(draft);
      continue;
    }
    const observed = draft.declared
      ? draft.readings.filter(r => !r.declared)
      : draft.readings;
    observedFabrics.add(draft.fabricRef!);
    links.set(draft.id, observedLink(draft, observed));
  }

  function observedLink(draft: Draft, observed: Reading[]): FabricLink {
    const expected = expectations.get(draft.fabricRef!);
    const link: FabricLink = {
      id: draft.id,
      kind: draft.kind,
      fabricRef: draft.fabricRef!,
      a: draft.a,
      b: draft.b,
      rates: {},
      health: 'unknown',
      reasons: [],
      sources: sourcesOf(draft.readings),
      stale: false,
    };
    if (expected?.link) link.expected = expected.link;
    const fresh = observed.filter(r => r.fresh);
    if (!fresh.length) {
      const why = sourcesOf(observed).map(id => {
        const s = statusOf.get(id);
        return `${id} ${s?.status ?? 'stale'}${s?.error ? `: ${s.error}` : ''}`;
      });
      link.reasons = [`no fresh data (${why.join('; ')})`];
      link.stale = true;
      return link;
    }
    const reading = combine(fresh);
    const judged = judgeLink(reading, expected?.judge ?? {}, input.thresholds);
    if (
      reading.up !== undefined ||
      reading.speedGbps !== undefined ||
      reading.width !== undefined
    ) {
      const seen: NonNullable<FabricLink['observed']> = {};
      if (reading.up !== undefined) seen.up = reading.up;
      if (reading.speedGbps !== undefined) seen.speedGbps = reading.speedGbps;
      if (reading.width !== undefined) seen.width = reading.width;
      link.observed = seen;
    }
    link.rates = reading.rates;
    const use = utilization(
      reading.bytesPerSecond,
      expected?.judge.speedGbps ?? reading.speedGbps,
    );
    if (use !== undefined) link.utilization = use;
    link.health = judged.health;
    link.reasons = judged.reasons;
    return link;
  }

  const differences = new Map<string, TopologyDifference[]>();
  const differ = (fabricRef: string, d: TopologyDifference) =>
    push(differences, fabricRef, d);
  const deviceName = (ref: PortRef) => names.get(ref.deviceId) ?? ref.name;
  const keys = new Map<string, string>();
  const deviceKey = (ref: PortRef) => {
    let key = keys.get(ref.deviceId);
    if (key === undefined) {
      key = nameKey(deviceName(ref));
      keys.set(ref.deviceId, key);
    }
    return key;
  };
  const pairOf = (d: { a: PortRef; b: PortRef }) =>
    pairName(deviceKey(d.a), deviceKey(d.b));
  const labelOf = (d: { a: PortRef; b: PortRef }) =>
    pairName(deviceName(d.a), deviceName(d.b));

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
        sources: sourcesOf(draft.readings),
        stale: false,
      });
    }
  }

  // Declared against observed, per fabric, by the pair of device names each cable joins.
  const declaredFabrics = new Set<string>();
  for (const draft of drafts.values()) {
    if (draft.declared) declaredFabrics.add(draft.fabricRef!);
  }
  // A cable both declared and observed under one id balances itself out; only the others are
  // paired, and matched cables counted only for the pairs that have others.
  const pairs = new Map<
    string,
    { fabricRef: string; declared: Draft[]; observed: Draft[]; matched: number }
  >();
  const pairKey = (draft: Draft) =>
    `${draft.fabricRef}|${draft.kind}|${pairOf(draft)}`;
  for (const draft of drafts.values()) {
    if (
      draft.declared === draft.observed ||
      !declaredFabrics.has(draft.fabricRef!) ||
      !observedFabrics.has(draft.fabricRef!)
    ) {
      continue;
    }
    const key = pairKey(draft);
    let pair = pairs.get(key);
    if (!pair) {
      pair = {
        fabricRef: draft.fabricRef!,
        declared: [],
        observed: [],
        matched: 0,
      };
      pairs.set(key, pair);
    }
    (draft.declared ? pair.declared : pair.observed).push(draft);
  }
  if (pairs.size) {
    for (const draft of drafts.values()) {
      if (!draft.declared || !draft.observed) continue;
      const pair = pairs.get(pairKey(draft));
      if (pair) pair.matched++;
    }
  }
  for (const { fabricRef, declared, observed, matched } of pairs.values()) {
    const shortfall = declared.length - observed.length;
    const declaredCount = matched + declared.length;
    const label = () => labelOf(declared[0] ?? observed[0]);
    for (const draft of declared.slice(0, Math.max(0, shortfall))) {
      differ(fabricRef, {
        kind: 'missing',
        linkId: draft.id,
        message:
          declaredCount === 1
            ? `${label()}: declared, not observed`
            : `${label()}: ${shortfall} of ${declaredCount} declared links not observed`,
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
        sources: sourcesOf(draft.readings),
        stale: false,
      });
    }
    for (const draft of observed.slice(0, Math.max(0, -shortfall))) {
      differ(fabricRef, {
        kind: 'unexpected',
        linkId: draft.id,
        message: declaredCount
          ? `${label()}: ${
              matched + observed.length
            } links observed, ${declaredCount} declared`
          : `${label()}: observed, not declared`,
      });
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
  const allLinks = [...links.values()].sort((x, y) => byCode(x.id, y.id));
  // Indexed before its devices exist: they are made from their links.
  const index = new FabricIndex([], allLinks);
  const devices: FabricDevice[] = [];
  for (const id of index.linkedDevices()) {
    const own = index.linksOf(id);
    const role = roles.get(id) ?? 'switch';
    const placement = role === 'node' ? placements.get(id) : undefined;
    const fabricRef = (own.find(l => l.kind !== 'nvlink') ?? own[0]).fabricRef;
    let health = rollUpHealth(own.map(l => l.health));
    if (alarmed.has(id) && healthRank(health) < 1) health = 'degraded';
    const device: FabricDevice = {
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
    };
    devices.push(device);
    index.devices.set(id, device);
  }
  devices.sort(
    (x, y) => TIER_ORDER[x.tier] - TIER_ORDER[y.tier] || byCode(x.name, y.name),
  );

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
  drafts: Map<string, Draft>,
  fabrics: Map<string, FabricEntityInfo>,
  clusters: Map<string, FabricClusterInfo>,
  placements: Map<string, NodePlacement>,
  roles: Map<string, 'switch' | 'node'>,
) {
  const open: Draft[] = [];
  for (const draft of drafts.values()) {
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
    if (!draft.fabricRef) open.push(draft);
  }
  if (!open.length) return;

  // A device's fabric per kind, from its placed links, for the links still open.
  const deviceFabric = new Map<FabricKind, Map<string, string>>();
  const remember = (draft: Draft) => {
    let byDevice = deviceFabric.get(draft.kind);
    if (!byDevice) {
      byDevice = new Map();
      deviceFabric.set(draft.kind, byDevice);
    }
    for (const ref of [draft.a, draft.b]) {
      if (!byDevice.has(ref.deviceId)) {
        byDevice.set(ref.deviceId, draft.fabricRef!);
      }
    }
  };
  for (const draft of drafts.values()) if (draft.fabricRef) remember(draft);
  let pending = open;
  for (let changed = true; changed && pending.length; ) {
    changed = false;
    const next: Draft[] = [];
    for (const draft of pending) {
      const byDevice = deviceFabric.get(draft.kind);
      const known =
        byDevice?.get(draft.a.deviceId) ?? byDevice?.get(draft.b.deviceId);
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
        byCode(x.link.id, y.link.id),
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
