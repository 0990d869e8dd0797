import { TestDatabases } from '@backstage/backend-test-utils';
import { connectAndMigrate } from '../database/migrate';
import { DatabaseSpendStore } from './DatabaseSpendStore';
import { UsageRow } from './SpendStore';

jest.setTimeout(60_000);

const DAY = 86_400_000;
const t0 = Date.parse('2026-10-30T00:00:00Z');

function row(overrides: Partial<UsageRow> & { sourceKey: string }): UsageRow {
  return {
    source: 'opencost',
    periodStart: t0,
    periodEnd: t0 + DAY,
    team: 'group:default/recsys',
    attribution: 'namespace:recsys-train',
    resourceType: 'gpu',
    gpuModel: 'H100',
    pricingClass: 'on-demand',
    cost: 10,
    gpuHours: 4,
    usedGpuHours: 0,
    ...overrides,
  };
}

describe('DatabaseSpendStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function createStore(databaseId: string) {
    const knex = await databases.init(databaseId as any);
    const db = await connectAndMigrate({ getClient: async () => knex });
    return new DatabaseSpendStore(db);
  }

  it.each(databases.eachSupportedId())(
    'keeps daily and monthly rollups equal to the raw rows on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const rows = [
        row({ sourceKey: 'oc|1' }),
        row({
          sourceKey: 'oc|2',
          cost: 0.1,
          resourceType: 'cpu',
          gpuModel: '',
          gpuHours: 0,
        }),
        row({
          sourceKey: 'oc|3',
          cost: 0.2,
          periodStart: t0 + 2 * DAY,
          periodEnd: t0 + 3 * DAY,
        }),
        row({ sourceKey: 'oc|4', cost: 7, team: 'group:default/vision' }),
      ];
      expect(await store.ingest(rows)).toEqual({
        inserted: 4,
        updated: 0,
        unchanged: 0,
        deleted: 0,
      });

      const daily = await store.aggregate({
        from: '2026-10-01',
        to: '2026-11-30',
        granularity: 'day',
        groupBy: ['period', 'team'],
      });
      expect(daily).toEqual([
        {
          period: '2026-10-30',
          team: 'group:default/recsys',
          cost: 10.1,
          gpuHours: 4,
          usedGpuHours: 0,
        },
        {
          period: '2026-10-30',
          team: 'group:default/vision',
          cost: 7,
          gpuHours: 4,
          usedGpuHours: 0,
        },
        {
          period: '2026-11-01',
          team: 'group:default/recsys',
          cost: 0.2,
          gpuHours: 4,
          usedGpuHours: 0,
        },
      ]);
      const monthly = await store.aggregate({
        from: '2026-10-01',
        to: '2026-11-30',
        granularity: 'month',
        groupBy: ['period'],
      });
      expect(monthly.map(r => [r.period, r.cost])).toEqual([
        ['2026-10', 17.1],
        ['2026-11', 0.2],
      ]);
      // 0.1 + 0.2 is exact in millionths.
      expect(await store.rawTotals()).toEqual({ rows: 4, cost: 17.3 });
    },
  );

  it.each(databases.eachSupportedId())(
    'changes nothing when the same rows come again, and moves rollups on a correction on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const rows = [
        row({ sourceKey: 'f|a' }),
        row({ sourceKey: 'f|b', cost: 3 }),
      ];
      await store.ingest(rows);
      expect(await store.ingest(rows)).toEqual({
        inserted: 0,
        updated: 0,
        unchanged: 2,
        deleted: 0,
      });
      expect(await store.rawTotals()).toEqual({ rows: 2, cost: 13 });

      expect(
        await store.ingest([
          row({ sourceKey: 'f|b', cost: 5, team: 'group:default/vision' }),
        ]),
      ).toMatchObject({ updated: 1 });
      const byTeam = await store.aggregate({
        from: '2026-10-30',
        to: '2026-10-30',
        granularity: 'day',
        groupBy: ['team'],
      });
      expect(byTeam.map(r => [r.team, r.cost])).toEqual([
        ['group:default/recsys', 10],
        ['group:default/vision', 5],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'replaces a pull window and moves the watermark with it on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const scope = { sourceId: 'oc-prod', from: t0, to: t0 + DAY };
      await store.ingest(
        [
          row({ sourceKey: 'oc-prod|a' }),
          row({ sourceKey: 'oc-prod|b', cost: 2 }),
        ],
        { scope },
      );
      // Outside the scope: must survive.
      await store.ingest([
        row({
          sourceKey: 'oc-prod|c',
          periodStart: t0 + DAY,
          periodEnd: t0 + 2 * DAY,
        }),
      ]);

      const result = await store.ingest(
        [row({ sourceKey: 'oc-prod|a', cost: 11 })],
        {
          scope,
          watermark: {
            sourceId: 'oc-prod',
            kind: 'opencost',
            watermark: t0 + DAY,
          },
        },
      );
      expect(result).toEqual({
        inserted: 0,
        updated: 1,
        unchanged: 0,
        deleted: 1,
      });
      expect(await store.rawTotals()).toEqual({ rows: 2, cost: 21 });
      const [total] = await store.aggregate({
        from: '2026-10-01',
        to: '2026-10-31',
        granularity: 'month',
        groupBy: [],
      });
      expect(total.cost).toBe(21);
      expect(await store.getSource('oc-prod')).toMatchObject({
        kind: 'opencost',
        watermark: t0 + DAY,
        failures: 0,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'rolls everything back when an ingest fails part-way on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      await store.ingest([row({ sourceKey: 'x|1' })], {
        importRecord: {
          id: 'imp-1',
          fileSha256: 'abc',
          fileName: 'a.csv',
          importedBy: 'user:default/x',
        },
      });
      // The same import id again fails at the end of the transaction.
      await expect(
        store.ingest([row({ sourceKey: 'x|2', cost: 99 })], {
          importRecord: {
            id: 'imp-1',
            fileSha256: 'abc',
            fileName: 'a.csv',
            importedBy: 'user:default/x',
          },
        }),
      ).rejects.toThrow();
      expect(await store.rawTotals()).toEqual({ rows: 1, cost: 10 });
      const [total] = await store.aggregate({
        from: '2026-10-30',
        to: '2026-10-30',
        granularity: 'day',
        groupBy: [],
      });
      expect(total.cost).toBe(10);
    },
  );

  it.each(databases.eachSupportedId())(
    'records failed attempts without touching the watermark on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      await store.ingest([], {
        watermark: { sourceId: 'prom', kind: 'prometheus', watermark: t0 },
      });
      await store.recordAttempt({
        id: 'prom',
        kind: 'prometheus',
        lastAttemptAt: t0 + 1000,
        failures: 2,
        nextAttemptAt: t0 + 5000,
        lastError: 'connect ECONNREFUSED',
      });
      expect(await store.listSources()).toEqual([
        expect.objectContaining({
          id: 'prom',
          watermark: t0,
          failures: 2,
          nextAttemptAt: t0 + 5000,
          lastError: 'connect ECONNREFUSED',
        }),
      ]);
    },
  );
});
