import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { priya, startBackend } from '../__testUtils__/startAiPlatformBackend';

const asPriya = mockCredentials.user.header(priya);
const day = 86_400_000;

const teams: Entity[] = ['recsys', 'vision'].map(name => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'ai-platform.io/cloud-tags': `team=${name}` },
  },
  spec: { type: 'team' },
}));

const config = {
  spend: {
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

// One day of 8 H100s each for recsys and vision, in FOCUS.
const focusCsv = [
  'ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,BillingCurrency,ServiceName,ServiceCategory,SkuId,PricingCategory,ConsumedQuantity,ConsumedUnit,Tags',
  '2026-11-02T00:00:00Z,2026-11-03T00:00:00Z,100,100,USD,EC2,Compute,p5.48xlarge,Standard,1,Hours,"{""team"":""recsys""}"',
  '2026-11-02T00:00:00Z,2026-11-03T00:00:00Z,40,40,USD,EC2,Compute,p5.48xlarge,Standard,1,Hours,"{""team"":""vision""}"',
].join('\n');

const quotaInput = (overrides: Record<string, unknown> = {}) => ({
  teamRef: 'group:default/recsys',
  clusterRef: 'resource:default/cluster-a',
  gpuModel: 'H100-SXM5-80GB',
  gpuCount: 4,
  startsAt: new Date(Date.now() + day).toISOString(),
  endsAt: new Date(Date.now() + 8 * day).toISOString(),
  justification: 'Retraining the ranker on December data',
  ...overrides,
});

type Server = Awaited<ReturnType<typeof startBackend>>['server'];

/** Invokes an action through the registry's HTTP API, as the actions service does. */
function invoke(
  server: Server,
  name: string,
  input: object,
  authorization = asPriya,
) {
  return request(server)
    .post(
      `/api/ai-platform/.backstage/actions/v1/actions/ai-platform:${name}/invoke`,
    )
    .set('Authorization', authorization)
    .send(input);
}

describe('actions', () => {
  let backend: Awaited<ReturnType<typeof startBackend>>;
  beforeAll(async () => {
    // Priya may read her own teams' spend only: the policy refuses her another team's.
    backend = await startBackend(AuthorizeResult.ALLOW, {
      entities: teams,
      config,
      deny: [
        'ai-platform.spend.read.all',
        'ai-platform.spend.read.team group:default/vision',
      ],
    });
  });

  it('registers the suite’s reads and writes', async () => {
    const res = await request(backend.server)
      .get('/api/ai-platform/.backstage/actions/v1/actions')
      .set('Authorization', asPriya);
    expect(res.status).toBe(200);
    expect(
      res.body.actions.map((a: any) => [a.id, a.attributes.readOnly]),
    ).toEqual([
      ['ai-platform:list-gpu-pools', true],
      ['ai-platform:request-gpu-quota', false],
      ['ai-platform:get-team-spend', true],
      ['ai-platform:get-model-drift', true],
      ['ai-platform:get-compliance-scorecard', true],
    ]);
  });

  it('requests GPU quota as the caller, audited, and lists what is left free', async () => {
    const window = {
      from: new Date().toISOString(),
      to: new Date(Date.now() + 30 * day).toISOString(),
    };
    const before = await invoke(backend.server, 'list-gpu-pools', window);
    expect(before.status).toBe(200);
    expect(before.body.output.items).toEqual([
      expect.objectContaining({
        clusterRef: 'resource:default/cluster-a',
        gpuModel: 'H100-SXM5-80GB',
        capacity: 64,
        allocated: 0,
        free: 64,
      }),
    ]);

    const dry = await invoke(
      backend.server,
      'request-gpu-quota',
      quotaInput({ dryRun: true }),
    );
    expect(dry.status).toBe(200);
    expect(dry.body.output).toEqual({
      decision: expect.objectContaining({ status: 'approved' }),
    });

    const created = await invoke(
      backend.server,
      'request-gpu-quota',
      quotaInput(),
    );
    expect(created.status).toBe(200);
    expect(created.body.output.request).toMatchObject({
      status: 'approved',
      requestedBy: priya,
      gpuCount: 4,
    });
    expect(backend.auditEvents).toContainEqual({
      eventId: 'quota-request',
      meta: {
        teamRef: 'group:default/recsys',
        clusterRef: 'resource:default/cluster-a',
        actorRef: priya,
      },
      outcome: 'success',
    });

    const after = await invoke(backend.server, 'list-gpu-pools', window);
    expect(after.body.output.items[0]).toMatchObject({
      allocated: 4,
      free: 60,
    });
  });

  it('answers a team’s spend on a GPU model, for the caller’s own teams only', async () => {
    const imported = await request(backend.server)
      .post('/api/ai-platform/spend/imports/focus?fileName=nov.csv')
      .set('Authorization', asPriya)
      .set('Content-Type', 'text/csv')
      .send(focusCsv);
    expect(imported.status).toBe(201);
    const november = { from: '2026-11-01', to: '2026-11-30' };

    const h100 = await invoke(backend.server, 'get-team-spend', {
      team: 'recsys',
      ...november,
      gpuModel: 'h100',
    });
    expect(h100.status).toBe(200);
    expect(h100.body.output).toMatchObject({
      team: 'group:default/recsys',
      currency: 'USD',
      total: { cost: 100, gpuHours: 8 },
      byGpuModel: [
        { gpuModel: 'NVIDIA H100 80GB HBM3', cost: 100, gpuHours: 8 },
      ],
      points: [expect.objectContaining({ period: '2026-11', cost: 100 })],
    });

    const a100 = await invoke(backend.server, 'get-team-spend', {
      team: 'group:default/recsys',
      ...november,
      gpuModel: 'A100',
    });
    expect(a100.body.output.total).toEqual({ cost: 0, gpuHours: 0 });

    const vision = await invoke(backend.server, 'get-team-spend', {
      team: 'vision',
      ...november,
    });
    expect(vision.status).toBe(403);
    expect(vision.body.error.message).toBe(
      'You may see the spend of your own teams only, not group:default/vision',
    );
  });

  it('names the bad field of an input', async () => {
    const quota = await invoke(
      backend.server,
      'request-gpu-quota',
      quotaInput({ endsAt: '2020-01-01T00:00:00Z' }),
    );
    expect(quota.status).toBe(400);
    expect(quota.body.error.message).toBe('endsAt: must be after startsAt');

    const spend = await invoke(backend.server, 'get-team-spend', {
      team: 'recsys',
      from: '2026-12-01',
      to: '2026-11-01',
    });
    expect(spend.status).toBe(400);
    expect(spend.body.error.message).toContain('from: must not be after to');

    const pools = await invoke(backend.server, 'list-gpu-pools', {
      from: '2026-12-02T00:00:00Z',
      to: '2026-12-01T00:00:00Z',
    });
    expect(pools.status).toBe(400);
    expect(pools.body.error.message).toBe('to: must be after from');
  });

  it('reads drift through the drift service', async () => {
    const res = await invoke(backend.server, 'get-model-drift', {
      modelRef: 'Resource:default/fraud-scorer',
    });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      'No drift results for resource:default/fraud-scorer',
    );
  });

  it('refuses service tokens where the route does', async () => {
    const asService = mockCredentials.service.header();
    for (const [name, input] of [
      ['request-gpu-quota', quotaInput()],
      [
        'get-compliance-scorecard',
        { entityRef: 'resource:default/fraud-scorer' },
      ],
    ] as const) {
      const res = await invoke(backend.server, name, input, asService);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe('Only a user may call this action');
    }
  });

  it('refuses a caller without the route’s permission, naming it', async () => {
    const denied = await startBackend(AuthorizeResult.DENY, { config });
    const cases: Array<[string, object, string]> = [
      ['list-gpu-pools', {}, 'ai-platform.quota.read'],
      ['request-gpu-quota', quotaInput(), 'ai-platform.quota.create'],
      [
        'get-team-spend',
        { team: 'recsys', from: '2026-11-01', to: '2026-11-30' },
        'ai-platform.spend.read',
      ],
      [
        'get-model-drift',
        { modelRef: 'resource:default/fraud-scorer' },
        'ai-platform.drift.read',
      ],
      [
        'get-compliance-scorecard',
        { entityRef: 'resource:default/fraud-scorer' },
        'ai-platform.compliance.read',
      ],
    ];
    for (const [name, input, permission] of cases) {
      const res = await invoke(denied.server, name, input);
      expect([name, res.status, res.body.error?.message]).toEqual([
        name,
        403,
        `You do not have the ${permission} permission`,
      ]);
    }
    expect(denied.auditEvents).not.toContainEqual(
      expect.objectContaining({ eventId: 'quota-request' }),
    );
  });
});
