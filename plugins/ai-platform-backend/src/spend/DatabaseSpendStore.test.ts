import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { connectAndMigrate } from '../database/migrate';
import { DatabaseSpendStore } from './DatabaseSpendStore';
import { UsageRow } from './SpendStore';

const DAY = 86_400_000;
const NO_ENERGY = {
  energyKwh: 0,
  estimatedEnergyKwh: 0,
  facilityEnergyKwh: 0,
  carbonGrams: 0,
  waterLitres: 0,
};
const migrations = resolvePackagePath(
  '@ai-platform/plugin-ai-platform-backend',
  'migrations',
);
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
          ...NO_ENERGY,
        },
        {
          period: '2026-10-30',
          team: 'group:default/vision',
          cost: 7,
          gpuHours: 4,
          usedGpuHours: 0,
          ...NO_ENERGY,
        },
        {
          period: '2026-11-01',
          team: 'group:default/recsys',
          cost: 0.2,
          gpuHours: 4,
          usedGpuHours: 0,
          ...NO_ENERGY,
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
  it.each(databases.eachSupportedId())(
    'rolls energy up exactly, by cluster, and moves it with a correction on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      // 30 × 0.1 is not 3 in floating point; in integers it is.
      const rows = Array.from({ length: 30 }, (_, i) =>
        row({
          sourceKey: `prom|${i}`,
          source: 'prometheus',
          cluster: 'cluster-a',
          cost: 0,
          energyKwh: 0.1,
          estimatedEnergyKwh: i < 10 ? 0.1 : 0,
          facilityEnergyKwh: 0.13,
          carbonGrams: 0.1,
          waterLitres: 0.07,
        }),
      );
      await store.ingest([...rows, row({ sourceKey: 'oc|1' })]);
      const byCluster = (granularity: 'day' | 'month') =>
        store.aggregate({
          from: '2026-10-01',
          to: '2026-10-31',
          granularity,
          groupBy: ['cluster'],
        });
      const clusterA = {
        cluster: 'cluster-a',
        cost: 0,
        gpuHours: 120,
        usedGpuHours: 0,
        energyKwh: 3,
        estimatedEnergyKwh: 1,
        facilityEnergyKwh: 3.9,
        carbonGrams: 3,
        waterLitres: 2.1,
      };
      const unknown = {
        cluster: '',
        cost: 10,
        gpuHours: 4,
        usedGpuHours: 0,
        ...NO_ENERGY,
      };
      expect(await byCluster('day')).toEqual([unknown, clusterA]);
      expect(await byCluster('month')).toEqual([unknown, clusterA]);

      expect(await store.ingest(rows)).toMatchObject({
        inserted: 0,
        updated: 0,
        unchanged: 30,
      });
      expect(await byCluster('day')).toEqual([unknown, clusterA]);

      // Ten rows turn out to have run on cluster-b, and one drew more.
      const moved = rows.map((r, i) =>
        i < 10 ? { ...r, cluster: 'cluster-b' } : r,
      );
      moved[29] = { ...moved[29], energyKwh: 0.3 };
      expect(await store.ingest(moved)).toMatchObject({
        updated: 11,
        unchanged: 19,
      });
      for (const granularity of ['day', 'month'] as const) {
        expect(await byCluster(granularity)).toEqual([
          unknown,
          {
            ...clusterA,
            gpuHours: 80,
            energyKwh: 2.2,
            estimatedEnergyKwh: 0,
            facilityEnergyKwh: 2.6,
            carbonGrams: 2,
            waterLitres: 1.4,
          },
          {
            ...clusterA,
            cluster: 'cluster-b',
            gpuHours: 40,
            energyKwh: 1,
            estimatedEnergyKwh: 1,
            facilityEnergyKwh: 1.3,
            carbonGrams: 1,
            waterLitres: 0.7,
          },
        ]);
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'sums energy of attributions by month, from energy sources only, on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const at = (iso: string) => ({
        periodStart: Date.parse(iso),
        periodEnd: Date.parse(iso) + 3_600_000,
      });
      const energy = (kwh: number) => ({
        source: 'prometheus' as const,
        energyKwh: kwh,
        estimatedEnergyKwh: kwh / 2,
        facilityEnergyKwh: kwh * 1.2,
        carbonGrams: kwh * 400,
        waterLitres: kwh * 1.8,
      });
      const train = 'namespace:llm-train';
      await store.ingest([
        row({ sourceKey: 'p|1', attribution: train, ...energy(1.5) }),
        row({
          sourceKey: 'p|2',
          attribution: train,
          ...energy(0.1),
          ...at('2026-10-01T00:00:00Z'),
        }),
        row({
          sourceKey: 'p|3',
          attribution: 'namespace:llm-serve',
          ...energy(0.2),
          ...at('2026-11-30T23:00:00Z'),
        }),
        // Outside the range, another namespace, another team, a billing source.
        row({
          sourceKey: 'p|4',
          attribution: train,
          ...energy(5),
          ...at('2026-12-01T00:00:00Z'),
        }),
        row({ sourceKey: 'p|5', attribution: 'namespace:x', ...energy(5) }),
        row({
          sourceKey: 'p|6',
          attribution: train,
          team: 'group:default/vision',
          ...energy(0.7),
        }),
        row({
          sourceKey: 'oc|7',
          attribution: train,
          energyKwh: 5,
          ...at('2026-11-02T00:00:00Z'),
        }),
      ]);
      const query = {
        attributions: [train, 'namespace:llm-serve'],
        from: '2026-10-01',
        to: '2026-11-30',
      };
      expect(
        await store.energyByAttribution({
          ...query,
          teams: ['group:default/recsys'],
        }),
      ).toEqual([
        {
          month: '2026-10',
          rows: 2,
          energyKwh: 1.6,
          estimatedEnergyKwh: 0.8,
          facilityEnergyKwh: 1.92,
          carbonGrams: 640,
          waterLitres: 2.88,
        },
        {
          month: '2026-11',
          rows: 1,
          energyKwh: 0.2,
          estimatedEnergyKwh: 0.1,
          facilityEnergyKwh: 0.24,
          carbonGrams: 80,
          waterLitres: 0.36,
        },
      ]);
      const all = await store.energyByAttribution(query);
      expect(all.map(r => [r.month, r.rows, r.energyKwh])).toEqual([
        ['2026-10', 3, 2.3],
        ['2026-11', 1, 0.2],
      ]);
      expect(
        await store.energyByAttribution({ ...query, attributions: [] }),
      ).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps existing spend through the energy migration, and back on %p',
    async databaseId => {
      const knex = await databases.init(databaseId as any);
      const config = { directory: migrations };
      // One step at a time up to the spend migration: its tables as they were.
      for (;;) {
        const version = await knex.migrate.currentVersion(config);
        if (version !== 'none' && version >= '20261123050000') break;
        await knex.migrate.up(config);
      }
      expect(await knex.migrate.currentVersion(config)).toBe('20261123050000');
      const usage = (key: string, cost: number) => ({
        source: 'opencost',
        source_id: 'oc',
        source_key: key,
        period_start: t0,
        period_end: t0 + DAY,
        day: '2026-10-30',
        team: 'group:default/recsys',
        attribution: 'namespace:recsys-train',
        resource_type: 'gpu',
        gpu_model: 'H100',
        pricing_class: 'on-demand',
        cost_micros: cost,
        gpu_micro_hours: 4_000_000,
        used_gpu_micro_hours: 1_000_000,
      });
      await knex('ai_spend_usage').insert([
        usage('oc|1', 10_100_000),
        usage('oc|2', 200_000),
      ]);
      const rollup = {
        team: 'group:default/recsys',
        resource_type: 'gpu',
        gpu_model: 'H100',
        source: 'opencost',
        cost_micros: 10_300_000,
        gpu_micro_hours: 8_000_000,
        used_gpu_micro_hours: 2_000_000,
        usage_rows: 2,
      };
      await knex('ai_spend_daily').insert({ day: '2026-10-30', ...rollup });
      await knex('ai_spend_monthly').insert({ month: '2026-10', ...rollup });

      await knex.migrate.latest(config);
      const store = new DatabaseSpendStore(knex);
      const expected = {
        team: 'group:default/recsys',
        cluster: '',
        cost: 10.3,
        gpuHours: 8,
        usedGpuHours: 2,
        ...NO_ENERGY,
      };
      for (const granularity of ['day', 'month'] as const) {
        expect(
          await store.aggregate({
            from: '2026-10-01',
            to: '2026-10-31',
            granularity,
            groupBy: ['team', 'cluster'],
          }),
        ).toEqual([expected]);
      }
      const rows = (table: string) =>
        knex(table).select('usage_rows', 'cost_micros');
      expect(
        (await rows('ai_spend_daily')).map(r => Number(r.usage_rows)),
      ).toEqual([2]);

      // Another cluster, then down: the rollups sum across clusters again.
      await store.ingest([
        row({ sourceKey: 'oc|3', cost: 1, cluster: 'cluster-b' }),
      ]);
      await knex.migrate.down({
        ...config,
        name: '20261130000000_spend_energy.js',
      });
      for (const table of ['ai_spend_daily', 'ai_spend_monthly']) {
        expect(await knex.schema.hasColumn(table, 'cluster')).toBe(false);
        expect(
          (await rows(table)).map(r => [
            Number(r.usage_rows),
            Number(r.cost_micros),
          ]),
        ).toEqual([[3, 11_300_000]]);
      }
      expect(await knex.schema.hasColumn('ai_spend_usage', 'carbon_mg')).toBe(
        false,
      );
      await knex.migrate.latest(config);
      expect(
        await store.aggregate({
          from: '2026-10-01',
          to: '2026-10-31',
          granularity: 'month',
          groupBy: ['cluster'],
        }),
      ).toEqual([
        {
          cluster: '',
          cost: 11.3,
          gpuHours: 12,
          usedGpuHours: 2,
          ...NO_ENERGY,
        },
      ]);
    },
  );
});
