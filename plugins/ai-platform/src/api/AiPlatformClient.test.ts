/**
 * @jest-environment node
 */
import { MockFetchApi, registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { AiPlatformClient } from './AiPlatformClient';

const baseUrl = 'http://localhost:7007/api/ai-platform';

describe('AiPlatformClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new AiPlatformClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: new MockFetchApi(),
  });

  it('lists pools', async () => {
    const pools = [
      {
        clusterRef: 'resource:default/cluster-a',
        gpuModel: 'H100-SXM5-80GB',
        memoryGiB: 80,
        capacity: 64,
        syncedAt: '2026-11-23T10:00:00.000Z',
      },
    ];
    server.use(
      http.get(`${baseUrl}/pools`, () => HttpResponse.json({ items: pools })),
    );
    await expect(client.listPools()).resolves.toEqual(pools);
  });

  it('throws the backend error with its message', async () => {
    server.use(
      http.get(`${baseUrl}/pools`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'AuthenticationError',
              message: 'Missing credentials',
            },
            response: { statusCode: 401 },
          },
          { status: 401 },
        ),
      ),
    );
    await expect(client.listPools()).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 401,
      cause: { message: 'Missing credentials' },
    });
  });
});
