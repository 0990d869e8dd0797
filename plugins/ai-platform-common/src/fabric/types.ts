import { NETWORK_FABRICS } from '../entities/schemas';

/** The fabric a link belongs to: InfiniBand, NVLink inside a node, Ethernet or RoCE. */
export type FabricKind = (typeof NETWORK_FABRICS)[number];

/** Where a device sits: the spine and leaf switch tiers (core above a spine), or a GPU node. */
export type FabricTier = 'core' | 'spine' | 'leaf' | 'node';

/** A link's, device's or fabric's health; `unknown` when no fresh data says either way. */
export type FabricHealth = 'healthy' | 'degraded' | 'down' | 'unknown';

/**
 * Error and congestion counters of a port, as per-second rates over the scrape window: the
 * infiniband-exporter's (`infiniband_<counter>_total`) and, for NVLink, DCGM's.
 */
export const FABRIC_COUNTERS = [
  'symbolErrors',
  'linkDowned',
  'linkErrorRecovery',
  'portRcvErrors',
  'portXmitDiscards',
  'portXmitWait',
  'nvlinkCrcFlitErrors',
  'nvlinkCrcDataErrors',
  'nvlinkReplayErrors',
  'nvlinkRecoveryErrors',
] as const;
export type FabricCounter = (typeof FABRIC_COUNTERS)[number];

/** One end of a cable as a source names it. */
export interface PortRef {
  /** The device: a port GUID's node GUID for InfiniBand, the host name for a node. */
  deviceId: string;
  /** The device's name as the source reports it (`leaf-03`, `node-017 mlx5_0`). */
  name: string;
  port: string;
}

/**
 * One cable, or one NVLink, as one source saw it over its last window. Sources report rates,
 * not raw counters: a counter that went down (a reset) is a restart, never an error burst.
 */
export interface PortObservation {
  kind: FabricKind;
  local: PortRef & { role?: 'switch' | 'node' };
  remote: PortRef;
  /** The physical state; undefined when the source does not say. */
  up?: boolean;
  /** Negotiated speed of the whole link and its lanes, e.g. 400 and 4 for NDR ×4. */
  speedGbps?: number;
  width?: number;
  /** Per-second rates over the window. */
  rates: Partial<Record<FabricCounter, number>>;
  /** Data sent and received, bytes per second, for utilization. */
  bytesPerSecond?: number;
  /**
   * The `network-fabric` entity, when the source knows it. Otherwise the fabric of its kind that
   * the node's cluster depends on, then the fabric its switches are in, then the only fabric of
   * its kind in the catalog (see `buildFabricGraph`).
   */
  fabricRef?: string;
}

/** Where a node sits, from Topograph's node labels or a declared topology. */
export interface NodePlacement {
  node: string;
  clusterRef?: string;
  /** Switch tiers above the node, nearest first (`fabric.topograph.run/tier-1`, …). */
  switches: string[];
  /** The NVLink (accelerator) domain, `accelerator.topograph.run/domain`. */
  acceleratorDomain?: string;
  gpus?: number;
  /**
   * Kubernetes namespaces with pods scheduled on the node (the Kubernetes source, the demo): how
   * the portal finds whose work a link carries.
   */
  namespaces?: string[];
}

/** What one source read in one run. */
export interface FabricObservation {
  sourceId: string;
  collectedAt: string;
  ports: PortObservation[];
  placements: NodePlacement[];
  /** Alarms the source raised (UFM), by device, as it words them. */
  alarms: { deviceId: string; severity: string; description: string }[];
}

/** How a source fared in its last runs. */
export interface FabricSourceStatus {
  id: string;
  kind: 'prometheus' | 'ufm' | 'kubernetes' | 'declared' | 'demo';
  /** `stale` once its last good read is older than the stale window. */
  status: 'ok' | 'stale' | 'error';
  lastSuccessAt?: string;
  error?: string;
}

export interface FabricDevice {
  id: string;
  name: string;
  role: 'switch' | 'node';
  tier: FabricTier;
  /** The `network-fabric` entity it belongs to. */
  fabricRef: string;
  clusterRef?: string;
  acceleratorDomain?: string;
  gpus?: number;
  health: FabricHealth;
}

export interface FabricLink {
  /** Stable over runs: both ends, sorted. */
  id: string;
  kind: FabricKind;
  fabricRef: string;
  a: PortRef;
  b: PortRef;
  expected?: { speedGbps: number; width: number };
  observed?: { up?: boolean; speedGbps?: number; width?: number };
  rates: Partial<Record<FabricCounter, number>>;
  /** Share of the expected capacity in use, 0 to 1. */
  utilization?: number;
  health: FabricHealth;
  /** Why it is not healthy, in words: "symbol errors 3.2/s (threshold 1/s)", "width 2×, expected 4×". */
  reasons: string[];
  /** The sources that saw it. */
  sources: string[];
  stale: boolean;
}

/** A team whose work runs on nodes behind unhealthy links. */
export interface AffectedTeam {
  teamRef: string;
  nodes: string[];
  linkIds: string[];
  /** What of the team runs there: workspace names, quota ids. */
  workloads: string[];
}

/** Observed topology that differs from the declared one. */
export interface TopologyDifference {
  kind: 'missing' | 'unexpected' | 'speed' | 'width';
  linkId: string;
  message: string;
}

/** The fabric of links no source, cluster or catalog entity places in a fabric. */
export const UNASSIGNED_FABRIC = 'unassigned';

export interface FabricSummary {
  fabricRef: string;
  /** Set when the summary covers one `gpu-cluster`'s nodes and the switches above them only. */
  clusterRef?: string;
  kind: FabricKind;
  health: FabricHealth;
  links: Record<FabricHealth, number>;
  /** Share of links that are degraded or down. */
  degradedShare: number;
  /** Downlink over uplink capacity of each switch tier (1 is non-blocking). */
  oversubscription: { tier: FabricTier; ratio: number }[];
  worstLinks: FabricLink[];
  affectedTeams: AffectedTeam[];
  differences: TopologyDifference[];
  stale: boolean;
}

/** What `GET /fabric/graph` answers. */
export interface FabricGraph {
  generatedAt: string;
  devices: FabricDevice[];
  links: FabricLink[];
  summaries: FabricSummary[];
  sources: FabricSourceStatus[];
}

/** One point of a link's counters over time (`GET /fabric/links/:id/history`). */
export interface FabricLinkPoint {
  at: string;
  health: FabricHealth;
  rates: Partial<Record<FabricCounter, number>>;
  utilization?: number;
}
