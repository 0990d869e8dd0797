import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  describeInputErrors,
  describeRouteGuards,
} from '../__testUtils__/routeTables';
import { priya, startBackend } from '../__testUtils__/startAiPlatformBackend';

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
      method: 'get',
      services: true,
      path: '/workspaces/images',
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

  it('offers the configured images and refuses others', async () => {
    const images = [workspace().image, 'nvcr.io/nvidia/pytorch:24.10-py3'];
    const { server } = await startBackend(AuthorizeResult.ALLOW, {
      config: { workspace: { images } },
    });
    const auth = mockCredentials.user.header(priya);
    const offered = await request(server)
      .get('/api/ai-platform/workspaces/images')
      .set('Authorization', auth);
    expect(offered.body).toEqual({ items: images });
    const refused = await request(server)
      .post('/api/ai-platform/workspaces')
      .set('Authorization', auth)
      .send(workspace({ image: 'docker.io/python:3.12' }));
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain(
      'image: docker.io/python:3.12 is not one of the workspace images',
    );
  });

  it('offers no list when any image goes', async () => {
    const { server } = await startBackend(AuthorizeResult.ALLOW);
    const offered = await request(server)
      .get('/api/ai-platform/workspaces/images')
      .set('Authorization', mockCredentials.user.header(priya));
    expect(offered.body).toEqual({ items: [] });
  });
});
