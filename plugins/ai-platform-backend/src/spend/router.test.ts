import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { describeRouteGuards } from '../__testUtils__/routeTables';
import { priya, startBackend } from '../__testUtils__/startAiPlatformBackend';
import { teamEntities } from './__testUtils__/fixtures';

const header =
  'ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,BillingCurrency,ServiceName,ServiceCategory,SkuId,PricingCategory,ConsumedQuantity,ConsumedUnit,Tags';
const recsys =
  '2026-11-02T00:00:00Z,2026-11-03T00:00:00Z,100,100,USD,EC2,Compute,p5.48xlarge,Standard,1,Hours,"{""team"":""recsys""}"';
const vision =
  '2026-11-02T00:00:00Z,2026-11-03T00:00:00Z,40,40,USD,EC2,Compute,p5.48xlarge,Standard,1,Hours,"{""cost-center"":""cv-42""}"';
const untagged =
  '2026-11-02T00:00:00Z,2026-11-03T00:00:00Z,7,7,USD,S3,Storage,s3,Standard,,,';
const csv = [header, recsys, vision, untagged].join('\n');

const config = {
  spend: {
    sources: [{ kind: 'quota', id: 'quota-ledger' }],
    schedule: { frequency: { minutes: 30 }, timeout: { minutes: 1 } },
    focus: {
      gpuSkus: [
        {
          match: 'p5.48xlarge',
          gpuModel: 'NVIDIA H100 80GB HBM3',
          gpusPerUnit: 8,
        },
      ],
    },
  },
};

const range = { from: '2026-11-01', to: '2026-11-30' };
const asPriya = mockCredentials.user.header(priya);

async function importFile(server: any, body: string) {
  return request(server)
    .post('/api/ai-platform/spend/imports/focus?fileName=nov.csv')
    .set('Authorization', asPriya)
    .set('Content-Type', 'text/csv')
    .send(body);
}

describe('spend routes', () => {
  describeRouteGuards(
    [
      {
        method: 'get',
        services: true,
        path: '/spend/series?from=2026-11-01&to=2026-11-30&granularity=day&dimension=team',
        permission: 'ai-platform.spend.read',
      },
      {
        method: 'get',
        services: true,
        path: '/spend/teams?from=2026-11-01&to=2026-11-30',
        permission: 'ai-platform.spend.read',
      },
      {
        method: 'get',
        services: true,
        path: '/spend/movers?from=2026-11-01&to=2026-11-30',
        permission: 'ai-platform.spend.read',
      },
      {
        method: 'get',
        services: true,
        path: '/spend/budgets',
        permission: 'ai-platform.spend.read',
      },
      {
        method: 'get',
        services: true,
        path: '/spend/idle?from=2026-11-01&to=2026-11-30',
        permission: 'ai-platform.spend.read',
      },
      {
        method: 'get',
        services: true,
        path: '/spend/export.csv?from=2026-11-01&to=2026-11-30&granularity=day',
        permission: 'ai-platform.spend.read',
      },
      {
        method: 'get',
        services: true,
        path: '/spend/sources',
        permission: 'ai-platform.spend.read',
      },
      {
        method: 'get',
        services: true,
        path: '/spend/energy/entity?entityRef=resource:default/vision-training&from=2026-11-01&to=2026-11-30',
        permission: 'ai-platform.spend.read',
      },
      {
        method: 'get',
        services: true,
        path: '/spend/totals?from=2026-11-01&to=2026-11-30&granularity=day',
        permission: 'ai-platform.spend.read.all',
      },
      {
        method: 'post',
        services: true,
        path: '/spend/imports/focus?fileName=nov.csv',
        permission: 'ai-platform.spend.import',
        body: csv,
        contentType: 'text/csv',
      },
    ],
    { entities: teamEntities, config },
  );

  it('import a FOCUS file whole, refuse a bad one with its line, and re-import to no change', async () => {
    const { server } = await startBackend(AuthorizeResult.ALLOW, {
      entities: teamEntities,
      config,
    });
    const first = await importFile(server, csv);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      rows: 3,
      inserted: 3,
      updated: 0,
      unchanged: 0,
    });

    const bad = await importFile(
      server,
      [header, recsys, vision.replace('40,40', '40,forty')].join('\n'),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe(
      'FOCUS file refused, nothing imported: line 3, EffectiveCost: must be a decimal number, not "forty"',
    );
    expect(bad.body.problems).toEqual([
      {
        line: 3,
        column: 'EffectiveCost',
        message: 'must be a decimal number, not "forty"',
      },
    ]);

    const again = await importFile(server, csv);
    expect(again.body).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });

    const teams = await request(server)
      .get('/api/ai-platform/spend/teams')
      .query(range)
      .set('Authorization', asPriya);
    expect(teams.status).toBe(200);
    expect(
      teams.body.items.map((t: any) => [t.team, t.cost, t.gpuHours]),
    ).toEqual([
      ['group:default/recsys', 100, 8],
      ['group:default/vision', 40, 8],
      ['unallocated', 7, 0],
    ]);
    expect(teams.body.total.cost).toBe(147);
  });

  it('show a team lead their own teams only; finance sees all', async () => {
    const { server } = await startBackend(AuthorizeResult.ALLOW, {
      entities: teamEntities,
      config,
      deny: [
        'ai-platform.spend.read.all',
        'ai-platform.spend.read.team group:default/vision',
      ],
    });
    await importFile(server, csv);
    const get = (path: string, query: object) =>
      request(server)
        .get(`/api/ai-platform/spend/${path}`)
        .query(query)
        .set('Authorization', asPriya);

    const teams = await get('teams', range);
    expect(teams.body.items.map((t: any) => t.team)).toEqual([
      'group:default/recsys',
    ]);
    const other = await get('series', {
      ...range,
      team: 'group:default/vision',
    });
    expect(other.status).toBe(403);
    expect(other.body.error.message).toContain('group:default/vision');
    const own = await get('series', { ...range, team: 'group:default/recsys' });
    expect(own.status).toBe(200);
    expect((await get('totals', range)).status).toBe(403);

    const csvExport = await get('export.csv', {
      ...range,
      granularity: 'month',
    });
    expect(csvExport.status).toBe(200);
    expect(csvExport.headers['content-type']).toContain('text/csv');
    expect(csvExport.text.trim().split('\n')).toEqual([
      'month,team,resource_type,gpu_model,cluster,source,cost_usd,gpu_hours,used_gpu_hours,energy_kwh,estimated_energy_kwh,facility_energy_kwh,carbon_kg,water_l',
      '2026-11,group:default/recsys,gpu,NVIDIA H100 80GB HBM3,,focus,100.000000,8.000000,0.000000,0.000000,0.000000,0.000000,0.000000,0.000',
    ]);

    const budgets = await get('budgets', { month: '2026-11' });
    expect(budgets.body.items).toEqual([
      expect.objectContaining({
        team: 'group:default/recsys',
        budget: 1000,
        spent: 100,
        state: 'ok',
      }),
    ]);
  });

  it('answer series, movers, totals and sources for finance', async () => {
    const { server } = await startBackend(AuthorizeResult.ALLOW, {
      entities: teamEntities,
      config,
    });
    await importFile(server, csv);
    const get = (path: string, query: object = {}) =>
      request(server)
        .get(`/api/ai-platform/spend/${path}`)
        .query(query)
        .set('Authorization', asPriya);

    const series = await get('series', {
      ...range,
      dimension: 'resourceType',
      granularity: 'day',
    });
    expect(series.body.periods).toHaveLength(30);
    const noEnergy = {
      energyKwh: 0,
      estimatedEnergyKwh: 0,
      facilityEnergyKwh: 0,
      carbonKg: 0,
      waterLitres: 0,
    };
    expect(series.body.points).toEqual([
      { period: '2026-11-02', key: 'gpu', cost: 140, gpuHours: 16, ...noEnergy },
      { period: '2026-11-02', key: 'storage', cost: 7, gpuHours: 0, ...noEnergy },
    ]);
    const teams = await get('teams', range);
    // Billing alone: cost, and no energy until power or utilization is seen.
    expect(teams.body.items[0].energy).toBeUndefined();
    expect(teams.body.total.energy).toEqual(noEnergy);
    // A workspace without pipelines or namespaces of its own has no training energy.
    const energy = await get('energy/entity', {
      ...range,
      entityRef: 'resource:default/vision-training',
    });
    expect(energy.body).toEqual({
      entityRef: 'resource:default/vision-training',
      ...range,
      contributors: [],
      byMonth: [],
    });
    const movers = await get('movers', { ...range, limit: 2 });
    expect(movers.body.items.map((t: any) => [t.team, t.change])).toEqual([
      ['group:default/recsys', 100],
      ['group:default/vision', 40],
    ]);
    const totals = await get('totals', { ...range, granularity: 'month' });
    expect(totals.body).toMatchObject({
      total: 147,
      items: [{ period: '2026-11', cost: 147 }],
    });

    const sources = await get('sources');
    expect(sources.body.items).toEqual([
      expect.objectContaining({
        id: 'quota-ledger',
        kind: 'quota',
        failures: 0,
      }),
    ]);
  });

  it('say which query field is wrong', async () => {
    const { server } = await startBackend(AuthorizeResult.ALLOW, {
      entities: teamEntities,
      config,
    });
    const res = await request(server)
      .get('/api/ai-platform/spend/series')
      .query({ from: '2026-11-31', to: '2026-11-01', dimension: 'colour' })
      .set('Authorization', asPriya);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/from: .*; dimension: /);
    const energy = (entityRef: string) =>
      request(server)
        .get('/api/ai-platform/spend/energy/entity')
        .query({ ...range, entityRef })
        .set('Authorization', asPriya);
    const badRef = await energy('resource:');
    expect(badRef.status).toBe(400);
    expect(badRef.body.error.message).toMatch(/^entityRef: must be an entity ref/);
    const unknown = await energy('resource:default/nothing');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('No entity resource:default/nothing');
    const empty = await importFile(server, '');
    expect(empty.status).toBe(400);
  });
});
