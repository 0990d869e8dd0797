/**
 * @jest-environment node
 */
import { http, HttpResponse } from 'msw';
import { apiUrl, clientWithMsw } from '../__testUtils__/clientWithMsw';
import { PoolsClient } from './PoolsClient';

const baseUrl = `${apiUrl}/ai-platform`;

describe('PoolsClient', () => {
  const { server, client } = clientWithMsw(PoolsClient);

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
