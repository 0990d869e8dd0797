import fs from 'node:fs';
import { Server } from 'node:http';
import path from 'node:path';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import request from 'supertest';
import { parse } from 'yaml';
import { featureViewBody } from '../__testUtils__/featureViews';
import {
  modelRegistryBody,
  modelRegistryEntities,
} from '../__testUtils__/modelRegistry';
import { pipelineBody, pipelineEntities } from '../__testUtils__/pipelines';
import { priya, startBackend } from '../__testUtils__/startAiPlatformBackend';
import { aiPlatformPlugin } from '../plugin';

const spec = parse(
  fs.readFileSync(path.resolve(__dirname, 'openapi.yaml'), 'utf8'),
);

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** Every operation of the spec, as `POST /quotas/:id/approve`. */
function specRoutes(): string[] {
  return Object.entries(spec.paths as Record<string, object>).flatMap(
    ([template, operations]) =>
      Object.keys(operations)
        .filter(method => METHODS.includes(method))
        .map(
          method =>
            `${method.toUpperCase()} ${template.replace(/\{(\w+)\}/g, ':$1')}`,
        ),
  );
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
  regexp: { fast_slash?: boolean };
}

function routesOf(stack: Layer[]): string[] {
  return stack.flatMap(layer => {
    if (layer.route) {
      return Object.keys(layer.route.methods).map(
        method => `${method.toUpperCase()} ${layer.route!.path}`,
      );
    }
    if (!layer.handle.stack) return [];
    // Express keeps no mount path on the layer, so a prefix would be lost here.
    if (!layer.regexp.fast_slash) {
      throw new Error('A router is mounted under a path; add its prefix here');
    }
    return routesOf(layer.handle.stack);
  });
}

/** Every route of the router the plugin hands Backstage's httpRouter. */
async function servedRoutes(): Promise<string[]> {
  const routers: express.Router[] = [];
  await startTestBackend({
    features: [
      aiPlatformPlugin,
      catalogServiceMock.factory(),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: jest.fn() }),
      }),
      createServiceFactory({
        service: coreServices.httpRouter,
        deps: {},
        factory: () => ({
          use: (router: express.Router) => {
            routers.push(router);
          },
          addAuthPolicy: () => {},
        }),
      }),
    ],
  });
  // Backstage's own services add dot-prefixed routes (permission metadata, actions) beside the plugin's.
  return routers
    .flatMap(router => routesOf(router.stack as Layer[]))
    .filter(route => !route.split(' ')[1].startsWith('/.'));
}

describe('the OpenAPI spec', () => {
  let served: string[];
  beforeAll(async () => {
    served = await servedRoutes();
  });

  it('documents every route the plugin serves', () => {
    expect(served.length).toBeGreaterThan(0);
    const undocumented = served.filter(r => !specRoutes().includes(r));
    expect(undocumented).toEqual([]);
  });

  it('documents no route the plugin does not serve', () => {
    const unserved = specRoutes().filter(r => !served.includes(r));
    expect(unserved).toEqual([]);
  });
});

/**
 * An app in front of the test backend that answers what the backend answered, checking each
 * request and JSON response against the spec (express-openapi-validator, through
 * backend-openapi-utils); what does not conform is collected in `problems`.
 */
function specChecked(backend: Server) {
  const problems: string[] = [];
  const router = createValidatedOpenApiRouter(spec, {
    middleware: [express.json(), express.text({ type: 'text/csv' })],
    validatorOptions: {
      ignoreUndocumented: false,
      validateResponses: {
        onError: (error, body, req) => {
          problems.push(
            `${req.method} ${req.originalUrl} answered ${JSON.stringify(
              body,
            ).slice(0, 500)}: ${error.message}`,
          );
        },
      },
    },
  });
  router.use(async (req: express.Request, res: express.Response) => {
    const method = req.method.toLowerCase() as 'get' | 'post';
    let forwarded = request(backend)[method](req.originalUrl);
    for (const name of ['authorization', 'content-type', 'idempotency-key']) {
      const value = req.header(name);
      if (value) forwarded = forwarded.set(name, value);
    }
    const upstream = await (method === 'get'
      ? forwarded
      : forwarded.send(req.body));
    res.status(upstream.status);
    if (upstream.type === 'application/json') {
      res.json(upstream.body);
    } else {
      res.type(upstream.type).send(upstream.text);
    }
  });
  const app = express()
    .use(router)
    .use(
      (
        error: Error,
        req: express.Request,
        res: express.Response,
        _next: express.NextFunction,
      ) => {
        problems.push(`${req.method} ${req.originalUrl}: ${error.message}`);
        res.status(500).json({ error: { name: error.name, message: error.message } });
      },
    );
  return { app, problems };
}

const api = '/api/ai-platform';
const asPriya = mockCredentials.user.header(priya);
const day = 86_400_000;

const nvidiaSmiCsv = fs.readFileSync(
  path.resolve(
    __dirname,
    '../../../../../shared/fixtures/nvidia-smi/h100/load-query-gpu.csv',
  ),
  'utf8',
);

const focusCsv = [
  'ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,BillingCurrency,ServiceName,ServiceCategory,SkuId,PricingCategory,ConsumedQuantity,ConsumedUnit,Tags',
  '2026-11-02T00:00:00Z,2026-11-03T00:00:00Z,100,100,USD,EC2,Compute,p5.48xlarge,Standard,1,Hours,"{""team"":""recsys""}"',
].join('\n');

const fraudScorer = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'fraud-scorer',
    namespace: 'default',
    annotations: { 'ai-platform.io/risk-level': 'high' },
  },
  spec: { type: 'ai-model', owner: 'group:default/recsys' },
};

const networkFabric = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'ib-fabric-east', namespace: 'default' },
  spec: {
    type: 'network-fabric',
    owner: 'group:default/ml-platform',
    fabric: 'infiniband',
    linkSpeedGbps: 400,
    linkWidth: 4,
  },
};

describe('requests and responses against the spec', () => {
  let app: express.Express;
  let problems: string[];
  beforeAll(async () => {
    const { server } = await startBackend(AuthorizeResult.ALLOW, {
      entities: [
        ...modelRegistryEntities,
        ...pipelineEntities,
        fraudScorer,
        networkFabric,
      ],
      config: {
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
        fabric: {
          demoData: true,
          schedule: { frequency: { minutes: 10 }, timeout: { minutes: 1 } },
        },
      },
    });
    ({ app, problems } = specChecked(server));
  });
  afterEach(() => {
    const found = problems.splice(0);
    if (found.length) {
      throw new Error(`Not as the spec says:\n${found.join('\n')}`);
    }
  });

  const get = (p: string) =>
    request(app).get(`${api}${p}`).set('Authorization', asPriya);
  const post = (p: string, body?: string | object) => {
    const req = request(app).post(`${api}${p}`).set('Authorization', asPriya);
    return body === undefined ? req : req.send(body);
  };

  it('health and pools', async () => {
    expect((await request(app).get(`${api}/health`)).status).toBe(200);
    expect((await get('/pools')).status).toBe(200);
    const imported = await post('/inventory', {
      clusterRef: 'resource:default/cluster-a',
      format: 'nvidia-smi-csv',
      content: nvidiaSmiCsv,
    });
    expect(imported.status).toBe(201);
    expect((await get('/inventory')).body.items.length).toBeGreaterThan(0);
  });

  it('quota and workspaces', async () => {
    const quota = (gpuCount: number) => ({
      teamRef: 'group:default/recsys',
      clusterRef: 'resource:default/cluster-a',
      gpuModel: 'H100-SXM5-80GB',
      gpuCount,
      startsAt: new Date(Date.now() + day).toISOString(),
      endsAt: new Date(Date.now() + 8 * day).toISOString(),
      justification: 'Retraining the ranker on December data',
    });
    expect((await post('/quotas?dryRun=true', quota(2))).status).toBe(200);
    const small = await post('/quotas', quota(2));
    expect(small.status).toBe(201);
    const large = await post('/quotas', quota(32));
    expect(large.body.request.status).toBe('requested');
    const denied = await post(`/quotas/${large.body.request.id}/deny`, {
      reason: 'Not this week',
    });
    expect(denied.body.status).toBe('denied');
    const waiting = await post('/quotas', quota(24));
    const approved = await post(`/quotas/${waiting.body.request.id}/approve`, {
      reason: 'The pool is free that week',
    });
    expect(approved.body.status).toBe('approved');
    const released = await post(`/quotas/${approved.body.id}/release`);
    expect(released.body.status).toBe('released');
    const listed = await get(
      '/quotas?team=group:default/recsys&status=approved&status=released',
    );
    expect(listed.body.items).toHaveLength(2);
    const from = new Date().toISOString();
    const to = new Date(Date.now() + 30 * day).toISOString();
    expect(
      (await get(`/quotas/allocation?from=${from}&to=${to}`)).status,
    ).toBe(200);

    const workspace = {
      name: 'ranker-dev',
      teamRef: 'group:default/recsys',
      clusterRef: 'resource:default/cluster-a',
      gpuModel: 'H100-SXM5-80GB',
      gpuCount: 0,
      image: 'quay.io/jupyter/pytorch-notebook:cuda12-2024-11-18',
    };
    expect((await post('/workspaces?dryRun=true', workspace)).status).toBe(200);
    expect((await post('/workspaces', workspace)).status).toBe(201);
    expect((await get('/workspaces')).body.items).toHaveLength(1);
  });

  it('spend', async () => {
    const imported = await post('/spend/imports/focus?fileName=nov.csv')
      .set('Content-Type', 'text/csv')
      .send(focusCsv);
    expect(imported.status).toBe(201);
    const range = 'from=2026-11-01&to=2026-11-30';
    for (const p of [
      `/spend/series?${range}&granularity=month&dimension=gpuModel`,
      `/spend/teams?${range}`,
      `/spend/movers?${range}&limit=5`,
      `/spend/totals?${range}`,
      '/spend/budgets?month=2026-11',
      `/spend/idle?${range}`,
      `/spend/energy/entity?${range}&entityRef=resource:default/fraud-scorer`,
      '/spend/sources',
    ]) {
      expect([p, (await get(p)).status]).toEqual([p, 200]);
    }
    const csv = await get(`/spend/export.csv?${range}`);
    expect(csv.type).toBe('text/csv');

    const refused = await post('/spend/imports/focus')
      .set('Content-Type', 'text/csv')
      .send('not,a\nfocus,file');
    expect(refused.status).toBe(400);
  });

  it('drift', async () => {
    const window = await post('/drift/windows', {
      model: 'resource:default/fraud-scorer',
      feature: 'amount',
      role: 'reference',
      values: [1, 2, 3, 4, 5],
    });
    expect(window.status).toBe(202);
    expect((await get('/drift/models')).status).toBe(200);
    // Not evaluated yet: the error body is checked against the spec too.
    const model = await get('/drift/models/resource/default/fraud-scorer');
    expect(model.status).toBe(404);
  });

  it('feature views, model registry and pipelines', async () => {
    // user_activity is a view the catalog already has (the model registry's training data).
    const view = featureViewBody({ name: 'user_sessions' });
    expect((await post('/feature-views?dryRun=true', view)).status).toBe(200);
    expect((await post('/feature-views', view)).status).toBe(201);
    expect((await get('/feature-views')).body.items).toHaveLength(1);

    const entry = await post('/model-registry/entries', modelRegistryBody());
    expect(entry.status).toBe(201);
    expect((await get('/model-registry/entries')).body.items).toHaveLength(1);
    const card = await get('/model-registry/entries/ranker/model-card');
    expect(card.type).toBe('text/markdown');

    expect((await post('/pipelines', pipelineBody())).status).toBe(201);
    expect((await get('/pipelines')).body.items).toHaveLength(1);
    const runs = await get('/pipelines/ranker-retrain/runs?limit=10&offset=0');
    expect(runs.body.status).toBe('not-configured');
  });

  it('fabric', async () => {
    const graph = await get('/fabric/graph?health=down&health=degraded');
    expect(graph.status).toBe(200);
    const link = graph.body.links[0]?.id ?? 'a:1~b:2';
    for (const p of [
      '/fabric/summary?entityRef=resource:default/ib-fabric-east',
      `/fabric/links/${encodeURIComponent(link)}/history?hours=6`,
      '/fabric/sources',
    ]) {
      expect([p, (await get(p)).status]).toEqual([p, 200]);
    }
  });

  it('compliance', async () => {
    expect((await get('/compliance/checks')).status).toBe(200);
    const scorecard = '/compliance/scorecards/resource/default/fraud-scorer';
    expect((await get(scorecard)).status).toBe(200);
    expect((await post(`${scorecard}/evaluate`)).status).toBe(200);
    const exemption = await post('/compliance/exemptions', {
      entityRef: 'resource:default/fraud-scorer',
      checkId: 'eu-ai-act.human-oversight-contact',
      reason: 'The oversight board is being staffed this quarter',
      expiresAt: new Date(Date.now() + 30 * day).toISOString(),
    });
    expect(exemption.status).toBe(201);
    const exemptions = await get(
      '/compliance/exemptions?entityRef=resource:default/fraud-scorer',
    );
    expect(exemptions.body.items).toHaveLength(1);
    expect((await get('/compliance/teams/default/recsys')).status).toBe(200);
    expect((await get('/compliance/heatmap')).status).toBe(200);
    const pack = await get(
      '/compliance/evidence/resource/default/fraud-scorer.md',
    );
    expect(pack.type).toBe('text/markdown');
    expect((await get('/compliance/scorecards/resource/default/nothing')).status).toBe(404);
  });
});
