/**
 * @jest-environment node
 */
import {
  ComplianceCheck,
  ComplianceExemption,
  ComplianceHeatmap,
  EntityScorecard,
  TeamRollup,
} from '@ai-platform/plugin-ai-platform-common';
import { http, HttpResponse } from 'msw';
import { apiUrl, clientWithMsw } from '../__testUtils__/clientWithMsw';
import { ComplianceClient } from './ComplianceClient';

const baseUrl = `${apiUrl}/ai-platform/compliance`;
const MODEL = 'resource:default/recsys-ranker';

const scorecard: EntityScorecard = {
  entityRef: MODEL,
  kind: 'Resource',
  type: 'ai-model',
  level: 'bronze',
  counts: { pass: 3, fail: 1, exempt: 0, error: 0 },
  results: [],
  evaluatedAt: '2026-11-29T10:00:00.000Z',
};

const exemption: ComplianceExemption = {
  id: 'ex-1',
  entityRef: MODEL,
  checkId: 'model-card-complete',
  reason: 'Card is being rewritten this quarter',
  approvedBy: 'user:default/alice',
  expiresAt: '2027-01-01T00:00:00.000Z',
  createdBy: 'user:default/bob',
  createdAt: '2026-11-29T10:00:00.000Z',
};

describe('ComplianceClient', () => {
  const { server, client } = clientWithMsw(ComplianceClient);

  it("reads an entity's scorecard by kind, namespace and name, and none on 404", async () => {
    let path: string | undefined;
    server.use(
      http.get(
        `${baseUrl}/scorecards/:kind/:namespace/:name`,
        ({ request }) => {
          path = new URL(request.url).pathname;
          return path.endsWith('/recsys-ranker')
            ? HttpResponse.json(scorecard)
            : HttpResponse.json(
                {
                  error: { name: 'NotFoundError', message: 'No checks apply' },
                  response: { statusCode: 404 },
                },
                { status: 404 },
              );
        },
      ),
    );
    await expect(client.getScorecard(MODEL)).resolves.toEqual(scorecard);
    expect(path).toBe(
      '/api/ai-platform/compliance/scorecards/resource/default/recsys-ranker',
    );
    await expect(
      client.getScorecard('component:default/web-frontend'),
    ).resolves.toBeUndefined();
  });

  it('evaluates an entity with a POST', async () => {
    let method: string | undefined;
    server.use(
      http.post(
        `${baseUrl}/scorecards/resource/default/recsys-ranker/evaluate`,
        ({ request }) => {
          method = request.method;
          return HttpResponse.json({ ...scorecard, level: 'silver' });
        },
      ),
    );
    await expect(client.evaluate(MODEL)).resolves.toMatchObject({
      level: 'silver',
    });
    expect(method).toBe('POST');
  });

  it("reads a team's rollup, the heat map and the checks", async () => {
    const rollup: TeamRollup = {
      teamRef: 'group:default/recsys',
      entities: 1,
      levels: { none: 0, bronze: 1, silver: 0, gold: 0 },
      categories: [],
      scorecards: [scorecard],
    };
    const heatmap: ComplianceHeatmap = {
      categories: ['documentation'],
      teams: [],
      trend: [],
    };
    const checks: ComplianceCheck[] = [
      {
        id: 'owner-set',
        title: 'Has an owner',
        description: 'Every entity names its owner',
        appliesTo: [{ kind: 'Resource' }],
        fact: 'entity.spec.owner',
        operator: 'exists',
        level: 'bronze',
        category: 'ownership',
        remediation: 'Set spec.owner',
      },
    ];
    server.use(
      http.get(`${baseUrl}/teams/default/recsys`, () =>
        HttpResponse.json(rollup),
      ),
      http.get(`${baseUrl}/heatmap`, () => HttpResponse.json(heatmap)),
      http.get(`${baseUrl}/checks`, () => HttpResponse.json({ items: checks })),
    );
    await expect(client.getTeamRollup('group:default/recsys')).resolves.toEqual(
      rollup,
    );
    await expect(client.getTeamRollup('recsys')).resolves.toEqual(rollup);
    await expect(client.getHeatmap()).resolves.toEqual(heatmap);
    await expect(client.listChecks()).resolves.toEqual(checks);
  });

  it('lists exemptions of an entity and creates one', async () => {
    let entityRef: string | null = null;
    let body: unknown;
    server.use(
      http.get(`${baseUrl}/exemptions`, ({ request }) => {
        entityRef = new URL(request.url).searchParams.get('entityRef');
        return HttpResponse.json({ items: [exemption] });
      }),
      http.post(`${baseUrl}/exemptions`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(exemption, { status: 201 });
      }),
    );
    await expect(client.listExemptions(MODEL)).resolves.toEqual([exemption]);
    expect(entityRef).toBe(MODEL);
    const input = {
      entityRef: MODEL,
      checkId: 'model-card-complete',
      reason: 'Card is being rewritten this quarter',
      expiresAt: '2027-01-01T00:00:00.000Z',
    };
    await expect(client.createExemption(input)).resolves.toEqual(exemption);
    expect(body).toEqual(input);
  });

  it('fetches the evidence pack through the fetch api, as a blob', async () => {
    let path: string | undefined;
    server.use(
      http.get(`${baseUrl}/evidence/resource/default/:file`, ({ request }) => {
        path = new URL(request.url).pathname;
        return path.endsWith('.pdf')
          ? new HttpResponse('%PDF-1.7', {
              headers: { 'content-type': 'application/pdf' },
            })
          : new HttpResponse('# Evidence pack', {
              headers: { 'content-type': 'text/markdown' },
            });
      }),
    );
    const md = await client.getEvidencePack(MODEL, 'md');
    expect(await md.text()).toBe('# Evidence pack');
    expect(path).toBe(
      '/api/ai-platform/compliance/evidence/resource/default/recsys-ranker.md',
    );
    const pdf = await client.getEvidencePack(MODEL, 'pdf');
    expect(pdf.type).toBe('application/pdf');
    expect(path).toMatch(/recsys-ranker\.pdf$/);
  });

  it('throws the backend error with its status and message', async () => {
    server.use(
      http.post(`${baseUrl}/scorecards/:kind/:namespace/:name/evaluate`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'Unauthorized' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await expect(client.evaluate(MODEL)).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
      cause: { message: 'Unauthorized' },
    });
  });
});
