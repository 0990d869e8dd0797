import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  describeInputErrors,
  describeRouteGuards,
} from '../__testUtils__/routeTables';
import { priya, startBackend } from '../__testUtils__/startAiPlatformBackend';

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'fraud-scorer',
      namespace: 'default',
      title: 'Card fraud scorer',
      annotations: { 'ai-platform.io/risk-level': 'high' },
    },
    spec: {
      type: 'ai-model',
      owner: 'group:default/recsys',
      lifecycle: 'production',
      dependsOn: ['resource:default/payments'],
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'payments',
      namespace: 'default',
      annotations: { 'ai-platform.io/data-residency': 'eu-west-1' },
    },
    spec: { type: 'dataset', owner: 'group:default/recsys' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: 'recsys',
      namespace: 'default',
      annotations: { 'ai-platform.io/monthly-budget': '12000' },
    },
    spec: { type: 'team', children: [] },
  },
];

const exemption = (overrides: Record<string, unknown> = {}) => ({
  entityRef: 'resource:default/fraud-scorer',
  checkId: 'eu-ai-act.human-oversight-contact',
  reason: 'The oversight board is being staffed this quarter',
  expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
  ...overrides,
});

describe('compliance routes', () => {
  describeRouteGuards([
    {
      method: 'get',
      path: '/compliance/checks',
      permission: 'ai-platform.compliance.read',
    },
    {
      method: 'get',
      path: '/compliance/scorecards/resource/default/fraud-scorer',
      permission: 'ai-platform.compliance.read',
    },
    {
      method: 'post',
      path: '/compliance/scorecards/resource/default/fraud-scorer/evaluate',
      permission: 'ai-platform.compliance.evaluate',
    },
    {
      method: 'get',
      path: '/compliance/teams/default/recsys',
      permission: 'ai-platform.compliance.read',
    },
    {
      method: 'get',
      path: '/compliance/heatmap',
      permission: 'ai-platform.compliance.read',
    },
    {
      method: 'get',
      path: '/compliance/exemptions',
      permission: 'ai-platform.compliance.read',
    },
    {
      method: 'post',
      path: '/compliance/exemptions',
      permission: 'ai-platform.compliance.exempt',
      body: exemption(),
    },
    {
      method: 'get',
      path: '/compliance/evidence/resource/default/fraud-scorer.md',
      permission: 'ai-platform.compliance.read',
    },
    {
      method: 'get',
      path: '/compliance/evidence/resource/default/fraud-scorer.pdf',
      permission: 'ai-platform.compliance.read',
    },
  ]);

  describe('exemption input', () => {
    describeInputErrors('/compliance/exemptions', exemption, [
      [{ entityRef: 'not a ref:' }, 'entityRef'],
      [{ checkId: '' }, 'checkId'],
      [{ reason: 'because' }, 'reason: must say in at least 10 characters why'],
      [{ expiresAt: 'tomorrow' }, 'expiresAt'],
    ]);
  });

  it('evaluates a model, rolls up its team, exempts a check and exports its evidence pack', async () => {
    const { server } = await startBackend(AuthorizeResult.ALLOW, { entities });
    const as = (r: request.Test) =>
      r.set('Authorization', mockCredentials.user.header(priya));
    const api = '/api/ai-platform/compliance';

    const checks = await as(request(server).get(`${api}/checks`));
    expect(checks.status).toBe(200);
    expect(checks.body.items.length).toBeGreaterThan(10);

    const evaluated = await as(
      request(server).post(
        `${api}/scorecards/resource/default/fraud-scorer/evaluate`,
      ),
    );
    expect(evaluated.status).toBe(200);
    expect(evaluated.body).toMatchObject({
      entityRef: 'resource:default/fraud-scorer',
      ownerRef: 'group:default/recsys',
    });
    const byId = (id: string) =>
      evaluated.body.results.find((r: any) => r.checkId === id);
    expect(byId('lineage.present')).toMatchObject({
      status: 'pass',
      value: true,
    });
    expect(byId('eu-ai-act.human-oversight-contact')).toMatchObject({
      status: 'fail',
    });
    expect(byId('model-card.present')).toMatchObject({ status: 'fail' });

    const card = await as(
      request(server).get(`${api}/scorecards/resource/default/fraud-scorer`),
    );
    expect(card.body.evaluatedAt).toBe(evaluated.body.evaluatedAt);

    const exempted = await as(request(server).post(`${api}/exemptions`)).send(
      exemption(),
    );
    expect(exempted.status).toBe(201);
    expect(exempted.body).toMatchObject({ approvedBy: priya });
    const after = await as(
      request(server).get(`${api}/scorecards/resource/default/fraud-scorer`),
    );
    expect(
      after.body.results.find(
        (r: any) => r.checkId === 'eu-ai-act.human-oversight-contact',
      ).status,
    ).toBe('exempt');
    const listed = await as(
      request(server).get(
        `${api}/exemptions?entityRef=resource:default/fraud-scorer`,
      ),
    );
    expect(listed.body.items).toHaveLength(1);

    const unknownCheck = await as(
      request(server).post(`${api}/exemptions`),
    ).send(exemption({ checkId: 'no.such-check' }));
    expect(unknownCheck.status).toBe(404);
    expect(unknownCheck.body.error.message).toBe(
      'No compliance check no.such-check',
    );

    const team = await as(request(server).get(`${api}/teams/default/recsys`));
    expect(team.body).toMatchObject({
      teamRef: 'group:default/recsys',
      entities: 1,
    });
    const heatmap = await as(request(server).get(`${api}/heatmap`));
    expect(heatmap.body.teams.map((t: any) => t.teamRef)).toEqual([
      'group:default/recsys',
    ]);
    expect(heatmap.body.trend).toHaveLength(1);

    const md = await as(
      request(server).get(`${api}/evidence/resource/default/fraud-scorer.md`),
    );
    expect(md.status).toBe(200);
    expect(md.headers['content-type']).toMatch(/^text\/markdown/);
    expect(md.text).toContain('# Evidence pack: Card fraud scorer');
    expect(md.text).toContain('**MISSING**');
    expect(md.text).toContain('The oversight board is being staffed');
    const pdf = await as(
      request(server).get(`${api}/evidence/resource/default/fraud-scorer.pdf`),
    ).buffer(true);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');

    const missing = await as(
      request(server).get(`${api}/scorecards/resource/default/nothing`),
    );
    expect(missing.status).toBe(404);
    const badFormat = await as(
      request(server).get(`${api}/evidence/resource/default/fraud-scorer.doc`),
    );
    expect(badFormat.status).toBe(404);
  });
});
