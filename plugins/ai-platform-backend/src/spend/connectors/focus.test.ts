import { TestDatabases } from '@backstage/backend-test-utils';
import { connectAndMigrate } from '../../database/migrate';
import { DatabaseSpendStore } from '../DatabaseSpendStore';
import { SpendService } from '../SpendService';
import { mapping, spendConfig } from '../__testUtils__/fixtures';
import { parseFocusCsv } from './focus';

const header =
  'BillingAccountId,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,BillingCurrency,ServiceName,ServiceCategory,SkuId,ChargeDescription,ResourceId,PricingCategory,ConsumedQuantity,ConsumedUnit,Tags';
const gpuRow =
  '112233445566,2026-11-01T00:00:00Z,2026-11-02T00:00:00Z,2358.72,2358.72,USD,Amazon Elastic Compute Cloud,Compute,p5.48xlarge,p5.48xlarge On Demand Linux,i-0abc,Standard,24,Hours,"{""team"":""recsys""}"';
const committedRow =
  '112233445566,2026-11-01T00:00:00Z,2026-11-02T00:00:00Z,0,864,USD,Amazon Elastic Compute Cloud,Compute,p5.48xlarge,p5.48xlarge Savings Plan,i-0def,Committed,24,Hours,"{""cost-center"":""cv-42""}"';
const storageRow =
  '112233445566,2026-11-01T00:00:00Z,2026-11-02T00:00:00Z,12.5,12.5,USD,Amazon Simple Storage Service,Storage,TimedStorage-ByteHrs,S3 storage,bucket-1,Standard,,,"{""project"":""sandbox""}"';

const file = (...rows: string[]) => [header, ...rows].join('\n');

describe('parseFocusCsv', () => {
  const options = { config: spendConfig, mapping };

  it('reads GPU hours, pricing class and team from a FOCUS export', () => {
    const { rows, problems } = parseFocusCsv(
      file(gpuRow, committedRow, storageRow),
      options,
    );
    expect(problems).toEqual([]);
    expect(
      rows.map(r => [
        r.team,
        r.resourceType,
        r.gpuModel,
        r.pricingClass,
        r.cost,
        r.gpuHours,
      ]),
    ).toEqual([
      [
        'group:default/recsys',
        'gpu',
        'NVIDIA H100 80GB HBM3',
        'on-demand',
        2358.72,
        192,
      ],
      [
        'group:default/vision',
        'gpu',
        'NVIDIA H100 80GB HBM3',
        'reserved',
        864,
        192,
      ],
      ['unallocated', 'storage', '', 'on-demand', 12.5, 0],
    ]);
    // EffectiveCost, not BilledCost: the commitment's cost shows where it was used.
    expect(rows[1].attribution).toBe('tag:cost-center=cv-42');
  });

  it('reports every bad row by its line number and imports none', () => {
    const bad = gpuRow.replace('2358.72,2358.72', '2358.72,lots');
    const badDate = storageRow.replace('2026-11-02T00:00:00Z', '2026-10-31');
    const { rows, problems } = parseFocusCsv(
      file(gpuRow, bad, committedRow, badDate),
      options,
    );
    expect(rows).toEqual([]);
    expect(problems).toEqual([
      {
        line: 3,
        column: 'EffectiveCost',
        message: 'must be a decimal number, not "lots"',
      },
      {
        line: 5,
        column: 'ChargePeriodEnd',
        message:
          'must be an ISO 8601 date-time with a time zone, not "2026-10-31"',
      },
      {
        line: 5,
        column: 'ChargePeriodEnd',
        message: 'must be after ChargePeriodStart',
      },
    ]);
  });

  it('counts lines of quoted multi-line fields as the file does', () => {
    const multiLine = gpuRow.replace(
      'p5.48xlarge On Demand Linux',
      '"p5.48xlarge\nOn Demand"',
    );
    const bad = storageRow.replace('12.5,12.5', '12.5,');
    const { problems } = parseFocusCsv(file(multiLine, bad), options);
    expect(problems).toEqual([
      {
        line: 4,
        column: 'EffectiveCost',
        message: 'must be a decimal number, not ""',
      },
    ]);
  });

  it('refuses a file without the FOCUS columns, a broken CSV and another currency', () => {
    expect(parseFocusCsv('Cost,Date\n1,2', options).problems[0]).toEqual({
      line: 1,
      message:
        'Missing FOCUS columns: BilledCost, EffectiveCost, ChargePeriodStart, ChargePeriodEnd, ServiceName',
    });
    expect(parseFocusCsv(file(gpuRow, '1,2,3'), options).problems[0].line).toBe(
      3,
    );
    expect(
      parseFocusCsv(file(gpuRow.replace(',USD,', ',EUR,')), options).problems,
    ).toEqual([
      {
        line: 2,
        column: 'BillingCurrency',
        message: 'is EUR; the portal counts in USD',
      },
    ]);
  });
});

describe('FOCUS import', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'imports a file whole, refuses a bad one whole, and changes nothing on re-import on %p',
    async databaseId => {
      const knex = await databases.init(databaseId as any);
      const store = new DatabaseSpendStore(
        await connectAndMigrate({ getClient: async () => knex }),
      );
      const service = new SpendService({
        store,
        config: spendConfig,
        mapping: async () => mapping,
      });
      const input = { fileName: 'nov.csv', importedBy: 'user:default/finance' };

      // The same charge twice in one file is two charges.
      const good = file(gpuRow, committedRow, storageRow, storageRow);
      expect(await service.importFocus({ ...input, text: good })).toMatchObject(
        {
          ok: true,
          rows: 4,
          result: { inserted: 4, updated: 0, unchanged: 0 },
        },
      );
      const totals = await store.rawTotals();
      expect(totals).toEqual({ rows: 4, cost: 2358.72 + 864 + 25 });

      const refused = await service.importFocus({
        ...input,
        text: file(gpuRow.replace('2358.72,2358.72', '1,1'), 'x'),
      });
      expect(refused).toEqual({
        ok: false,
        problems: [expect.objectContaining({ line: 3 })],
      });
      expect(await store.rawTotals()).toEqual(totals);

      expect(await service.importFocus({ ...input, text: good })).toMatchObject(
        {
          ok: true,
          result: { inserted: 0, updated: 0, unchanged: 4 },
        },
      );
      expect(await store.rawTotals()).toEqual(totals);
      const [month] = await store.aggregate({
        from: '2026-11-01',
        to: '2026-11-30',
        granularity: 'month',
        groupBy: [],
      });
      expect(month.cost).toBeCloseTo(2358.72 + 864 + 25, 6);
    },
  );
});
