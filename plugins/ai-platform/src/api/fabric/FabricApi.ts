import { createApiRef } from '@backstage/core-plugin-api';
import {
  FabricGraph,
  FabricGraphQuery,
  FabricLinkPoint,
  FabricSourceStatus,
  FabricSummary,
} from '@ai-platform/plugin-ai-platform-common';

/** The GPU clusters' network fabric: its topology, health and the teams behind unhealthy links. */
export interface FabricApi {
  /** Devices, links, per-fabric summaries and source status, filtered by cluster, fabric and link health. */
  getGraph(filters?: FabricGraphQuery): Promise<FabricGraph>;
  /**
   * The summary of a `network-fabric` entity, or of a `gpu-cluster`'s fabric; undefined when the
   * backend has no fabric data for the entity yet.
   */
  getSummary(entityRef: string): Promise<FabricSummary | undefined>;
  /** A link's health, counters and utilization over the last `hours`, oldest first. */
  getLinkHistory(linkId: string, hours?: number): Promise<FabricLinkPoint[]>;
  /** How each observation source fared in its last runs. */
  getSources(): Promise<FabricSourceStatus[]>;
}

export const fabricApiRef = createApiRef<FabricApi>({
  id: 'plugin.ai-platform.fabric',
});
