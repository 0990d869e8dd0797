import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  describeInputErrors,
  describeRouteGuards,
} from '../__testUtils__/routeTables';
import { priya, startBackend } from '../__testUtils__/startAiPlatformBackend';

jest.setTimeout(60_000);

const workspace = (overrides: Record<string, unknown> = {}) => ({
  name: 'ranker-dev',
  teamRef: 'group:default/recsys',
  clusterRef: 'resource:default/cluster-a',
  gpuModel: 'H100-SXM5-80GB',
  gpuCount: 0,
  image: 'quay.io/jupyter/pytorch-notebook:cuda12-2024-11-18',
  ...overrides,
});

describe('workspace routes', () => {
  describeRouteGuards([
    {
      method: 'get',
      services: true,
      path: '/workspaces',
      permission: 'ai-platform.quota.read',
    },
    {
      method: 'post',
      path: '/workspaces',
      permission: 'ai-platform.workspace.create',
      body: workspace(),
    },
  ]);

  describeInputErrors('/workspaces', workspace, [
    [{ name: 'Ranker Dev' }, 'name: must be a lowercase name'],
    [{ gpuCount: -1 }, 'gpuCount: must not be negative'],
    [
      { gpuCount: 2 },
      'gpuCount: group:default/recsys holds 0 H100-SXM5-80GB GPUs',
    ],
    [{ image: 'not an image!' }, 'image: must be a container image reference'],
  ]);

  it('creates a CPU-only workspace and lists it', async () => {
    const { server } = await startBackend(AuthorizeResult.ALLOW);
    const auth = mockCredentials.user.header(priya);
    const created = await request(server)
      .post('/api/ai-platform/workspaces')
      .set('Authorization', auth)
      .send(workspace());
    expect(created.status).toBe(201);
    const list = await request(server)
      .get('/api/ai-platform/workspaces')
      .set('Authorization', auth);
    expect(list.body.items.map((w: { name: string }) => w.name)).toEqual([
      'ranker-dev',
    ]);
  });
});
