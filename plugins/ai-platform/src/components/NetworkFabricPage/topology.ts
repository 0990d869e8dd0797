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

/** Tiers from the top: core above the spines, leaves, and the GPU nodes at the bottom. */
const TIER_ROW: Record<FabricTier, number> = {
  core: 0,
  spine: 1,
  leaf: 2,
  node: 3,
};
/** Rows move apart as the fabric widens, so the fitted view is never a thin line. */
const MIN_ROW_GAP = 220;
const WIDTH_PER_ROW_GAP = 6;
/** Nodes sit in a grid below their leaf, this far apart. */
const NODE_GAP = 36;
const MAX_COLUMNS = 8;
/** Room around an NVLink domain's nodes inside its box. */
const DOMAIN_PADDING = 14;
/** A leaf's block is at least a switch wide, so the leaf row never overlaps. */
const MIN_BLOCK = 96;
const BLOCK_GAP = 48;

const collator = new Intl.Collator('en', { numeric: true });
const byDevice = (a: FabricDevice, b: FabricDevice) =>
  collator.compare(a.name, b.name) || collator.compare(a.id, b.id);

/** A box drawn behind the nodes of one NVLink domain. */
export interface DomainBox {
  id: string;
  label: string;
  position: Position;
  width: number;
  height: number;
}

/** The nodes hanging below one leaf (or below none), drawn as one element when collapsed. */
export interface NodeGroup {
  /** Its element id. */
  id: string;
  leafId?: string;
  /** In drawing order: by NVLink domain, then by name. */
  nodeIds: string[];
  domains: DomainBox[];
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
}

export const groupIdOf = (leafId?: string) => `g:${leafId ?? ''}`;
const deviceElementId = (deviceId: string) => `d:${deviceId}`;

/**
 * The key with the most votes; ties go to the least loaded, then to the first in `order`, so
 * rail-optimised nodes, which reach several leaves alike, spread evenly below them.
 */
function mostVoted(
  votes: Map<string, number> | undefined,
  order: Map<string, number>,
  load?: Map<string, number>,
): string | undefined {
  const before = (a: string, b: string) =>
    votes!.get(b)! - votes!.get(a)! ||
    (load?.get(a) ?? 0) - (load?.get(b) ?? 0) ||
    order.get(a)! - order.get(b)!;
  let best: string | undefined;
  for (const key of votes?.keys() ?? []) {
    if (best === undefined || before(key, best) < 0) best = key;
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
  const domainOf = (n: FabricDevice) =>
    n.acceleratorDomain && `${n.clusterRef ?? ''}/${n.acceleratorDomain}`;
  const domainSize = new Map<string, number>();
  for (const n of nodes) {
    const key = domainOf(n);
    if (key) domainSize.set(key, (domainSize.get(key) ?? 0) + 1);
  }
  // A node that is its own NVLink domain (an HGX board) needs no box around it.
  const domainKey = (n: FabricDevice) => {
    const key = domainOf(n);
    return key && domainSize.get(key)! > 1 ? key : undefined;
  };
  const primaryLeaf = new Map<string, string | undefined>();
  const load = new Map<string, number>();
  const domainVotes = new Map<string, Map<string, number>>();
  for (const n of nodes) {
    const leaf = mostVoted(uplinks.get(n.id), leafOrder, load);
    primaryLeaf.set(n.id, leaf);
    if (!leaf) continue;
    load.set(leaf, (load.get(leaf) ?? 0) + 1);
    const key = domainKey(n);
    if (key) vote(domainVotes, key, leaf);
  }

  // An NVLink domain stays in one block: the one most of its nodes belong to.
  const members = new Map<string | undefined, FabricDevice[]>();
  for (const n of nodes) {
    const key = domainKey(n);
    const leaf = key
      ? mostVoted(domainVotes.get(key), leafOrder)
      : primaryLeaf.get(n.id);
    const inBlock = members.get(leaf) ?? [];
    inBlock.push(n);
    members.set(leaf, inBlock);
  }

  // Blocks left to right; nodes' heights are offsets below the node row until its height is known.
  const x = new Map<string, number>();
  const below = new Map<string, number>();
  const blocks: { leafId?: string; nodes: FabricDevice[]; centre: number }[] =
    [];
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
    let row = 0;
    let column = 0;
    sorted.forEach((n, i) => {
      const newDomain = i > 0 && domainKey(n) !== domainKey(sorted[i - 1]);
      if (column === columns || (newDomain && column > 0)) {
        // A new domain also leaves a gap for its box's label.
        row += newDomain ? 2 : 1;
        column = 0;
      }
      x.set(n.id, left + column * NODE_GAP);
      below.set(n.id, row * NODE_GAP);
      column++;
    });
    blocks.push({ leafId, nodes: sorted, centre: cursor + blockWidth / 2 });
    cursor += blockWidth + BLOCK_GAP;
  };
  for (const leaf of leaves) placeBlock(leaf.id, members.get(leaf.id) ?? []);
  if (members.has(undefined)) placeBlock(undefined, members.get(undefined)!);
  const width = Math.max(0, cursor - BLOCK_GAP);
  const rowGap = Math.max(MIN_ROW_GAP, width / WIDTH_PER_ROW_GAP);
  const rowY = (tier: FabricTier) => TIER_ROW[tier] * rowGap;

  const positions = new Map<string, Position>();
  const groups = new Map<string, NodeGroup>();
  const groupOf = new Map<string, string>();
  for (const block of blocks) {
    if (block.leafId) {
      positions.set(block.leafId, { x: block.centre, y: rowY('leaf') });
    }
    if (!block.nodes.length) continue;
    const id = groupIdOf(block.leafId);
    const byDomain = new Map<string, FabricDevice[]>();
    for (const n of block.nodes) {
      positions.set(n.id, {
        x: x.get(n.id)!,
        y: rowY('node') + below.get(n.id)!,
      });
      groupOf.set(n.id, id);
      const key = domainKey(n);
      if (key) {
        const inDomain = byDomain.get(key) ?? [];
        inDomain.push(n);
        byDomain.set(key, inDomain);
      }
    }
    const domains = [...byDomain].map(([key, inDomain]): DomainBox => {
      const xs = inDomain.map(n => positions.get(n.id)!.x);
      const ys = inDomain.map(n => positions.get(n.id)!.y);
      const [minX, maxX] = [Math.min(...xs), Math.max(...xs)];
      const [minY, maxY] = [Math.min(...ys), Math.max(...ys)];
      return {
        id: `nv:${key}`,
        label: `NVLink ${inDomain[0].acceleratorDomain}`,
        position: { x: (minX + maxX) / 2, y: (minY + maxY) / 2 },
        width: maxX - minX + 2 * DOMAIN_PADDING,
        height: maxY - minY + 2 * DOMAIN_PADDING,
      };
    });
    groups.set(id, {
      id,
      leafId: block.leafId,
      nodeIds: block.nodes.map(n => n.id),
      domains,
      position: { x: block.centre, y: rowY('node') },
    });
  }

  for (const tier of ['core', 'spine'] as const) {
    const row = ordered.filter(d => d.tier === tier);
    const spacing = Math.max(width / row.length, MIN_BLOCK + BLOCK_GAP);
    const start = (width - spacing * row.length) / 2;
    row.forEach((d, i) =>
      positions.set(d.id, { x: start + (i + 0.5) * spacing, y: rowY(tier) }),
    );
  }
  return { devices, positions, groups, groupOf };
}

/** What each drawn element carries; the page reads it back when one is clicked. */
export type TopologyData =
  | {
      kind: 'switch' | 'node';
      id: string;
      deviceId: string;
      label: string;
      health: FabricHealth;
    }
  | {
      kind: 'group';
      id: string;
      label: string;
      health: FabricHealth;
      nodes: number;
    }
  | { kind: 'domain'; id: string; label: string; width: number; height: number }
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

/**
 * 1 px for an idle (or unmeasured) link to 6 px for a full one; a degraded or down link, often
 * idle, is at least 3 px so it stands out among thousands.
 */
function widthOf(links: FabricLink[], health: FabricHealth) {
  const known = links
    .map(l => l.utilization)
    .filter((u): u is number => u !== undefined);
  const mean = known.length
    ? known.reduce((s, u) => s + u, 0) / known.length
    : 0;
  const width = 1 + 5 * Math.min(1, Math.max(0, mean));
  return health === 'degraded' || health === 'down'
    ? Math.max(3, width)
    : width;
}

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
    // Plain boxes behind the nodes, not compound parents: those double the drawing time.
    for (const { position, ...box } of group.domains) {
      node({ kind: 'domain', ...box }, position);
    }
    for (const m of members) {
      node(
        {
          kind: 'node',
          id: deviceElementId(m.id),
          deviceId: m.id,
          label: m.name,
          health: m.health,
        },
        layout.positions.get(m.id),
      );
    }
  }

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
    links.sort(byWorst);
    const health = shownHealth(links[0]);
    const width = widthOf(links, health);
    if (links.length === 1) {
      elements.push({
        group: 'edges',
        data: {
          kind: 'link',
          id: `l:${links[0].id}`,
          source,
          target,
          linkId: links[0].id,
          health,
          width,
        } satisfies TopologyData,
      });
    } else {
      elements.push({
        group: 'edges',
        data: {
          kind: 'bundle',
          id: `b:${key}`,
          source,
          target,
          linkIds: links.map(l => l.id),
          health,
          width,
          label: `${links.length}`,
        } satisfies TopologyData,
      });
    }
  }
  return { elements, unplacedLinks };
}
