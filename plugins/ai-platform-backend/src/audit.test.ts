import {
  mockServices,
  mockCredentials,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { priya, startBackend } from './__testUtils__/startAiPlatformBackend';
import { connectAndMigrate } from './database/migrate';
import { createDomains } from './plugin';
import { createRequestContext } from './shared/RequestContext';

jest.setTimeout(60_000);

const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString();

const nvidiaSmiCsv = fs.readFileSync(
  path.resolve(
    __dirname,
    '../../../../shared/fixtures/nvidia-smi/h100/load-query-gpu.csv',
  ),
  'utf8',
);

const focusCsv = [
  'ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,BillingCurrency,ServiceName,ServiceCategory,SkuId,PricingCategory,ConsumedQuantity,ConsumedUnit,Tags',
  '2026-11-02T00:00:00Z,2026-11-03T00:00:00Z,7,7,USD,S3,Storage,s3,Standard,,,',
].join('\n');

/** Every write route, a request to it, and the auditor event it must leave. */
const writes: Array<{
  route: string;
  path: string;
  body: string | object;
  contentType?: string;
  status: number;
  eventId: string;
  outcome: 'success' | 'fail';
}> = [
  {
    route: 'POST /quotas',
    path: '/quotas',
    body: {
      teamRef: 'group:default/recsys',
      clusterRef: 'resource:default/cluster-a',
      gpuModel: 'H100-SXM5-80GB',
      gpuCount: 2,
      startsAt: day(1),
      endsAt: day(3),
      justification: 'Evaluating the ranker on new data',
    },
    status: 201,
    eventId: 'quota-request',
    outcome: 'success',
  },
  ...(['approve', 'deny', 'release'] as const).map(action => ({
    route: `POST /quotas/:id/${action}`,
    path: `/quotas/no-such-id/${action}`,
    body: {},
    status: 404,
    eventId: action === 'release' ? 'quota-release' : 'quota-decision',
    // An attempt on a request that does not exist is audited as failed.
    outcome: 'fail' as const,
  })),
  {
    route: 'POST /workspaces',
    path: '/workspaces',
    body: {
      name: 'audit-check',
      teamRef: 'group:default/recsys',
      clusterRef: 'resource:default/cluster-a',
      gpuModel: 'H100-SXM5-80GB',
      gpuCount: 0,
      image: 'quay.io/jupyter/pytorch-notebook:cuda12-2024-11-18',
    },
    status: 201,
    eventId: 'workspace-create',
    outcome: 'success',
  },
  {
    route: 'POST /inventory',
    path: '/inventory',
    body: {
      clusterRef: 'resource:default/cluster-a',
      format: 'nvidia-smi-csv',
      content: nvidiaSmiCsv,
    },
    status: 201,
    eventId: 'inventory-import',
    outcome: 'success',
  },
  {
    route: 'POST /drift/windows',
    path: '/drift/windows',
    body: {
      model: 'resource:default/fraud-scorer',
      feature: 'amount',
      role: 'reference',
      values: [1, 2, 3],
    },
    status: 202,
    eventId: 'drift-window',
    outcome: 'success',
  },
  {
    route: 'POST /spend/imports/focus',
    path: '/spend/imports/focus?fileName=audit.csv',
    body: focusCsv,
    contentType: 'text/csv',
    status: 201,
    eventId: 'spend-focus-import',
    outcome: 'success',
  },
];

/** Method and path of every route that is not a read, from the domains' routers. */
async function writeRoutesOfTheDomains(
  databases: TestDatabases,
): Promise<string[]> {
  const knex = await databases.init('SQLITE_3');
  const domains = createDomains(
    {
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
      auth: mockServices.auth(),
      catalog: catalogServiceMock(),
      notifications: { send: jest.fn() },
      db: await connectAndMigrate({ getClient: async () => knex }),
      http: createRequestContext({
        httpAuth: mockServices.httpAuth(),
        permissions: mockServices.permissions(),
        userInfo: mockServices.userInfo(),
        auditor: mockServices.auditor.mock(),
      }),
    },
    { poolSources: [] },
  );
  const routes: string[] = [];
  for (const { router } of domains) {
    for (const layer of router?.stack ?? []) {
      const route = layer.route as
        | { path: string; methods: Record<string, boolean> }
        | undefined;
      for (const method of Object.keys(route?.methods ?? {})) {
        if (!['get', 'head', 'options'].includes(method)) {
          routes.push(`${method.toUpperCase()} ${route!.path}`);
        }
      }
    }
  }
  return routes.sort();
}

describe('audit trail', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('covers every write route of every domain', async () => {
    expect(await writeRoutesOfTheDomains(databases)).toEqual(
      writes.map(w => w.route).sort(),
    );
  });

  it.each(writes.map(w => [w.route, w] as const))(
    '%s leaves an auditor event',
    async (_route, write) => {
      const { server, auditEvents } = await startBackend(
        AuthorizeResult.ALLOW,
        {
          config: {
            spend: { sources: [{ kind: 'quota', id: 'quota-ledger' }] },
          },
        },
      );
      let req = request(server)
        .post(`/api/ai-platform${write.path}`)
        .set('Authorization', mockCredentials.user.header(priya));
      if (write.contentType) req = req.set('Content-Type', write.contentType);
      const res = await req.send(write.body);
      expect(res.status).toBe(write.status);
      expect(auditEvents).toEqual([
        expect.objectContaining({
          eventId: write.eventId,
          outcome: write.outcome,
        }),
      ]);
    },
  );
});
