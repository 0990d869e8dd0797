import { FabricDevice, FabricLink, FabricTier } from './types';

const LEVEL: Record<FabricTier, number> = {
  node: 0,
  leaf: 1,
  spine: 2,
  core: 3,
};
const TIERS: FabricTier[] = ['node', 'leaf', 'spine', 'core'];

/** A tier's height: node 0, leaf 1, spine 2, core 3. */
export function tierLevel(tier: FabricTier): number {
  return LEVEL[tier];
}

/**
 * Switch tiers by distance from the nodes: a switch cabled to a node is a leaf, one cabled to a
 * leaf a spine, anything higher core. A switch no node reaches takes the tier a node's placement
 * names it at (nearest first), else leaf.
 */
export function assignTiers(
  roles: Map<string, 'switch' | 'node'>,
  edges: Iterable<{ a: { deviceId: string }; b: { deviceId: string } }>,
  placedSwitches: Map<string, number> = new Map(),
): Map<string, FabricTier> {
  const neighbours = new Map<string, string[]>();
  const add = (from: string, to: string) => {
    const list = neighbours.get(from);
    if (list) list.push(to);
    else neighbours.set(from, [to]);
  };
  for (const { a, b } of edges) {
    if (a.deviceId === b.deviceId) continue;
    add(a.deviceId, b.deviceId);
    add(b.deviceId, a.deviceId);
  }
  const level = new Map<string, number>();
  let frontier: string[] = [];
  for (const [id, role] of roles) {
    if (role === 'node') {
      level.set(id, 0);
      frontier.push(id);
    }
  }
  while (frontier.length) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const other of neighbours.get(id) ?? []) {
        if (!level.has(other) && roles.get(other) === 'switch') {
          level.set(other, level.get(id)! + 1);
          next.push(other);
        }
      }
    }
    frontier = next;
  }
  const tiers = new Map<string, FabricTier>();
  for (const [id, role] of roles) {
    const l =
      role === 'node' ? 0 : level.get(id) ?? (placedSwitches.get(id) ?? 0) + 1;
    tiers.set(id, TIERS[Math.min(l, 3)]);
  }
  return tiers;
}

/** The graph's devices and links, indexed for the questions summaries ask. */
export class FabricIndex {
  readonly devices = new Map<string, FabricDevice>();
  private readonly links = new Map<string, FabricLink[]>();
  private readonly below = new Map<string, Set<string>>();

  constructor(devices: Iterable<FabricDevice>, links: Iterable<FabricLink>) {
    for (const device of devices) this.devices.set(device.id, device);
    for (const link of links) {
      this.linksOf(link.a.deviceId).push(link);
      if (link.b.deviceId !== link.a.deviceId) {
        this.linksOf(link.b.deviceId).push(link);
      }
    }
  }

  /** Every device some link ends on. */
  linkedDevices(): IterableIterator<string> {
    return this.links.keys();
  }

  /** The links with an end on a device (a node's NVLinks once). */
  linksOf(deviceId: string): FabricLink[] {
    let links = this.links.get(deviceId);
    if (!links) {
      links = [];
      this.links.set(deviceId, links);
    }
    return links;
  }

  private level(deviceId: string): number {
    const device = this.devices.get(deviceId);
    return device ? tierLevel(device.tier) : 0;
  }

  /** The other end of a link, seen from a device. */
  private other(link: FabricLink, deviceId: string): string {
    return link.a.deviceId === deviceId ? link.b.deviceId : link.a.deviceId;
  }

  /** The nodes under a device: itself for a node, the nodes below its lower tiers for a switch. */
  nodesBelow(deviceId: string): Set<string> {
    const known = this.below.get(deviceId);
    if (known) return known;
    const nodes = new Set<string>();
    this.below.set(deviceId, nodes);
    const device = this.devices.get(deviceId);
    if (!device || device.role === 'node') {
      nodes.add(deviceId);
      return nodes;
    }
    const level = this.level(deviceId);
    for (const link of this.linksOf(deviceId)) {
      const other = this.other(link, deviceId);
      if (this.level(other) < level) {
        for (const node of this.nodesBelow(other)) nodes.add(node);
      }
    }
    return nodes;
  }

  /**
   * Who is behind a link: its node ends; for a cable between switches, the nodes under the lower
   * one (both, between switches of one tier).
   */
  nodesBehind(link: FabricLink): string[] {
    const ends = [link.a.deviceId, link.b.deviceId];
    const nodes = ends.filter(id => this.devices.get(id)?.role === 'node');
    if (nodes.length) return [...new Set(nodes)];
    const [la, lb] = ends.map(id => this.level(id));
    const lower = la === lb ? ends : [la < lb ? ends[0] : ends[1]];
    const out = new Set<string>();
    for (const id of lower) for (const n of this.nodesBelow(id)) out.add(n);
    return [...out].sort();
  }

  /**
   * One cluster's part of the fabric: its nodes, every link on them, and the switches above
   * them with the links that lead up to them.
   */
  clusterScope(clusterRef: string): {
    deviceIds: Set<string>;
    linkIds: Set<string>;
  } {
    const deviceIds = new Set<string>();
    const linkIds = new Set<string>();
    let frontier = [...this.devices.values()]
      .filter(d => d.role === 'node' && d.clusterRef === clusterRef)
      .map(d => d.id);
    frontier.forEach(id => deviceIds.add(id));
    while (frontier.length) {
      const next: string[] = [];
      for (const id of frontier) {
        const level = this.level(id);
        for (const link of this.linksOf(id)) {
          const other = this.other(link, id);
          if (other === id) {
            linkIds.add(link.id);
          } else if (this.level(other) > level) {
            linkIds.add(link.id);
            if (!deviceIds.has(other)) {
              deviceIds.add(other);
              next.push(other);
            }
          }
        }
      }
      frontier = next;
    }
    return { deviceIds, linkIds };
  }
}

/** A link's capacity now: nothing while down or absent, what it negotiated, else what it should. */
function capacity(link: FabricLink, absent: Set<string>): number {
  if (link.health === 'down' || absent.has(link.id)) return 0;
  return link.observed?.speedGbps ?? link.expected?.speedGbps ?? 0;
}

/**
 * Downlink over uplink capacity of each switch tier, summed over its switches: 1 is
 * non-blocking, 2 means twice as much can come in from below as can leave upwards. Down and
 * narrowed uplinks raise it; `absent` links (declared, not observed) count nothing. Tiers
 * without uplinks (the top one) have none.
 */
export function oversubscription(
  index: FabricIndex,
  links: Iterable<FabricLink>,
  absent: Set<string> = new Set(),
): { tier: FabricTier; ratio: number }[] {
  const totals = new Map<FabricTier, { down: number; up: number }>();
  for (const link of links) {
    const a = index.devices.get(link.a.deviceId);
    const b = index.devices.get(link.b.deviceId);
    if (!a || !b || a.tier === b.tier) continue;
    const [lower, upper] = LEVEL[a.tier] < LEVEL[b.tier] ? [a, b] : [b, a];
    const c = capacity(link, absent);
    if (upper.role === 'switch') {
      const t = totals.get(upper.tier) ?? { down: 0, up: 0 };
      t.down += c;
      totals.set(upper.tier, t);
    }
    if (lower.role === 'switch') {
      const t = totals.get(lower.tier) ?? { down: 0, up: 0 };
      t.up += c;
      totals.set(lower.tier, t);
    }
  }
  return TIERS.filter(tier => {
    const t = totals.get(tier);
    return t && t.up > 0 && t.down > 0;
  }).map(tier => {
    const t = totals.get(tier)!;
    return { tier, ratio: t.down / t.up };
  });
}
