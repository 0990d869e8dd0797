import {
  TestDatabases,
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { connectAndMigrate } from '../../database/migrate';
import { DatabaseSpendStore } from '../DatabaseSpendStore';
import { SpendPuller } from '../SpendPuller';
import { energyModel, mapping, spendConfig } from '../__testUtils__/fixtures';
import { OpenCostConnector } from './opencost';

const BASE = 'http://opencost.opencost.svc:9003';
const day1 = '2026-11-20T00:00:00Z';
const day2 = '2026-11-21T00:00:00Z';
const day3 = '2026-11-22T00:00:00Z';

/** An allocation as OpenCost's /allocation/compute documents it (fields we do not read trimmed). */
function allocation(
  name: string,
  start: string,
  end: string,
  costs: Record<string, number>,
) {
  return {
    name,
    properties: {
      cluster: 'gpu-a',
      namespace: name.startsWith('__') ? undefined : name,
    },
    window: { start, end },
    start,
    end,
    minutes: 1440,
    cpuCores: 12,
    cpuCoreRequestAverage: 12,
    cpuCoreUsageAverage: 7.1,
    cpuCoreHours: 288,
    cpuCost: 0,
    cpuCostAdjustment: 0,
    cpuEfficiency: 0.59,
    gpuCount: 0,
    gpuHours: 0,
    gpuCost: 0,
    gpuCostAdjustment: 0,
    networkTransferBytes: 0,
    networkReceiveBytes: 0,
    networkCost: 0,
    networkCostAdjustment: 0,
    loadBalancerCost: 0,
    loadBalancerCostAdjustment: 0,
    pvBytes: 0,
    pvByteHours: 0,
    pvCost: 0,
    pvCostAdjustment: 0,
    ramBytes: 0,
    ramByteRequestAverage: 0,
    ramByteUsageAverage: 0,
    ramByteHours: 0,
    ramCost: 0,
    ramCostAdjustment: 0,
    ramEfficiency: 0,
    sharedCost: 0,
    externalCost: 0,
    totalCost:
      Object.values(costs).reduce((a, b) => a + b, 0) -
      (costs.gpuHours ?? 0) -
      (costs.gpuCount ?? 0),
    totalEfficiency: 0.5,
    rawAllocationOnly: null,
    ...costs,
  };
}

function daySet(start: string, end: string, scale: number) {
  return {
    'recsys-train': allocation('recsys-train', start, end, {
      gpuCost: 192 * scale,
      gpuHours: 48,
      gpuCount: 2,
      cpuCost: 10.25,
      ramCost: 4.5,
    }),
    fraud: allocation('fraud', start, end, {
      gpuCost: 64 * scale,
      gpuHours: 16,
      cpuCost: 5.75,
    }),
    'kube-system': allocation('kube-system', start, end, {
      cpuCost: 3,
      ramCost: 1,
    }),
    'team-x-sandbox': allocation('team-x-sandbox', start, end, { cpuCost: 2 }),
    __unallocated__: allocation('__unallocated__', start, end, { pvCost: 1.5 }),
    __idle__: allocation('__idle__', start, end, { gpuCost: 96, cpuCost: 8 }),
  };
}

const days: Record<string, ReturnType<typeof daySet>> = {
  [day1]: daySet(day1, day2, 1),
  [day2]: daySet(day2, day3, 2),
};

const requests: URL[] = [];
const server = setupServer(
  http.get(`${BASE}/allocation/compute`, ({ request }) => {
    const url = new URL(request.url);
    requests.push(url);
    const [start, end] = url.searchParams.get('window')!.split(',');
    const sets = Object.entries(days)
      .filter(([d]) => d >= start && d < end)
      .map(([, set]) => set);
    return HttpResponse.json({ code: 200, data: sets });
  }),
);

describe('OpenCostConnector', () => {
  registerMswTestHooks(server);
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  const logger = mockServices.logger.mock();
  const now = Date.parse('2026-11-22T06:00:00Z');
  const pullerFor = (store: DatabaseSpendStore) =>
    new SpendPuller({
      store,
      connectors: [connector()],
      energy: energyModel,
      logger,
    });
  const from = Date.parse(day1);

  beforeEach(() => {
    requests.length = 0;
  });

  /** A store whose OpenCost source starts at day 1 instead of 30 days back. */
  async function createStore(databaseId: string) {
    const knex = await databases.init(databaseId as any);
    const store = new DatabaseSpendStore(
      await connectAndMigrate({ getClient: async () => knex }),
    );
    await store.ingest([], {
      watermark: {
        sourceId: 'opencost-gpu-a',
        kind: 'opencost',
        watermark: from,
      },
    });
    return store;
  }

  function connector() {
    return new OpenCostConnector(
      {
        kind: 'opencost',
        id: 'opencost-gpu-a',
        baseUrl: BASE,
        aggregate: 'namespace',
        gpuModel: 'H100-SXM5-80GB',
        pricingClass: 'on-demand',
        backfillDays: 30,
      },
      spendConfig,
      async () => mapping,
    );
  }

  it.each(databases.eachSupportedId())(
    'asks for daily, unaccumulated allocations with idle, and attributes them on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const puller = pullerFor(store);
      expect(await puller.pullAll(now)).toEqual([
        { id: 'opencost-gpu-a', status: 'pulled', rows: expect.any(Number) },
      ]);
      expect(requests).toHaveLength(1);
      expect(Object.fromEntries(requests[0].searchParams)).toEqual({
        window: '2026-11-20T00:00:00Z,2026-11-23T00:00:00Z',
        aggregate: 'namespace',
        step: '1d',
        accumulate: 'false',
        includeIdle: 'true',
      });

      const byTeam = await store.aggregate({
        from: '2026-11-20',
        to: '2026-11-20',
        granularity: 'day',
        groupBy: ['team'],
      });
      // Day 1: recsys 206.75 and fraud 69.75 direct; idle 104 and kube-system 4 shared in
      // proportion 206.75 : 69.75; team-x-sandbox and __unallocated__ stay unallocated.
      const shared = 104 + 4;
      const recsysShare = (206.75 / (206.75 + 69.75)) * shared;
      expect(byTeam.map(r => r.team)).toEqual([
        'group:default/fraud-detection',
        'group:default/recsys',
        'unallocated',
      ]);
      expect(byTeam[1].cost).toBeCloseTo(206.75 + recsysShare, 5);
      expect(byTeam[0].cost).toBeCloseTo(69.75 + shared - recsysShare, 5);
      expect(byTeam[2].cost).toBe(3.5);
      // Nothing is lost or made up: the day's total is OpenCost's total.
      const total = Object.values(days[day1]).reduce(
        (s, a) => s + a.totalCost,
        0,
      );
      expect(byTeam.reduce((s, r) => s + r.cost, 0)).toBeCloseTo(total, 6);

      const gpu = await store.aggregate({
        from: '2026-11-20',
        to: '2026-11-21',
        granularity: 'day',
        groupBy: ['gpuModel'],
        sources: ['opencost'],
      });
      // The cluster's alias is stored under the rate's model name.
      expect(gpu.map(r => r.gpuModel)).toEqual(['', 'NVIDIA H100 80GB HBM3']);
      expect(gpu[1].gpuHours).toBe(128);

      // Complete days move the watermark; today is fetched again next time.
      expect((await store.getSource('opencost-gpu-a'))?.watermark).toBe(
        Date.parse(day3),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'leaves totals exact when a pull is killed half-way and restarted on %p',
    async databaseId => {
      const clean = await createStore(databaseId);
      await pullerFor(clean).pullOne(connector(), now);

      const store = await createStore(databaseId);
      // The process dies while the second day is being written: that transaction never commits.
      let batches = 0;
      const dying = Object.create(store) as DatabaseSpendStore;
      dying.ingest = async (rows, options) => {
        if (++batches === 2) throw new Error('SIGKILL');
        return store.ingest(rows, options);
      };
      const first = await pullerFor(dying).pullOne(connector(), now);
      expect(first.status).toBe('failed');
      expect((await store.getSource('opencost-gpu-a'))?.watermark).toBe(
        Date.parse(day2),
      );

      // Restarted after the back-off: resumes at day 2 and ends where the clean run did.
      const later = now + 5 * 60_000;
      await pullerFor(store).pullOne(connector(), later);
      expect(requests.at(-1)?.searchParams.get('window')).toBe(
        '2026-11-21T00:00:00Z,2026-11-23T00:00:00Z',
      );
      // And pulling again (a second replica, a retry) changes nothing.
      await pullerFor(store).pullOne(connector(), later);

      const query = {
        from: '2026-11-01',
        to: '2026-11-30',
        granularity: 'day' as const,
        groupBy: ['period' as const, 'team' as const, 'resourceType' as const],
      };
      expect(await store.aggregate(query)).toEqual(
        await clean.aggregate(query),
      );
      expect(await store.rawTotals()).toEqual(await clean.rawTotals());
    },
  );

  it.each(databases.eachSupportedId())(
    'backs off when OpenCost is down, keeps what it had and says why on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const puller = pullerFor(store);
      await puller.pullAll(now);
      const before = await store.rawTotals();

      server.use(
        http.get(`${BASE}/allocation/compute`, () =>
          HttpResponse.json(
            { code: 500, message: 'Prometheus unreachable' },
            { status: 500 },
          ),
        ),
      );
      const later = now + 3_600_000;
      expect((await puller.pullAll(later))[0]).toMatchObject({
        status: 'failed',
      });
      expect(await puller.pullAll(later + 30_000)).toEqual([
        { id: 'opencost-gpu-a', status: 'waiting', rows: 0 },
      ]);
      const state = await store.getSource('opencost-gpu-a');
      expect(state).toMatchObject({
        failures: 1,
        nextAttemptAt: later + 60_000,
        lastSuccessAt: expect.any(Number),
      });
      expect(state?.lastError).toContain('500');
      expect(await store.rawTotals()).toEqual(before);
    },
  );
});
