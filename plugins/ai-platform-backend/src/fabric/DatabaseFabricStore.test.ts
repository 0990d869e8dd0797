import { TestDatabases } from '@backstage/backend-test-utils';
import {
  FabricGraph,
  FabricObservation,
} from '@ai-platform/plugin-ai-platform-common';
import { connectAndMigrate } from '../database/migrate';
import { DatabaseFabricStore } from './DatabaseFabricStore';

const t0 = Date.parse('2026-11-23T10:00:00Z');
const MINUTE = 60_000;
const source = { id: 'prometheus', kind: 'prometheus' as const };

const observation: FabricObservation = {
  sourceId: 'prometheus',
  collectedAt: new Date(t0).toISOString(),
  ports: [
    {
      kind: 'infiniband',
      local: { deviceId: '0x01', name: 'leaf-01', port: '1', role: 'switch' },
      remote: { deviceId: '0x02', name: 'h100-001 mlx5_0', port: '1' },
      up: true,
      rates: { symbolErrors: 0.5 },
    },
  ],
  placements: [],
  alarms: [],
};

const graph = (at: number): FabricGraph => ({
  generatedAt: new Date(at).toISOString(),
  devices: [],
  links: [],
  summaries: [],
  sources: [],
});

describe('DatabaseFabricStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function createStore(databaseId: string) {
    const knex = await databases.init(databaseId as any);
    return new DatabaseFabricStore(
      await connectAndMigrate({ getClient: async () => knex }),
    );
  }

  it.each(databases.eachSupportedId())(
    "keeps a source's last good observation through failures on %p",
    async databaseId => {
      const store = await createStore(databaseId);
      expect(await store.listSources()).toEqual([]);
      await store.recordSuccess(source, t0, observation);
      await store.recordFailure(source, t0 + MINUTE, 'fetch failed');
      expect(await store.listSources()).toEqual([
        {
          id: 'prometheus',
          kind: 'prometheus',
          lastAttemptAt: t0 + MINUTE,
          lastSuccessAt: t0,
          lastError: 'fetch failed',
        },
      ]);
      expect(await store.observations(['prometheus', 'ufm'])).toEqual(
        new Map([['prometheus', observation]]),
      );
      await store.recordSuccess(source, t0 + 2 * MINUTE, {
        ...observation,
        ports: [],
      });
      const [state] = await store.listSources();
      expect(state).toEqual({
        id: 'prometheus',
        kind: 'prometheus',
        lastAttemptAt: t0 + 2 * MINUTE,
        lastSuccessAt: t0 + 2 * MINUTE,
      });
      expect(
        (await store.observations(['prometheus'])).get('prometheus')!.ports,
      ).toEqual([]);
      // A source that never read well has no observation.
      await store.recordFailure({ id: 'ufm', kind: 'ufm' }, t0, 'refused');
      expect([...(await store.observations(['ufm'])).keys()]).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'replaces the latest graph, and keeps, reads and prunes history on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      expect(await store.graphVersion()).toBeUndefined();
      expect(await store.latestGraph()).toBeUndefined();
      const points = Array.from({ length: 1200 }, (_, i) => ({
        linkId: `link-${i % 2}`,
        at: new Date(t0 + i * MINUTE).toISOString(),
        health: i % 2 ? ('degraded' as const) : ('healthy' as const),
        rates: i % 2 ? { symbolErrors: 0.5 } : {},
        ...(i % 2 ? {} : { utilization: 0.25 }),
      }));
      await store.saveGraph(
        { graph: graph(t0), nodeTeams: {}, historyAt: t0 },
        points.slice(0, 1000),
      );
      await store.addPoints(points.slice(1000));
      const nodeTeams = {
        'h100-001': [
          { teamRef: 'group:default/recsys', workloads: ['namespace recsys'] },
        ],
      };
      await store.saveGraph({ graph: graph(t0 + MINUTE), nodeTeams }, []);
      expect(await store.graphVersion()).toBe(
        new Date(t0 + MINUTE).toISOString(),
      );
      expect(await store.latestGraph()).toEqual({
        graph: graph(t0 + MINUTE),
        nodeTeams,
      });

      const history = await store.history('link-1', t0 + 1190 * MINUTE);
      expect(history).toEqual(
        [1191, 1193, 1195, 1197, 1199].map(i => ({
          at: new Date(t0 + i * MINUTE).toISOString(),
          health: 'degraded',
          rates: { symbolErrors: 0.5 },
        })),
      );
      expect((await store.history('link-0', t0 + 1198 * MINUTE))[0]).toEqual({
        at: new Date(t0 + 1198 * MINUTE).toISOString(),
        health: 'healthy',
        rates: {},
        utilization: 0.25,
      });
      expect(await store.hasHistoryBefore(t0)).toBe(false);
      expect(await store.hasHistoryBefore(t0 + 1)).toBe(true);
      expect(await store.prune(t0 + 1000 * MINUTE)).toBe(1000);
      expect(await store.history('link-0', 0)).toHaveLength(100);
    },
  );

  it.each(databases.eachSupportedId())(
    'upserts and deletes link notices on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const notice = (linkId: string, health: 'degraded' | 'down') => ({
        linkId,
        fabricRef: 'resource:default/ib-fabric-east',
        health,
        notifiedAt: t0,
      });
      await store.saveNotices(
        [notice('a', 'degraded'), notice('b', 'down')],
        [],
      );
      await store.saveNotices([notice('a', 'down')], ['b']);
      expect(await store.notices()).toEqual([notice('a', 'down')]);
    },
  );
});
