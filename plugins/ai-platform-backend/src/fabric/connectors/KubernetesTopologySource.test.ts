import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { KubernetesClusterConfig } from './config';
import { FabricSourceError } from './http';
import { KubernetesTopologySource } from './KubernetesTopologySource';

const API = 'https://k8s.gpu-a.test:6443';
const token = 'eyJhbGciOiJSUzI1NiIsImtpZCI6InBvcnRhbCJ9.secret-sa-token';
const nodesUrl = `${API}/api/v1/nodes`;
const podsUrl = `${API}/api/v1/pods`;

/** A Node as the API serializes it, with Topograph's and GPU Feature Discovery's labels. */
function node(
  name: string,
  labels: Record<string, string>,
  capacity: Record<string, string> = {},
) {
  return {
    metadata: {
      name,
      uid: `uid-${name}`,
      resourceVersion: '123456',
      creationTimestamp: '2026-10-01T08:00:00Z',
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        ...labels,
      },
      annotations: { 'topograph.run/instance': name },
    },
    spec: { podCIDR: '10.244.1.0/24' },
    status: {
      capacity: {
        cpu: '224',
        memory: '2113612660Ki',
        pods: '110',
        ...capacity,
      },
      allocatable: { cpu: '220', pods: '110', ...capacity },
      conditions: [{ type: 'Ready', status: 'True' }],
      nodeInfo: { kubeletVersion: 'v1.31.4' },
    },
  };
}

const gpuNode = (n: number, leaf: string, spine: string) =>
  node(
    `gpu-node-${String(n).padStart(3, '0')}`,
    {
      'fabric.topograph.run/tier-0': leaf,
      'fabric.topograph.run/tier-1': spine,
      'fabric.topograph.run/tier-2': 'core-1',
      'accelerator.topograph.run/domain': `nvl-${leaf}`,
      'nvidia.com/gpu.count': '8',
      'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3',
    },
    { 'nvidia.com/gpu': '8' },
  );

const list = (kind: string) => (items: unknown[], next?: string) => ({
  kind,
  apiVersion: 'v1',
  metadata: {
    resourceVersion: '123999',
    ...(next ? { continue: next } : {}),
  },
  items,
});
const nodeList = list('NodeList');
const podList = list('PodList');

/** A Pod as the API serializes it (trimmed): running on `nodeName`, or pending without one. */
const pod = (namespace: string, name: string, nodeName?: string) => ({
  metadata: { name, namespace, uid: `uid-${name}` },
  spec: {
    containers: [{ name: 'main', image: 'trainer:1' }],
    ...(nodeName ? { nodeName } : {}),
  },
  status: { phase: nodeName ? 'Running' : 'Pending' },
});

/** The API's error body. */
const status = (code: number, reason: string, message: string) =>
  HttpResponse.json(
    {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      code,
    },
    { status: code },
  );

describe('KubernetesTopologySource', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const now = Date.parse('2026-11-20T10:00:00Z');
  const logger = mockServices.logger.mock();

  beforeEach(() => {
    jest.clearAllMocks();
    server.use(http.get(podsUrl, () => HttpResponse.json(podList([]))));
  });

  const source = (config: Partial<KubernetesClusterConfig> = {}) =>
    new KubernetesTopologySource(
      {
        clusterRef: 'resource:default/gpu-a',
        baseUrl: API,
        token,
        timeoutMs: 1_000,
        ...config,
      },
      logger,
      () => now,
    );

  async function failure(
    config: Partial<KubernetesClusterConfig> = {},
  ): Promise<FabricSourceError> {
    const error = await source(config)
      .collect()
      .then(
        () => undefined,
        e => e,
      );
    expect(error).toBeInstanceOf(FabricSourceError);
    expect(error.message).not.toContain(token);
    return error;
  }

  it("places nodes from Topograph labels with their pods' namespaces, page by page, with the bearer token", async () => {
    const requests: Array<{ query: string; authorization: string | null }> = [];
    const podRequests: Array<Record<string, string>> = [];
    const podPages: Record<string, ReturnType<typeof podList>> = {
      '': podList(
        [
          pod('llm-train', 'llama-ft-0', 'gpu-node-001'),
          pod('kube-system', 'nvidia-dcgm-exporter-x1', 'gpu-node-001'),
          pod('vision', 'detector-train-0'),
        ],
        'pods-2',
      ),
      'pods-2': podList([
        pod('llm-train', 'llama-ft-1', 'gpu-node-001'),
        pod('vision', 'detector-train-1', 'gpu-node-004'),
        pod('monitoring', 'prometheus-0', 'control-1'),
      ]),
    };
    const pages: Record<string, ReturnType<typeof nodeList>> = {
      '': nodeList(
        [
          gpuNode(1, 'leaf-01', 'spine-01'),
          // Topograph writes no accelerator domain where the clique label is authoritative;
          // the device plugin's capacity counts GPUs where GFD does not run.
          node(
            'gpu-node-002',
            {
              'fabric.topograph.run/tier-1': 'spine-01',
              'fabric.topograph.run/tier-0': 'leaf-01',
              'nvidia.com/gpu.clique':
                '7c3a6f1e-0000-4000-8000-000000000001.32766',
            },
            { 'nvidia.com/gpu': '4' },
          ),
        ],
        'page-2',
      ),
      'page-2': nodeList(
        [
          // A control-plane node: no GPUs, no topology, not part of the GPU fabric.
          node('control-1', { 'node-role.kubernetes.io/control-plane': '' }),
          // Ten tiers sort as numbers, not as text.
          node('gpu-node-003', {
            ...Object.fromEntries(
              Array.from({ length: 11 }, (_, t) => [
                `fabric.topograph.run/tier-${t}`,
                `t${t}`,
              ]).reverse(),
            ),
            'fabric.topograph.run/tier-x': 'not a tier',
          }),
        ],
        'page-3',
      ),
      'page-3': nodeList([gpuNode(4, 'leaf-02', 'spine-02')]),
    };
    server.use(
      http.get(nodesUrl, ({ request }) => {
        const url = new URL(request.url);
        requests.push({
          query: url.search,
          authorization: request.headers.get('authorization'),
        });
        return HttpResponse.json(pages[url.searchParams.get('continue') ?? '']);
      }),
      http.get(podsUrl, ({ request }) => {
        const url = new URL(request.url);
        podRequests.push(Object.fromEntries(url.searchParams));
        return HttpResponse.json(
          podPages[url.searchParams.get('continue') ?? ''],
        );
      }),
    );

    const observation = await source().collect();

    expect(observation).toEqual({
      sourceId: 'kubernetes:resource:default/gpu-a',
      collectedAt: '2026-11-20T10:00:00.000Z',
      ports: [],
      alarms: [],
      placements: [
        {
          node: 'gpu-node-001',
          clusterRef: 'resource:default/gpu-a',
          switches: ['leaf-01', 'spine-01', 'core-1'],
          acceleratorDomain: 'nvl-leaf-01',
          gpus: 8,
          namespaces: ['kube-system', 'llm-train'],
        },
        {
          node: 'gpu-node-002',
          clusterRef: 'resource:default/gpu-a',
          switches: ['leaf-01', 'spine-01'],
          acceleratorDomain: '7c3a6f1e-0000-4000-8000-000000000001.32766',
          gpus: 4,
          namespaces: [],
        },
        {
          node: 'gpu-node-003',
          clusterRef: 'resource:default/gpu-a',
          switches: [
            't0',
            't1',
            't2',
            't3',
            't4',
            't5',
            't6',
            't7',
            't8',
            't9',
            't10',
          ],
          namespaces: [],
        },
        {
          node: 'gpu-node-004',
          clusterRef: 'resource:default/gpu-a',
          switches: ['leaf-02', 'spine-02', 'core-1'],
          acceleratorDomain: 'nvl-leaf-02',
          gpus: 8,
          namespaces: ['vision'],
        },
      ],
    });
    expect(requests).toEqual([
      { query: '?limit=500', authorization: `Bearer ${token}` },
      { query: '?limit=500&continue=page-2', authorization: `Bearer ${token}` },
      { query: '?limit=500&continue=page-3', authorization: `Bearer ${token}` },
    ]);
    const fieldSelector =
      'spec.nodeName!=,status.phase!=Succeeded,status.phase!=Failed';
    expect(podRequests).toEqual([
      { limit: '500', fieldSelector },
      { limit: '500', fieldSelector, continue: 'pods-2' },
    ]);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('places nodes without namespaces when pods cannot be listed, and says why', async () => {
    server.use(
      http.get(nodesUrl, () =>
        HttpResponse.json(nodeList([gpuNode(1, 'leaf-01', 'spine-01')])),
      ),
      http.get(podsUrl, () =>
        status(
          403,
          'Forbidden',
          'pods is forbidden: User "system:serviceaccount:backstage:portal" cannot list resource "pods" in API group "" at the cluster scope',
        ),
      ),
    );
    const { placements } = await source().collect();
    expect(placements).toEqual([
      {
        node: 'gpu-node-001',
        clusterRef: 'resource:default/gpu-a',
        switches: ['leaf-01', 'spine-01', 'core-1'],
        acceleratorDomain: 'nvl-leaf-01',
        gpus: 8,
      },
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      'Nodes placed without their namespaces: Kubernetes resource:default/gpu-a answered 403 Forbidden: pods is forbidden: User "system:serviceaccount:backstage:portal" cannot list resource "pods" in API group "" at the cluster scope; check the credentials in aiPlatform.fabric.kubernetes',
    );
  });

  it('starts the list over once when a continue token expired', async () => {
    let expired = false;
    server.use(
      http.get(nodesUrl, ({ request }) => {
        const next = new URL(request.url).searchParams.get('continue');
        if (!next) {
          return HttpResponse.json(
            nodeList([gpuNode(expired ? 9 : 1, 'leaf-01', 'spine-01')], 'p2'),
          );
        }
        if (!expired) {
          expired = true;
          return status(
            410,
            'Expired',
            'The provided continue parameter is too old to display a consistent list result.',
          );
        }
        return HttpResponse.json(
          nodeList([gpuNode(10, 'leaf-02', 'spine-02')]),
        );
      }),
    );
    const { placements } = await source().collect();
    expect(placements.map(p => p.node)).toEqual([
      'gpu-node-009',
      'gpu-node-010',
    ]);

    server.use(
      http.get(nodesUrl, ({ request }) =>
        new URL(request.url).searchParams.get('continue')
          ? status(410, 'Expired', 'too old')
          : HttpResponse.json(nodeList([], 'p2')),
      ),
    );
    expect((await failure()).message).toBe(
      'Kubernetes resource:default/gpu-a: the continue token of /api/v1/nodes expired twice',
    );
  });

  it('refuses a continue token that comes back again', async () => {
    server.use(
      http.get(nodesUrl, () => HttpResponse.json(nodeList([], 'same'))),
    );
    expect((await failure()).message).toBe(
      'Kubernetes resource:default/gpu-a answered the same continue token of /api/v1/nodes twice',
    );
  });

  it.each([
    [
      401,
      status(401, 'Unauthorized', 'Unauthorized'),
      'Kubernetes resource:default/gpu-a answered 401 Unauthorized: Unauthorized; check the credentials in aiPlatform.fabric.kubernetes',
    ],
    [
      403,
      status(
        403,
        'Forbidden',
        'nodes is forbidden: User "system:serviceaccount:backstage:portal" cannot list resource "nodes" in API group "" at the cluster scope',
      ),
      'Kubernetes resource:default/gpu-a answered 403 Forbidden: nodes is forbidden: User "system:serviceaccount:backstage:portal" cannot list resource "nodes" in API group "" at the cluster scope; check the credentials in aiPlatform.fabric.kubernetes',
    ],
    [
      503,
      new HttpResponse('upstream connect error', { status: 503 }),
      'Kubernetes resource:default/gpu-a answered 503 Service Unavailable',
    ],
  ])('names a %s and what the API said', async (_code, response, message) => {
    server.use(http.get(nodesUrl, () => response.clone()));
    expect((await failure()).message).toBe(message);
  });

  it('refuses a body that is not a NodeList', async () => {
    server.use(
      http.get(nodesUrl, () =>
        HttpResponse.json({ kind: 'NodeList', items: [{ metadata: {} }] }),
      ),
    );
    expect((await failure()).message).toBe(
      'Kubernetes resource:default/gpu-a answered with something other than a NodeList (items.0.metadata.name: Required)',
    );
    server.use(http.get(nodesUrl, () => HttpResponse.text('<html>')));
    expect((await failure()).message).toBe(
      'Kubernetes resource:default/gpu-a answered 200 with a body that is not JSON',
    );
  });

  it('gives up after the timeout, and on a dropped connection', async () => {
    server.use(
      http.get(nodesUrl, async () => {
        await delay(1_000);
        return HttpResponse.json(nodeList([]));
      }),
    );
    expect((await failure({ timeoutMs: 50 })).message).toBe(
      'Kubernetes resource:default/gpu-a did not answer within 0.05 s',
    );
    server.use(http.get(nodesUrl, () => HttpResponse.error()));
    expect((await failure()).message).toMatch(
      /^Kubernetes resource:default\/gpu-a could not be reached: /,
    );
  });
});
