import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  describeInputErrors,
  describeRouteGuards,
} from '../__testUtils__/routeTables';
import { priya, startBackend } from '../__testUtils__/startAiPlatformBackend';

const window = (overrides: Record<string, unknown> = {}) => ({
  model: 'resource:default/fraud-scorer',
  feature: 'amount',
  role: 'reference',
  values: [1, 2, 3],
  ...overrides,
});

describe('drift routes', () => {
  describeRouteGuards([
    {
      method: 'post',
      services: true,
      path: '/drift/windows',
      permission: 'ai-platform.drift.write',
      body: window(),
    },
    {
      method: 'get',
      services: true,
      path: '/drift/models',
      permission: 'ai-platform.drift.read',
    },
    {
      method: 'get',
      services: true,
      path: '/drift/models/resource/default/fraud-scorer',
      permission: 'ai-platform.drift.read',
    },
  ]);

  describeInputErrors('/drift/windows', window, [
    [{ model: 'not a ref:' }, 'model: must be an entity ref'],
    [{ values: [] }, 'values'],
    [{ values: [1, 'a'] }, 'values'],
    [
      { values: undefined, counts: { a: -1 } },
      'counts.a: Number must be greater than or equal to 0',
    ],
    [
      { values: undefined, histogram: { edges: [0, 1], counts: [1, 2] } },
      'histogram.counts: must have one count per bin',
    ],
    [
      { counts: { a: 1 } },
      'values: give exactly one of values, counts or histogram',
    ],
    [{ role: 'baseline' }, 'role'],
  ]);

  it('takes a window of 100 000 values, and says 404 for a model without results', async () => {
    const { server } = await startBackend(AuthorizeResult.ALLOW);
    const values = Array.from({ length: 100_000 }, (_, i) => Math.sin(i) * 1e3);
    const res = await request(server)
      .post('/api/ai-platform/drift/windows')
      .set('Authorization', mockCredentials.user.header(priya))
      .send(window({ values }));
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: expect.any(Number), status: 'pending' });
    const detail = await request(server)
      .get('/api/ai-platform/drift/models/resource/default/fraud-scorer')
      .set('Authorization', mockCredentials.user.header(priya));
    expect(detail.status).toBe(404);
    expect(detail.body.error.message).toBe(
      'No drift results for resource:default/fraud-scorer',
    );
  });
});
