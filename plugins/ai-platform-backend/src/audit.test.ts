import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { domainRoutes } from './__testUtils__/domainRoutes';
import { clickstream, featureViewBody } from './__testUtils__/featureViews';
import { modelRegistryBody } from './__testUtils__/modelRegistry';
import { pipelineBody, pipelineEntities } from './__testUtils__/pipelines';
import { priya, startBackend } from './__testUtils__/startAiPlatformBackend';

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

const quotaBody = (gpuCount: number) => ({
  teamRef: 'group:default/recsys',
  clusterRef: 'resource:default/cluster-a',
  gpuModel: 'H100-SXM5-80GB',
  gpuCount,
  startsAt: day(1),
  endsAt: day(3),
  justification: 'Evaluating the ranker on new data',
});

/**
 * Every write route, a request to it, and the auditor event it must leave; `:id` in the path is
 * the quota that `quota` GPUs ask for first (above the auto-approve limit of 8 it waits).
 */
const writes: Array<{
  route: string;
  quota?: number;
  path: string;
  body: string | object;
  contentType?: string;
  status: number;
  eventId: string;
  meta?: object;
  outcome: 'success' | 'fail';
}> = [
  {
    route: 'POST /quotas',
    path: '/quotas',
    body: quotaBody(2),
    status: 201,
    eventId: 'quota-request',
    meta: {
      teamRef: 'group:default/recsys',
      clusterRef: 'resource:default/cluster-a',
    },
    outcome: 'success',
  },
  ...(['approve', 'deny'] as const).map(decision => ({
    route: `POST /quotas/:id/${decision}`,
    quota: 12,
    path: `/quotas/:id/${decision}`,
    body: {},
    status: 200,
    eventId: 'quota-decision',
    meta: { decision },
    outcome: 'success' as const,
  })),
  {
    route: 'POST /quotas/:id/release',
    quota: 2,
    path: '/quotas/:id/release',
    body: {},
    status: 200,
    eventId: 'quota-release',
    outcome: 'success',
  },
  ...(['approve', 'deny', 'release'] as const).map(action => ({
    route: `POST /quotas/:id/${action}`,
    path: `/quotas/no-such-id/${action}`,
    body: {},
    status: 404,
    eventId: action === 'release' ? 'quota-release' : 'quota-decision',
    meta: { quotaId: 'no-such-id' },
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
    route: 'POST /feature-views',
    path: '/feature-views',
    body: featureViewBody(),
    status: 201,
    eventId: 'feature-view-create',
    meta: {
      teamRef: 'group:default/recsys',
      datasetRef: 'resource:default/clickstream-events',
      name: 'user_activity',
    },
    outcome: 'success',
  },
  {
    route: 'POST /feature-views',
    path: '/feature-views',
    body: featureViewBody({ datasetRef: 'resource:default/no-such-data' }),
    status: 400,
    eventId: 'feature-view-create',
    meta: { datasetRef: 'resource:default/no-such-data' },
    // A view over a dataset the catalog lacks is a refused create in the trail.
    outcome: 'fail',
  },
  {
    route: 'POST /model-registry/entries',
    path: '/model-registry/entries',
    body: modelRegistryBody({
      trainingData: ['resource:default/clickstream-events'],
    }),
    status: 201,
    eventId: 'model-registry-create',
    meta: {
      teamRef: 'group:default/recsys',
      name: 'ranker',
      riskClass: 'high',
    },
    outcome: 'success',
  },
  {
    route: 'POST /model-registry/entries',
    path: '/model-registry/entries',
    body: modelRegistryBody({
      trainingData: ['resource:default/no-such-data'],
    }),
    status: 400,
    eventId: 'model-registry-create',
    meta: { name: 'ranker' },
    // A model on training data the catalog lacks is a refused registration in the trail.
    outcome: 'fail',
  },
  {
    route: 'POST /pipelines',
    path: '/pipelines',
    body: pipelineBody(),
    status: 201,
    eventId: 'pipeline-create',
    meta: {
      teamRef: 'group:default/recsys',
      name: 'ranker-retrain',
      orchestrator: 'airflow',
    },
    outcome: 'success',
  },
  {
    route: 'POST /pipelines',
    path: '/pipelines',
    body: pipelineBody({
      qualityChecks: [{ check: 'unique', column: 'no_such_column' }],
    }),
    status: 400,
    eventId: 'pipeline-create',
    meta: { name: 'ranker-retrain' },
    // A rule on a column its dataset does not declare is a refused pipeline in the trail.
    outcome: 'fail',
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
  {
    route: 'POST /spend/imports/focus',
    path: '/spend/imports/focus?fileName=refused.csv',
    body: `${focusCsv.split('\n')[0]}\nnot,a,row`,
    contentType: 'text/csv',
    status: 400,
    eventId: 'spend-focus-import',
    meta: { fileName: 'refused.csv' },
    // A refused file is a failed import in the trail.
    outcome: 'fail',
  },
  {
    route: 'POST /compliance/scorecards/:kind/:namespace/:name/evaluate',
    path: '/compliance/scorecards/resource/default/clickstream-events/evaluate',
    body: {},
    status: 200,
    eventId: 'compliance-evaluate',
    meta: { entityRef: 'resource:default/clickstream-events' },
    outcome: 'success',
  },
  {
    route: 'POST /compliance/scorecards/:kind/:namespace/:name/evaluate',
    path: '/compliance/scorecards/resource/default/no-such-model/evaluate',
    body: {},
    status: 404,
    eventId: 'compliance-evaluate',
    meta: { entityRef: 'resource:default/no-such-model' },
    // Evaluating what the catalog lacks is a failed attempt in the trail.
    outcome: 'fail',
  },
  {
    route: 'POST /compliance/exemptions',
    path: '/compliance/exemptions',
    body: {
      entityRef: 'resource:default/clickstream-events',
      checkId: 'data.encryption',
      reason: 'Encryption is being rolled out to the lake this month',
      expiresAt: day(30),
    },
    status: 201,
    eventId: 'compliance-exempt',
    meta: {
      entityRef: 'resource:default/clickstream-events',
      checkId: 'data.encryption',
    },
    outcome: 'success',
  },
  {
    route: 'POST /compliance/exemptions',
    path: '/compliance/exemptions',
    body: {
      entityRef: 'resource:default/clickstream-events',
      checkId: 'no.such-check',
      reason: 'Encryption is being rolled out to the lake this month',
      expiresAt: day(30),
    },
    status: 404,
    eventId: 'compliance-exempt',
    meta: { checkId: 'no.such-check' },
    // An exemption from a check that does not exist is a refused one in the trail.
    outcome: 'fail',
  },
];

describe('audit trail', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('covers every write route of every domain', async () => {
    const writeRoutes = (await domainRoutes(databases))
      .filter(r => !['GET', 'HEAD', 'OPTIONS'].includes(r.method))
      .map(r => `${r.method} ${r.path}`);
    expect(writeRoutes.sort()).toEqual(
      [...new Set(writes.map(w => w.route))].sort(),
    );
  });

  it.each(writes.map(w => [w.route, w.outcome, w] as const))(
    '%s leaves an auditor event (%s)',
    async (_route, _outcome, write) => {
      const { server, auditEvents } = await startBackend(
        AuthorizeResult.ALLOW,
        {
          config: {
            spend: { sources: [{ kind: 'quota', id: 'quota-ledger' }] },
          },
          entities: [clickstream, ...pipelineEntities],
        },
      );
      const asPriya = mockCredentials.user.header(priya);
      let target = write.path;
      if (write.quota) {
        const created = await request(server)
          .post('/api/ai-platform/quotas')
          .set('Authorization', asPriya)
          .send(quotaBody(write.quota));
        target = target.replace(':id', created.body.request.id);
        auditEvents.length = 0;
      }
      let req = request(server)
        .post(`/api/ai-platform${target}`)
        .set('Authorization', asPriya);
      if (write.contentType) req = req.set('Content-Type', write.contentType);
      const res = await req.send(write.body);
      expect(res.status).toBe(write.status);
      expect(auditEvents).toEqual([
        expect.objectContaining({
          eventId: write.eventId,
          outcome: write.outcome,
          meta: expect.objectContaining(write.meta ?? {}),
        }),
      ]);
    },
  );
});
