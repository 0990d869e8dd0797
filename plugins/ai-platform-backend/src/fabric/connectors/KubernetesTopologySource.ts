import { LoggerService } from '@backstage/backend-plugin-api';
import {
  describeZodIssues,
  FabricObservation,
  NodePlacement,
} from '@ai-platform/plugin-ai-platform-common';
import { z } from 'zod/v3';
import { decodeCaData, KubernetesClusterConfig } from './config';
import {
  Endpoint,
  FabricSourceError,
  parseJson,
  send,
  statusError,
} from './http';
import { FabricSource } from '../FabricSource';

/** Objects per page: a few MB of JSON at most, as kubectl's default chunk size. */
const PAGE_SIZE = 500;

/** Pods bound to a node and not finished: whose work each node carries. */
const POD_SELECTOR =
  'spec.nodeName!=,status.phase!=Succeeded,status.phase!=Failed';

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

/** A list's page: its items and the token of the next page. */
const listSchema = <T extends z.ZodTypeAny>(item: T) =>
  z.object({
    metadata: z.object({ continue: z.string().optional() }).optional(),
    items: z.array(item),
  });

// The fields of a Node and a Pod the source reads.
const nodeSchema = z.object({
  metadata: z.object({
    name: z.string(),
    labels: z.record(z.string()).optional(),
  }),
  status: z.object({ capacity: z.record(z.string()).optional() }).optional(),
});
type Node = z.infer<typeof nodeSchema>;
const podSchema = z.object({
  metadata: z.object({ namespace: z.string() }),
  spec: z.object({ nodeName: z.string().optional() }).optional(),
});

/** Kubernetes' error body. */
const statusSchema = z.object({
  kind: z.literal('Status'),
  message: z.string().optional(),
});

function count(value: string | undefined): number | undefined {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/**
 * Where a node sits, or undefined for a node outside the GPU fabric (no GPUs, no topology). With
 * the namespaces of its pods when they were read.
 */
function placementOf(
  node: Node,
  clusterRef: string,
  namespaces: Map<string, Set<string>> | undefined,
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
  const name = node.metadata.name;
  return {
    node: name,
    clusterRef,
    switches,
    ...(acceleratorDomain ? { acceleratorDomain } : {}),
    ...(gpus !== undefined ? { gpus } : {}),
    ...(namespaces
      ? { namespaces: [...(namespaces.get(name) ?? [])].sort() }
      : {}),
  };
}

/**
 * A cluster's nodes placed in the fabric from NVIDIA Topograph's labels: the switch at each
 * fabric tier, nearest first, the NVLink (accelerator) domain and the GPU count; and the
 * namespaces of the pods on each, for whose work a link carries. Reads `GET /api/v1/nodes` and
 * `GET /api/v1/pods` page by page with a bearer token.
 */
export class KubernetesTopologySource implements FabricSource {
  readonly id: string;
  readonly kind = 'kubernetes' as const;
  private readonly endpoint: Endpoint;

  constructor(
    private readonly cluster: KubernetesClusterConfig,
    private readonly logger: LoggerService,
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
    const [nodes, namespaces] = await Promise.all([
      this.list('/api/v1/nodes', nodeSchema, 'a NodeList'),
      this.namespacesByNode(),
    ]);
    const placements: NodePlacement[] = [];
    for (const node of nodes) {
      const placement = placementOf(node, this.cluster.clusterRef, namespaces);
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
   * The namespaces with pods on each node. Without them the nodes are still placed: a token
   * that may list nodes but not pods (or pods that do not load) costs the teams behind a link,
   * not the topology, so it is logged and the placements say nothing about namespaces.
   */
  private async namespacesByNode(): Promise<
    Map<string, Set<string>> | undefined
  > {
    try {
      const pods = await this.list('/api/v1/pods', podSchema, 'a PodList', {
        fieldSelector: POD_SELECTOR,
      });
      const byNode = new Map<string, Set<string>>();
      for (const pod of pods) {
        const node = pod.spec?.nodeName;
        if (!node) continue;
        const set = byNode.get(node) ?? new Set<string>();
        set.add(pod.metadata.namespace);
        byNode.set(node, set);
      }
      return byNode;
    } catch (error) {
      this.logger.warn(
        `Nodes placed without their namespaces: ${(error as Error).message}`,
      );
      return undefined;
    }
  }

  /**
   * Every object of a list, following `continue` tokens. A token can expire between pages (410
   * Gone); as the API asks, the list then starts over, once.
   */
  private async list<T extends z.ZodTypeAny>(
    path: string,
    item: T,
    what: string,
    query: Record<string, string> = {},
  ): Promise<Array<z.infer<T>>> {
    let items: Array<z.infer<T>> = [];
    let token: string | undefined;
    let restarted = false;
    const seen = new Set<string>();
    for (;;) {
      const page = await this.page(path, listSchema(item), what, query, token);
      if (page === 'expired') {
        if (restarted) {
          throw new FabricSourceError(
            `${this.endpoint.name}: the continue token of ${path} expired twice`,
          );
        }
        restarted = true;
        items = [];
        token = undefined;
        seen.clear();
        continue;
      }
      items.push(...page.items);
      token = page.metadata?.continue || undefined;
      if (!token) return items;
      if (seen.has(token)) {
        throw new FabricSourceError(
          `${this.endpoint.name} answered the same continue token of ${path} twice`,
        );
      }
      seen.add(token);
    }
  }

  private async page<T extends z.ZodTypeAny>(
    path: string,
    schema: T,
    what: string,
    query: Record<string, string>,
    token: string | undefined,
  ): Promise<z.infer<T> | 'expired'> {
    const url = new URL(`${this.cluster.baseUrl}${path}`);
    url.searchParams.set('limit', String(PAGE_SIZE));
    for (const [key, value] of Object.entries(query)) {
      url.searchParams.set(key, value);
    }
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
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new FabricSourceError(
        `${
          this.endpoint.name
        } answered with something other than ${what} (${describeZodIssues(
          parsed.error,
        )})`,
      );
    }
    return parsed.data;
  }
}
