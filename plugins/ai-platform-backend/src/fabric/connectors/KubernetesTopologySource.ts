import {
  describeZodIssues,
  FabricObservation,
  NodePlacement,
} from '@ai-platform/plugin-ai-platform-common';
import { z } from 'zod';
import { decodeCaData, KubernetesClusterConfig } from './config';
import {
  Endpoint,
  FabricSourceError,
  parseJson,
  send,
  statusError,
} from './http';
import { FabricSource } from './types';

/** Nodes per page: a few MB of JSON at most, as kubectl's default chunk size. */
const PAGE_SIZE = 500;

/** Topograph's fabric tiers, `fabric.topograph.run/tier-0` closest to the node. */
const TIER_LABEL = /^fabric\.topograph\.run\/tier-(\d+)$/;
const ACCELERATOR_LABEL = 'accelerator.topograph.run/domain';
/**
 * Where Topograph is told to take the accelerator domain from this label, it writes none of its
 * own: the GPU Operator's NVLink clique then names the domain.
 */
const CLIQUE_LABEL = 'nvidia.com/gpu.clique';
/** GPU Feature Discovery's count; the device plugin's capacity where GFD does not run. */
const GPU_COUNT_LABEL = 'nvidia.com/gpu.count';
const GPU_RESOURCE = 'nvidia.com/gpu';

// The fields of a NodeList the source reads.
const nodeListSchema = z.object({
  metadata: z.object({ continue: z.string().optional() }).optional(),
  items: z.array(
    z.object({
      metadata: z.object({
        name: z.string(),
        labels: z.record(z.string()).optional(),
      }),
      status: z
        .object({ capacity: z.record(z.string()).optional() })
        .optional(),
    }),
  ),
});
type Node = z.infer<typeof nodeListSchema>['items'][number];

/** Kubernetes' error body. */
const statusSchema = z.object({
  kind: z.literal('Status'),
  message: z.string().optional(),
});

function count(value: string | undefined): number | undefined {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** Where a node sits, or undefined for a node outside the GPU fabric (no GPUs, no topology). */
function placementOf(
  node: Node,
  clusterRef: string,
): NodePlacement | undefined {
  const labels = node.metadata.labels ?? {};
  const switches = Object.entries(labels)
    .map(([key, value]) => [Number(TIER_LABEL.exec(key)?.[1]), value] as const)
    .filter(([tier, value]) => Number.isInteger(tier) && value)
    .sort(([a], [b]) => a - b)
    .map(([, value]) => value);
  const acceleratorDomain =
    labels[ACCELERATOR_LABEL] || labels[CLIQUE_LABEL] || undefined;
  const gpus =
    count(labels[GPU_COUNT_LABEL]) ??
    count(node.status?.capacity?.[GPU_RESOURCE]);
  if (!switches.length && !acceleratorDomain && !gpus) return undefined;
  return {
    node: node.metadata.name,
    clusterRef,
    switches,
    ...(acceleratorDomain ? { acceleratorDomain } : {}),
    ...(gpus !== undefined ? { gpus } : {}),
  };
}

/**
 * A cluster's nodes placed in the fabric from NVIDIA Topograph's labels: the switch at each
 * fabric tier, nearest first, the NVLink (accelerator) domain and the GPU count. Reads
 * `GET /api/v1/nodes` page by page with a bearer token.
 */
export class KubernetesTopologySource implements FabricSource {
  readonly id: string;
  readonly kind = 'kubernetes' as const;
  private readonly endpoint: Endpoint;

  constructor(
    private readonly cluster: KubernetesClusterConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.id = `kubernetes:${cluster.clusterRef}`;
    this.endpoint = {
      name: `Kubernetes ${cluster.clusterRef}`,
      configKey: 'aiPlatform.fabric.kubernetes',
      authorization: `Bearer ${cluster.token}`,
      ca: decodeCaData(cluster.caData),
      timeoutMs: cluster.timeoutMs,
    };
  }

  async collect(): Promise<FabricObservation> {
    const placements: NodePlacement[] = [];
    for (const node of await this.listNodes()) {
      const placement = placementOf(node, this.cluster.clusterRef);
      if (placement) placements.push(placement);
    }
    return {
      sourceId: this.id,
      collectedAt: new Date(this.now()).toISOString(),
      ports: [],
      placements,
      alarms: [],
    };
  }

  /**
   * Every node, following `continue` tokens. A token can expire between pages (410 Gone); as
   * the API asks, the list then starts over, once.
   */
  private async listNodes(): Promise<Node[]> {
    let nodes: Node[] = [];
    let token: string | undefined;
    let restarted = false;
    const seen = new Set<string>();
    for (;;) {
      const page = await this.page(token);
      if (page === 'expired') {
        if (restarted) {
          throw new FabricSourceError(
            `${this.endpoint.name}: the node list's continue token expired twice`,
          );
        }
        restarted = true;
        nodes = [];
        token = undefined;
        seen.clear();
        continue;
      }
      nodes.push(...page.items);
      token = page.metadata?.continue || undefined;
      if (!token) return nodes;
      if (seen.has(token)) {
        throw new FabricSourceError(
          `${this.endpoint.name} answered the same continue token twice`,
        );
      }
      seen.add(token);
    }
  }

  private async page(
    token: string | undefined,
  ): Promise<z.infer<typeof nodeListSchema> | 'expired'> {
    const url = new URL(`${this.cluster.baseUrl}/api/v1/nodes`);
    url.searchParams.set('limit', String(PAGE_SIZE));
    if (token) url.searchParams.set('continue', token);
    const { status, text } = await send(this.endpoint, url);
    const body = parseJson(text);
    if (status === 410 && token) return 'expired';
    if (status < 200 || status >= 300) {
      const problem = statusSchema.safeParse(body);
      throw statusError(
        this.endpoint,
        status,
        problem.success ? problem.data.message : undefined,
      );
    }
    if (body === undefined) {
      throw new FabricSourceError(
        `${this.endpoint.name} answered ${status} with a body that is not JSON`,
      );
    }
    const parsed = nodeListSchema.safeParse(body);
    if (!parsed.success) {
      throw new FabricSourceError(
        `${
          this.endpoint.name
        } answered with something other than a NodeList (${describeZodIssues(
          parsed.error,
        )})`,
      );
    }
    return parsed.data;
  }
}
