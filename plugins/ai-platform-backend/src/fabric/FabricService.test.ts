import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEFAULT_FABRIC_THRESHOLDS,
  FabricObservation,
  MlWorkspace,
  PortObservation,
  PortRef,
  QuotaRequest,
} from '@ai-platform/plugin-ai-platform-common';
import { connectAndMigrate } from '../database/migrate';
import { DatabaseFabricStore } from './DatabaseFabricStore';
import { DeclaredFabricSource } from './DeclaredFabricSource';
import { FabricCatalog } from './FabricCatalog';
import { FabricService } from './FabricService';
import { FabricSource } from './FabricSource';
import { FabricTeams } from './FabricTeams';

const IB = 'resource:default/ib-fabric-east';
const CLUSTER = 'resource:default/cluster-a';
const MINUTE = 60_000;
const t0 = Date.parse('2026-11-23T10:00:00Z');

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'ib-fabric-east',
      namespace: 'default',
      title: 'IB east',
    },
    spec: {
      type: 'network-fabric',
      owner: 'group:default/ml-platform',
      fabric: 'infiniband',
      linkSpeedGbps: 400,
      linkWidth: 4,
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'cluster-a', namespace: 'default' },
    spec: {
      type: 'gpu-cluster',
      owner: 'group:default/ml-platform',
      dependsOn: ['ib-fabric-east'],
      gpuPools: [{ model: 'H100', memoryGiB: 80, count: 16 }],
    },
  },
  ...['recsys', 'vision'].map(team => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: team,
      namespace: 'default',
      annotations: { 'ai-platform.io/namespaces': `${team}-train` },
    },
    spec: { type: 'team' },
  })),
];

const leaf = (port: number): PortRef => ({
  deviceId: '0x0100',
  name: 'leaf-01',
  port: String(port),
});
const spine: PortRef = { deviceId: '0x0200', name: 'spine-01', port: '1' };
const hca = (n: number): PortRef => ({
  deviceId: `0x0a0${n}`,
  name: `h100-00${n} mlx5_0`,
  port: '1',
});

/** A source the test steers: the cable to h100-002 as `cable2` says, or a failure. */
class SteeredSource implements FabricSource {
  readonly id = 'prometheus';
  readonly kind = 'prometheus' as const;
  cable2: Partial<PortObservation> = {};
  error?: Error;

  constructor(private readonly now: () => number) {}

  async collect(): Promise<FabricObservation> {
    if (this.error) throw this.error;
    const port = (
      local: PortRef,
      remote: PortRef,
      role: 'node' | 'switch',
      extra: Partial<PortObservation> = {},
    ): PortObservation => ({
      kind: 'infiniband',
      local: { ...local, role },
      remote,
      up: true,
      speedGbps: 400,
      width: 4,
      rates: {},
      ...extra,
    });
    const ports: PortObservation[] = [
      port(hca(1), leaf(1), 'node'),
      port(hca(2), leaf(2), 'node', this.cable2),
      port(leaf(3), spine, 'switch'),
    ];
    return {
      sourceId: this.id,
      collectedAt: new Date(this.now()).toISOString(),
      ports,
      placements: [1, 2].map(n => ({
        node: `h100-00${n}`,
        clusterRef: CLUSTER,
        switches: ['leaf-01'],
        namespaces: n === 1 ? ['vision-train'] : ['recsys-train', 'nb-recsys'],
      })),
      alarms: [],
    };
  }
}

const workspace: MlWorkspace = {
  id: 'w1',
  name: 'nb-recsys',
  teamRef: 'group:default/recsys',
  clusterRef: CLUSTER,
  gpuModel: 'H100',
  gpuCount: 2,
  image: 'jupyter',
  createdBy: 'user:default/priya.raman',
  createdAt: new Date(t0).toISOString(),
};
const quota = {
  id: 'q1',
  teamRef: 'group:default/recsys',
  clusterRef: CLUSTER,
  gpuModel: 'H100',
  gpuCount: 8,
  status: 'active',
} as QuotaRequest;

describe('FabricService', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup() {
    const knex = await databases.init('SQLITE_3');
    let now = t0;
    const store = new DatabaseFabricStore(
      await connectAndMigrate({ getClient: async () => knex }),
    );
    const catalog = new FabricCatalog({
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
    });
    const source = new SteeredSource(() => now);
    const notifications = { send: jest.fn() };
    const service = new FabricService({
      store,
      sources: [new DeclaredFabricSource(catalog, () => new Date(now)), source],
      catalog,
      teams: new FabricTeams({
        workspaces: { list: async () => [workspace] },
        quotas: { list: async () => [quota] },
      }),
      notifications,
      logger: mockServices.logger.mock(),
      config: {
        thresholds: DEFAULT_FABRIC_THRESHOLDS,
        staleAfterMs: 10 * MINUTE,
        retentionMs: 60 * MINUTE,
        historyStepMs: 15 * MINUTE,
        demoData: false,
      },
      now: () => new Date(now),
    });
    const tick = (minutes: number) => (now += minutes * MINUTE);
    return { service, source, notifications, store, tick };
  }

  const cable2Id = '0x0100:2~h100-002:mlx5_0/1';

  it('builds the graph, keeps history and tells the owner who is behind a bad link, once', async () => {
    const { service, source, notifications, tick } = await setup();
    await expect(service.graph({})).rejects.toThrow(
      'The fabric has not been collected yet',
    );
    source.cable2 = { rates: { symbolErrors: 0.2 } };
    expect(await service.collect()).toEqual({
      links: 3,
      unhealthy: 1,
      failedSources: [],
      notified: 1,
    });
    expect(notifications.send).toHaveBeenCalledWith({
      recipients: { type: 'entity', entityRef: 'group:default/ml-platform' },
      payload: {
        title: 'IB east: 1 link degraded',
        description:
          "h100-002 ↔ leaf-01 degraded: symbol errors 0.2/s (threshold 0.01/s). Behind it: recsys's namespace recsys-train, workspace nb-recsys on h100-002.",
        severity: 'normal',
        link: '/catalog/default/resource/ib-fabric-east',
        topic: 'ai-platform-fabric',
      },
    });

    const summary = await service.summary(IB);
    expect(summary).toMatchObject({
      health: 'degraded',
      links: { healthy: 2, degraded: 1, down: 0, unknown: 0 },
      affectedTeams: [
        {
          teamRef: 'group:default/recsys',
          nodes: ['h100-002'],
          linkIds: [cable2Id],
          workloads: [
            'namespace recsys-train',
            'quota q1 (8 × H100)',
            'workspace nb-recsys',
          ],
        },
      ],
    });
    expect(await service.summary(CLUSTER)).toMatchObject({
      fabricRef: IB,
      clusterRef: CLUSTER,
      links: { healthy: 2, degraded: 1, down: 0, unknown: 0 },
    });
    await expect(service.summary('resource:default/nothing')).rejects.toThrow(
      'No fabric data for resource:default/nothing',
    );
    expect(await service.history(cable2Id, 1)).toEqual([
      {
        at: new Date(t0).toISOString(),
        health: 'degraded',
        rates: { symbolErrors: 0.2 },
      },
    ]);
    await expect(service.history('nope', 1)).rejects.toThrow(
      'No fabric link nope',
    );

    // Still degraded: nothing new to tell, and no history point before the step.
    tick(1);
    expect((await service.collect()).notified).toBe(0);
    expect(await service.history(cable2Id, 1)).toHaveLength(1);

    // Worse: told again, and the change is in the history at once.
    tick(1);
    source.cable2 = { up: false };
    await service.collect();
    expect(notifications.send).toHaveBeenCalledTimes(2);
    expect(notifications.send.mock.calls[1][0].payload).toMatchObject({
      title: 'IB east: 1 link down',
      severity: 'high',
    });
    expect((await service.history(cable2Id, 1)).map(p => p.health)).toEqual([
      'degraded',
      'down',
    ]);

    // Better but not recovered: noted, not told; worse again is news.
    tick(1);
    source.cable2 = { rates: { symbolErrors: 0.2 } };
    await service.collect();
    tick(1);
    source.cable2 = { up: false };
    await service.collect();
    expect(notifications.send).toHaveBeenCalledTimes(3);

    // Recovered: told, and quiet afterwards.
    tick(1);
    source.cable2 = {};
    await service.collect();
    expect(notifications.send.mock.calls[3][0].payload).toMatchObject({
      title: 'IB east: 1 link recovered',
      description: 'Healthy again: h100-002 ↔ leaf-01.',
      severity: 'low',
    });
    tick(1);
    await service.collect();
    expect(notifications.send).toHaveBeenCalledTimes(4);

    // Every link gets a point once a history step has passed.
    tick(15);
    await service.collect();
    expect(await service.history('0x0100:1~h100-001:mlx5_0/1', 1)).toHaveLength(
      2,
    );
    const graph = await service.graph({ health: ['healthy'] });
    expect(graph.links).toHaveLength(3);
  });

  it('shows a failing source as failing and its links as unknown and stale, then prunes', async () => {
    const { service, source, notifications, tick } = await setup();
    source.cable2 = { rates: { symbolErrors: 0.2 } };
    await service.collect();
    tick(1);
    source.error = Object.assign(new TypeError('fetch failed'), {
      cause: { code: 'ECONNREFUSED' },
    });
    expect((await service.collect()).failedSources).toEqual(['prometheus']);
    const graph = await service.graph({});
    expect(graph.links.every(l => l.health === 'unknown' && l.stale)).toBe(
      true,
    );
    expect(graph.links[0].reasons).toEqual([
      'no fresh data (prometheus error: fetch failed: ECONNREFUSED)',
    ]);
    expect(await service.sources()).toEqual([
      {
        id: 'declared',
        kind: 'declared',
        status: 'ok',
        lastSuccessAt: new Date(t0 + MINUTE).toISOString(),
      },
      {
        id: 'prometheus',
        kind: 'prometheus',
        status: 'error',
        lastSuccessAt: new Date(t0).toISOString(),
        error: 'fetch failed: ECONNREFUSED',
      },
    ]);
    // Unknown is no news: the owner was told of the degraded link only.
    expect(notifications.send).toHaveBeenCalledTimes(1);

    tick(11);
    expect((await service.sources())[1].status).toBe('stale');

    tick(60);
    expect(await service.prune()).toBeGreaterThan(0);
    expect(await service.history(cable2Id, 24)).toEqual([]);
  });
});
