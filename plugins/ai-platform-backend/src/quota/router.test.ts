import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  describeInputErrors,
  describeRouteGuards,
} from '../__testUtils__/routeTables';
import { priya, startBackend } from '../__testUtils__/startAiPlatformBackend';

const body = (overrides: Record<string, unknown> = {}) => ({
  teamRef: 'group:default/recsys',
  clusterRef: 'resource:default/cluster-a',
  gpuModel: 'H100-SXM5-80GB',
  gpuCount: 4,
  startsAt: new Date(Date.now() + 86_400_000).toISOString(),
  endsAt: new Date(Date.now() + 8 * 86_400_000).toISOString(),
  justification: 'Retraining the ranker on December data',
  ...overrides,
});

describe('quota routes', () => {
  describeRouteGuards([
    {
      method: 'get',
      services: true,
      path: '/quotas',
      permission: 'ai-platform.quota.read',
    },
    {
      method: 'post',
      path: '/quotas',
      permission: 'ai-platform.quota.create',
      body: body(),
    },
    {
      method: 'post',
      path: '/quotas/some-id/approve',
      permission: 'ai-platform.quota.approve',
    },
    {
      method: 'post',
      path: '/quotas/some-id/deny',
      permission: 'ai-platform.quota.approve',
    },
    {
      method: 'post',
      path: '/quotas/some-id/release',
      permission: 'ai-platform.quota.create',
    },
    {
      method: 'get',
      services: true,
      path: '/quotas/allocation?from=2026-12-01&to=2026-12-31',
      permission: 'ai-platform.quota.read',
    },
  ]);

  describeInputErrors('/quotas', body, [
    [{ gpuCount: 0 }, 'gpuCount: must be at least 1'],
    [{ gpuCount: -2 }, 'gpuCount: must be at least 1'],
    [{ gpuCount: 'four' }, 'gpuCount: must be a number'],
    [
      { gpuModel: 'B200' },
      'gpuModel: resource:default/cluster-a has no B200 pool',
    ],
    [
      { clusterRef: 'resource:default/cluster-z' },
      'clusterRef: there is no GPU cluster resource:default/cluster-z',
    ],
    [{ clusterRef: 'cluster-z' }, 'clusterRef: must be a resource entity ref'],
    [{ endsAt: '2020-01-01T00:00:00Z' }, 'endsAt: must be after startsAt'],
    [
      { endsAt: new Date(Date.now() + 200 * 86_400_000).toISOString() },
      'policy allows at most 90',
    ],
    [{ gpuCount: 65 }, "gpuCount: 65 GPUs exceed the pool's capacity of 64"],
    [
      { justification: 'gpus' },
      'justification: must say in at least 10 characters',
    ],
  ]);

  it('takes a request, lists it and shows it in the allocation', async () => {
    const { server, notifications } = await startBackend(AuthorizeResult.ALLOW);
    const auth = mockCredentials.user.header(priya);

    const dry = await request(server)
      .post('/api/ai-platform/quotas?dryRun=true')
      .set('Authorization', auth)
      .send(body());
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({
      decision: expect.objectContaining({ status: 'approved', capacity: 64 }),
    });

    const created = await request(server)
      .post('/api/ai-platform/quotas')
      .set('Authorization', auth)
      .set('Idempotency-Key', 'task-42')
      .send(body());
    expect(created.status).toBe(201);
    expect(created.body.request).toMatchObject({
      status: 'approved',
      requestedBy: priya,
    });
    expect(notifications.send).toHaveBeenCalledTimes(1);

    const list = await request(server)
      .get('/api/ai-platform/quotas?team=group:default/recsys')
      .set('Authorization', auth);
    expect(list.body.items).toHaveLength(1);
    const badStatus = await request(server)
      .get('/api/ai-platform/quotas?status=lost')
      .set('Authorization', auth);
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.error.message).toContain('status:');

    const from = new Date().toISOString();
    const to = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const allocation = await request(server)
      .get(`/api/ai-platform/quotas/allocation?from=${from}&to=${to}`)
      .set('Authorization', auth);
    expect(allocation.body.items).toEqual([
      expect.objectContaining({
        clusterRef: 'resource:default/cluster-a',
        capacity: 64,
        steps: expect.arrayContaining([
          expect.objectContaining({ allocated: 4 }),
        ]),
      }),
    ]);

    const missing = await request(server)
      .post('/api/ai-platform/quotas/nope/approve')
      .set('Authorization', auth)
      .send({});
    expect(missing.status).toBe(404);
  });
});
