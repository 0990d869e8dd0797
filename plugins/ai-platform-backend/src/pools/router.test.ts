import fs from 'node:fs';
import path from 'node:path';
import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  describeInputErrors,
  describeRouteGuards,
} from '../__testUtils__/routeTables';
import { priya, startBackend } from '../__testUtils__/startAiPlatformBackend';

// A real capture from an H100 (shared/fixtures, beside the repository).
const csv = fs.readFileSync(
  path.resolve(
    __dirname,
    '../../../../../shared/fixtures/nvidia-smi/h100/load-query-gpu.csv',
  ),
  'utf8',
);

const upload = (overrides: Record<string, unknown> = {}) => ({
  clusterRef: 'resource:default/cluster-a',
  format: 'nvidia-smi-csv',
  content: csv,
  ...overrides,
});

describe('inventory import', () => {
  describeRouteGuards([
    { method: 'get', services: true, path: '/pools' },
    { method: 'get', services: true, path: '/inventory' },
    {
      method: 'post',
      path: '/inventory',
      permission: 'ai-platform.inventory.import',
      body: upload(),
    },
  ]);

  it('imports the GPUs of nvidia-smi output and lists them', async () => {
    const { server } = await startBackend(AuthorizeResult.ALLOW);
    const auth = mockCredentials.user.header(priya);
    const res = await request(server)
      .post('/api/ai-platform/inventory')
      .set('Authorization', auth)
      .send(upload());
    expect(res.status).toBe(201);
    expect(res.body.pools).toEqual([
      expect.objectContaining({
        gpuModel: 'NVIDIA-H100-80GB-HBM3',
        capacity: 1,
        memoryGiB: 80,
      }),
    ]);
    const list = await request(server)
      .get('/api/ai-platform/inventory')
      .set('Authorization', auth);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        clusterRef: 'resource:default/cluster-a',
        uuid: 'GPU-912c06d9-f952-11b8-1d13-7f0ccac39584',
      }),
    ]);
  });

  describeInputErrors('/inventory', upload, [
    [
      { content: 'index, name\n0, H100' },
      "content: line 1: the header has no 'uuid' column",
    ],
    [
      { format: 'nvidia-smi-xml', content: '<html/>' },
      'content: not nvidia-smi -q -x output',
    ],
    [{ format: 'dcgm' }, 'format:'],
    [
      { clusterRef: 'resource:default/nowhere' },
      'clusterRef: there is no GPU cluster resource:default/nowhere',
    ],
  ]);
});
