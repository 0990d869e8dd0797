import {
  FabricGraph,
  FabricHealth,
  FabricLinkPoint,
  FabricObservation,
  FabricSourceStatus,
  NodeTeams,
} from '@ai-platform/plugin-ai-platform-common';

/** How a source's reads went, times in epoch milliseconds. */
export interface FabricSourceState {
  id: string;
  kind: FabricSourceStatus['kind'];
  lastAttemptAt: number;
  lastSuccessAt?: number;
  lastError?: string;
}

/** The latest graph with what its views need besides it. */
export interface StoredFabricGraph {
  graph: FabricGraph;
  nodeTeams: NodeTeams;
  /** When every link last got a history point (epoch ms). */
  historyAt?: number;
}

export interface FabricLinkPointRow extends FabricLinkPoint {
  linkId: string;
}

/** The state a link's fabric owner was last told of. */
export interface FabricLinkNotice {
  linkId: string;
  fabricRef: string;
  health: FabricHealth;
  notifiedAt: number;
}

/** Fabric sources' reads, the latest graph, link history and notices. */
export interface FabricStore {
  /** A good read: its observation replaces the source's last. */
  recordSuccess(
    source: { id: string; kind: FabricSourceStatus['kind'] },
    at: number,
    observation: FabricObservation,
  ): Promise<void>;
  /** A failed read: the last good observation stays. */
  recordFailure(
    source: { id: string; kind: FabricSourceStatus['kind'] },
    at: number,
    error: string,
  ): Promise<void>;
  listSources(): Promise<FabricSourceState[]>;
  /** The last good observation of each source named that has one. */
  observations(ids: string[]): Promise<Map<string, FabricObservation>>;
  /** Replaces the latest graph and adds history points, in one transaction. */
  saveGraph(
    stored: StoredFabricGraph,
    points: FabricLinkPointRow[],
  ): Promise<void>;
  /** The latest graph's `generatedAt`, to tell whether a cached copy is current. */
  graphVersion(): Promise<string | undefined>;
  latestGraph(): Promise<StoredFabricGraph | undefined>;
  addPoints(points: FabricLinkPointRow[]): Promise<void>;
  /** Whether any history point is older than `at`. */
  hasHistoryBefore(at: number): Promise<boolean>;
  /** A link's points from `since` on, oldest first. */
  history(linkId: string, since: number): Promise<FabricLinkPoint[]>;
  notices(): Promise<FabricLinkNotice[]>;
  saveNotices(upserts: FabricLinkNotice[], deletes: string[]): Promise<void>;
  /** Drops history points from before `before`; returns how many. */
  prune(before: number): Promise<number>;
}
