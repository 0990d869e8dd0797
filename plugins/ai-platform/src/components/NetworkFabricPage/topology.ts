import type { ElementDefinition, Position } from 'cytoscape';
import {
  FabricDevice,
  FabricGraph,
  FabricHealth,
  FabricLink,
  FabricTier,
} from '@ai-platform/plugin-ai-platform-common';

/** Worst first: a group or a bundle of links shows its worst member. */
export const HEALTH_RANK: Record<FabricHealth, number> = {
  down: 0,
  degraded: 1,
  unknown: 2,
  healthy: 3,
};

export function worstHealth(healths: Iterable<FabricHealth>): FabricHealth {
  let worst: FabricHealth | undefined;
  for (const h of healths) {
    if (!worst || HEALTH_RANK[h] < HEALTH_RANK[worst]) worst = h;
  }
  return worst ?? 'unknown';
}

/** A stale reading is no evidence of health, so it never shows healthy. */
export function shownHealth(item: {
  health: FabricHealth;
  stale?: boolean;
}): FabricHealth {
  return item.stale && item.health === 'healthy' ? 'unknown' : item.health;
}

/** Rows from the top: core above the spines, leaves, and the GPU nodes at the bottom. */
const ROW_Y: Record<FabricTier, number> = {
  core: 0,
  spine: 220,
  leaf: 440,
  node: 660,
};
/** Nodes sit in a grid below their leaf, this far apart. */
const NODE_GAP = 36;
const MAX_COLUMNS = 8;
/** A leaf's block is at least a switch wide, so the leaf row never overlaps. */
const MIN_BLOCK = 96;
const BLOCK_GAP = 48;

const collator = new Intl.Collator('en', { numeric: true });
const byDevice = (a: FabricDevice, b: FabricDevice) =>
  collator.compare(a.name, b.name) || collator.compare(a.id, b.id);

/** The nodes hanging below one leaf (or below none), drawn as one element when collapsed. */
export interface NodeGroup {
  /** Its element id. */
  id: string;
  leafId?: string;
  /** In drawing order: by NVLink domain, then by name. */
  nodeIds: string[];
  position: Position;
}

/**
 * Where everything sits. Computed once per graph, with every node in its expanded place, so
 * expanding or collapsing a group never moves anything else.
 */
export interface FabricLayout {
  devices: Map<string, FabricDevice>;
  /** Of every device; a node's is its place when its group is expanded. */
  positions: Map<string, Position>;
  groups: Map<string, NodeGroup>;
  /** Each node's group id. */
  groupOf: Map<string, string>;
  /** Each node's NVLink domain element, for nodes in one. */
  domainOf: Map<string, { id: string; label: string }>;
}

export const groupIdOf = (leafId?: string) => `g:${leafId ?? ''}`;
const deviceElementId = (deviceId: string) => `d:${deviceId}`;

/** The key with the most votes; ties go to the first in `order`. */
function mostVoted(
  votes: Map<string, number> | undefined,
  order: Map<string, number>,
): string | undefined {
  let best: string | undefined;
  for (const [key, n] of votes ?? []) {
    const bestN = best === undefined ? -1 : votes!.get(best)!;
    if (n > bestN || (n === bestN && order.get(key)! < order.get(best!)!)) {
      best = key;
    }
  }
  return best;
}

function vote(
  votes: Map<string, Map<string, number>>,
  of: string,
  for_: string,
) {
  const counts = votes.get(of) ?? new Map<string, number>();
  counts.set(for_, (counts.get(for_) ?? 0) + 1);
  votes.set(of, counts);
}

/**
 * A deterministic preset layout in tiers: core and spines spread over the width, each leaf
 * above a block of the nodes it has most links to, NVLink domains kept whole in one block.
 */
export function layoutFabric(
  graph: Pick<FabricGraph, 'devices' | 'links'>,
): FabricLayout {
  const devices = new Map<string, FabricDevice>();
  for (const d of graph.devices) if (!devices.has(d.id)) devices.set(d.id, d);
  const ordered = [...devices.values()].sort(byDevice);
  const leaves = ordered.filter(d => d.tier === 'leaf');
  const leafOrder = new Map(leaves.map((l, i) => [l.id, i]));

  // A node hangs below the leaf it has most links to (rail-optimised nodes reach several).
  const uplinks = new Map<string, Map<string, number>>();
  for (const link of graph.links) {
    for (const [from, to] of [
      [link.a.deviceId, link.b.deviceId],
      [link.b.deviceId, link.a.deviceId],
    ]) {
      if (devices.get(from)?.tier === 'node' && leafOrder.has(to)) {
        vote(uplinks, from, to);
      }
    }
  }
  const nodes = ordered.filter(d => d.tier === 'node');
  const domainKey = (n: FabricDevice) =>
    n.acceleratorDomain
      ? `${n.clusterRef ?? ''}/${n.acceleratorDomain}`
      : undefined;
  const primaryLeaf = new Map<string, string | undefined>();
  const domainVotes = new Map<string, Map<string, number>>();
  for (const n of nodes) {
    const leaf = mostVoted(uplinks.get(n.id), leafOrder);
    primaryLeaf.set(n.id, leaf);
    const key = domainKey(n);
    if (key && leaf) vote(domainVotes, key, leaf);
  }

  // An NVLink domain stays in one block: the one most of its nodes belong to.
  const members = new Map<string | undefined, FabricDevice[]>();
  const domainOf = new Map<string, { id: string; label: string }>();
  for (const n of nodes) {
    const key = domainKey(n);
    const leaf = key
      ? mostVoted(domainVotes.get(key), leafOrder)
      : primaryLeaf.get(n.id);
    if (key) {
      domainOf.set(n.id, {
        id: `nv:${key}`,
        label: `NVLink ${n.acceleratorDomain}`,
      });
    }
    const inBlock = members.get(leaf) ?? [];
    inBlock.push(n);
    members.set(leaf, inBlock);
  }

  const positions = new Map<string, Position>();
  const groups = new Map<string, NodeGroup>();
  const groupOf = new Map<string, string>();
  let cursor = 0;
  const placeBlock = (leafId: string | undefined, inBlock: FabricDevice[]) => {
    // Domain members together, each domain from a new grid row so its box is a rectangle.
    const sorted = [...inBlock].sort((a, b) => {
      const da = domainKey(a);
      const db = domainKey(b);
      if (da === db) return 0;
      if (da === undefined) return 1;
      if (db === undefined) return -1;
      return collator.compare(da, db);
    });
    const columns = Math.min(
      MAX_COLUMNS,
      Math.max(1, Math.ceil(Math.sqrt(sorted.length))),
    );
    const gridWidth = (columns - 1) * NODE_GAP;
    const blockWidth = Math.max(MIN_BLOCK, gridWidth);
    const left = cursor + (blockWidth - gridWidth) / 2;
    const centre = cursor + blockWidth / 2;
    const id = groupIdOf(leafId);
    let row = 0;
    let column = 0;
    sorted.forEach((n, i) => {
      const newDomain = i > 0 && domainKey(n) !== domainKey(sorted[i - 1]);
      if (column === columns || (newDomain && column > 0)) {
        row++;
        column = 0;
      }
      positions.set(n.id, {
        x: left + column * NODE_GAP,
        y: ROW_Y.node + row * NODE_GAP,
      });
      groupOf.set(n.id, id);
      column++;
    });
    if (leafId) positions.set(leafId, { x: centre, y: ROW_Y.leaf });
    if (sorted.length) {
      groups.set(id, {
        id,
        leafId,
        nodeIds: sorted.map(n => n.id),
        position: { x: centre, y: ROW_Y.node },
      });
    }
    cursor += blockWidth + BLOCK_GAP;
  };
  for (const leaf of leaves) placeBlock(leaf.id, members.get(leaf.id) ?? []);
  if (members.has(undefined)) placeBlock(undefined, members.get(undefined)!);
  const width = Math.max(0, cursor - BLOCK_GAP);

  for (const tier of ['core', 'spine'] as const) {
    const row = ordered.filter(d => d.tier === tier);
    const spacing = Math.max(width / row.length, MIN_BLOCK + BLOCK_GAP);
    const start = (width - spacing * row.length) / 2;
    row.forEach((d, i) =>
      positions.set(d.id, { x: start + (i + 0.5) * spacing, y: ROW_Y[tier] }),
    );
  }
  return { devices, positions, groups, groupOf, domainOf };
}

/** What each drawn element carries; the page reads it back when one is clicked. */
export type TopologyData =
  | {
      kind: 'switch' | 'node';
      id: string;
      deviceId: string;
      label: string;
      health: FabricHealth;
      parent?: string;
    }
  | {
      kind: 'group';
      id: string;
      label: string;
      health: FabricHealth;
      nodes: number;
    }
  | { kind: 'domain'; id: string; label: string }
  | {
      kind: 'link';
      id: string;
      source: string;
      target: string;
      linkId: string;
      health: FabricHealth;
      width: number;
    }
  | {
      kind: 'bundle';
      id: string;
      source: string;
      target: string;
      /** Worst first. */
      linkIds: string[];
      health: FabricHealth;
      width: number;
      label: string;
    };

/** Expanded group ids, or every group. */
export type Expanded = ReadonlySet<string> | 'all';

/** 1 px for an idle (or unmeasured) link to 6 px for a full one. */
const widthOf = (utilizations: (number | undefined)[]) => {
  const known = utilizations.filter((u): u is number => u !== undefined);
  if (!known.length) return 1;
  const mean = known.reduce((s, u) => s + u, 0) / known.length;
  return 1 + 5 * Math.min(1, Math.max(0, mean));
};

const byWorst = (a: FabricLink, b: FabricLink) =>
  HEALTH_RANK[shownHealth(a)] - HEALTH_RANK[shownHealth(b)] ||
  (b.utilization ?? 0) - (a.utilization ?? 0) ||
  collator.compare(a.id, b.id);

/**
 * The elements to draw: switches, each group collapsed to one element unless expanded (its nodes
 * inside their NVLink domains then), and the links between what is drawn. Parallel links between
 * two drawn elements become one bundle; links inside one element are not drawn.
 */
export function fabricElements(
  graph: Pick<FabricGraph, 'links'>,
  layout: FabricLayout,
  expanded: Expanded,
): { elements: ElementDefinition[]; unplacedLinks: number } {
  const isOpen = (groupId: string) =>
    expanded === 'all' || expanded.has(groupId);
  const elements: ElementDefinition[] = [];
  const node = (data: TopologyData, position?: Position) =>
    elements.push({ group: 'nodes', data, position });

  for (const d of layout.devices.values()) {
    if (d.tier === 'node') continue;
    node(
      {
        kind: 'switch',
        id: deviceElementId(d.id),
        deviceId: d.id,
        label: d.name,
        health: d.health,
      },
      layout.positions.get(d.id),
    );
  }
  const domains = new Map<string, string>();
  for (const group of layout.groups.values()) {
    const members = group.nodeIds.map(id => layout.devices.get(id)!);
    if (!isOpen(group.id)) {
      const unhealthy = members.filter(
        m => m.health === 'down' || m.health === 'degraded',
      ).length;
      node(
        {
          kind: 'group',
          id: group.id,
          label: `${members.length} nodes${
            unhealthy ? `\n${unhealthy} unhealthy` : ''
          }`,
          health: worstHealth(members.map(m => m.health)),
          nodes: members.length,
        },
        group.position,
      );
      continue;
    }
    for (const m of members) {
      const domain = layout.domainOf.get(m.id);
      if (domain) domains.set(domain.id, domain.label);
      node(
        {
          kind: 'node',
          id: deviceElementId(m.id),
          deviceId: m.id,
          label: m.name,
          health: m.health,
          parent: domain?.id,
        },
        layout.positions.get(m.id),
      );
    }
  }
  for (const [id, label] of domains) node({ kind: 'domain', id, label });

  const drawnAs = (deviceId: string) => {
    if (!layout.devices.has(deviceId)) return undefined;
    const group = layout.groupOf.get(deviceId);
    return group && !isOpen(group) ? group : deviceElementId(deviceId);
  };
  const pairs = new Map<
    string,
    { source: string; target: string; links: FabricLink[] }
  >();
  let unplacedLinks = 0;
  for (const link of graph.links) {
    const a = drawnAs(link.a.deviceId);
    const b = drawnAs(link.b.deviceId);
    if (!a || !b) {
      unplacedLinks++;
      continue;
    }
    if (a === b) continue;
    const [source, target] = a < b ? [a, b] : [b, a];
    const key = `${source}\u0000${target}`;
    const pair = pairs.get(key) ?? { source, target, links: [] };
    pair.links.push(link);
    pairs.set(key, pair);
  }
  for (const [key, { source, target, links }] of pairs) {
    const width = widthOf(links.map(l => l.utilization));
    if (links.length === 1) {
      elements.push({
        group: 'edges',
        data: {
          kind: 'link',
          id: `l:${links[0].id}`,
          source,
          target,
          linkId: links[0].id,
          health: shownHealth(links[0]),
          width,
        } satisfies TopologyData,
      });
    } else {
      links.sort(byWorst);
      elements.push({
        group: 'edges',
        data: {
          kind: 'bundle',
          id: `b:${key}`,
          source,
          target,
          linkIds: links.map(l => l.id),
          health: shownHealth(links[0]),
          width,
          label: `${links.length}`,
        } satisfies TopologyData,
      });
    }
  }
  return { elements, unplacedLinks };
}
