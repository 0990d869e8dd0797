import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DEFAULT_FABRIC_THRESHOLDS } from '@ai-platform/plugin-ai-platform-common';
import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import { connectAndMigrate } from '../database/migrate';
import { DatabaseFabricStore } from './DatabaseFabricStore';
import { DeclaredFabricSource } from './DeclaredFabricSource';
import {
  DEMO_IB_FABRIC,
  DEMO_NVLINK_FABRIC,
  DemoFabricSource,
  seedFabricDemo,
} from './demo';
import { FabricCatalog } from './FabricCatalog';
import { FabricService } from './FabricService';
import { FabricTeams } from './FabricTeams';

jest.setTimeout(120_000);

/** The example catalog the demo is made for: the teams and the infrastructure. */
const examples: Entity[] = ['org.yaml', 'infrastructure.yaml'].flatMap(file =>
  parseAllDocuments(
    fs.readFileSync(
      path.resolve(__dirname, '../../../../examples', file),
      'utf8',
    ),
  ).map(doc => ({
    ...(doc.toJSON() as Entity),
    metadata: { namespace: 'default', ...doc.toJSON().metadata },
  })),
);

describe('the fabric demo', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const now = new Date('2026-11-23T10:00:30Z');

  async function setup() {
    const knex = await databases.init('SQLITE_3');
    const catalog = new FabricCatalog({
      catalog: catalogServiceMock({ entities: examples }),
      auth: mockServices.auth(),
    });
    const demo = new DemoFabricSource(() => now);
    const service = new FabricService({
      store: new DatabaseFabricStore(
        await connectAndMigrate({ getClient: async () => knex }),
      ),
      sources: [new DeclaredFabricSource(catalog, () => now), demo],
      catalog,
      teams: new FabricTeams({
        workspaces: { list: async () => [] },
        quotas: { list: async () => [] },
      }),
      notifications: { send: jest.fn() },
      logger: mockServices.logger.mock(),
      config: {
        thresholds: DEFAULT_FABRIC_THRESHOLDS,
        staleAfterMs: 600_000,
        retentionMs: 7 * 86_400_000,
        historyStepMs: 900_000,
        demoData: true,
      },
      now: () => now,
    });
    return { service, catalog, demo };
  }

  it('reads the same for the same minute', () => {
    const demo = new DemoFabricSource();
    expect(demo.observe(now)).toEqual(demo.observe(new Date(now)));
    expect(demo.observe(now)).not.toEqual(
      demo.observe(new Date(now.getTime() + 60_000)),
    );
  });

  it('is a fat tree of 8 spines, 16 leaves and 128 nodes with a few bad cables and the teams behind them', async () => {
    const { service } = await setup();
    await service.collect();
    const graph = await service.graph({});
    const count = (tier: string) =>
      graph.devices.filter(d => d.tier === tier).length;
    expect([count('spine'), count('leaf'), count('node')]).toEqual([
      8, 16, 128,
    ]);
    expect(
      graph.devices.filter(d => d.clusterRef === 'resource:default/cluster-a'),
    ).toHaveLength(96);

    const ib = graph.summaries.find(s => s.fabricRef === DEMO_IB_FABRIC)!;
    expect(ib).toMatchObject({
      kind: 'infiniband',
      health: 'degraded',
      links: { healthy: 253, degraded: 2, down: 1, unknown: 1 },
      stale: false,
    });
    expect(ib.degradedShare).toBeCloseTo(3 / 256);
    // 128 node cables down, 128 uplinks less one down and one at half speed.
    expect(ib.oversubscription).toEqual([
      { tier: 'leaf', ratio: (128 * 400) / (126 * 400 + 200) },
    ]);
    expect(ib.worstLinks.map(l => [l.health, l.reasons[0]])).toEqual([
      ['down', 'link is down'],
      ['degraded', expect.stringMatching(/^symbol errors [\d.]+\/s/)],
      ['degraded', 'width 2×, expected 4×'],
    ]);
    expect(ib.differences.map(d => d.message)).toEqual([
      'h200-029 ↔ leaf-16: declared, not observed',
      'h200-029 ↔ leaf-15: observed, not declared',
      'leaf-05 ↔ spine-03: width 2×, declared 4×',
      'leaf-05 ↔ spine-03: 200 Gb/s, declared 400 Gb/s',
    ]);
    expect(
      ib.affectedTeams.map(t => [t.teamRef, t.nodes.length, t.workloads]),
    ).toEqual([
      ['group:default/llm-research', 8, ['namespace llm-train']],
      ['group:default/recsys', 5, ['namespace recsys-train']],
      ['group:default/vision', 4, ['namespace vision']],
    ]);
    expect(
      ib.affectedTeams.find(t => t.teamRef === 'group:default/recsys')!.nodes,
    ).toEqual(['h100-075', 'h100-081', 'h100-082', 'h100-083', 'h100-084']);

    const nvlink = graph.summaries.find(
      s => s.fabricRef === DEMO_NVLINK_FABRIC,
    )!;
    expect(nvlink.links).toEqual({
      healthy: 1023,
      degraded: 1,
      down: 0,
      unknown: 0,
    });
    expect(nvlink.affectedTeams).toEqual([
      {
        teamRef: 'group:default/llm-research',
        nodes: ['h200-006'],
        linkIds: ['h200-006:gpu3~h200-006:nvlink'],
        workloads: ['namespace llm-train'],
      },
    ]);
    const used = graph.links
      .filter(l => l.kind === 'infiniband' && l.utilization !== undefined)
      .map(l => l.utilization!);
    expect(Math.min(...used)).toBeLessThan(0.05);
    expect(Math.max(...used)).toBeGreaterThan(0.6);

    expect(await service.summary('resource:default/cluster-b')).toMatchObject({
      fabricRef: DEMO_IB_FABRIC,
      clusterRef: 'resource:default/cluster-b',
    });
  });

  it('backfills a day of history once', async () => {
    const { service, catalog, demo } = await setup();
    const seed = () =>
      seedFabricDemo({
        service,
        catalog,
        source: demo,
        logger: mockServices.logger.mock(),
        now,
      });
    await seed();
    const flapping = (await demo.collect()).ports.find(
      p => p.local.name === 'h100-075 mlx5_0',
    )!;
    const id = `${flapping.remote.deviceId}:${flapping.remote.port}~h100-075:mlx5_0/1`;
    const day = await service.history(id, 24);
    expect(day).toHaveLength(96);
    expect(new Set(day.map(p => p.health))).toEqual(new Set(['degraded']));
    await seed();
    expect(await service.history(id, 24)).toHaveLength(96);
  });
});
