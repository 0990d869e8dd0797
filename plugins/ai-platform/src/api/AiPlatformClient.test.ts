/**
 * @jest-environment node
 */
import { MockFetchApi, registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { AiPlatformClient } from './AiPlatformClient';

const apiUrl = 'http://localhost:7007/api';
const baseUrl = `${apiUrl}/ai-platform`;

describe('AiPlatformClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new AiPlatformClient({
    discoveryApi: {
      getBaseUrl: async (pluginId: string) => `${apiUrl}/${pluginId}`,
    },
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

  it("lists the entities the catalog's unprocessed module holds with this suite's errors", async () => {
    const message =
      'Invalid AI platform entity resource:default/cluster-x: spec.gpuPools[0].count: must be greater than 0';
    server.use(
      http.get(`${apiUrl}/catalog/entities/unprocessed/pending`, () =>
        HttpResponse.json({
          type: 'pending',
          entities: [
            {
              entity_id: null,
              entity_ref: null,
              unprocessed_entity: {
                apiVersion: 'backstage.io/v1alpha1',
                kind: 'Resource',
                metadata: {
                  name: 'cluster-x',
                  annotations: {
                    'backstage.io/managed-by-location': 'file:/c.yaml',
                  },
                },
                spec: { type: 'gpu-cluster' },
              },
              errors: [
                {
                  name: 'InputError',
                  message: `Processor AiPlatformEntityProcessor threw an error while preprocessing; caused by InputError: ${message}`,
                  cause: { name: 'InputError', message },
                },
              ],
            },
            {
              entity_id: null,
              entity_ref: null,
              unprocessed_entity: {
                kind: 'Component',
                metadata: { name: 'waiting' },
              },
              errors: [],
            },
          ],
        }),
      ),
    );
    await expect(client.listRejectedEntities()).resolves.toEqual([
      {
        kind: 'Resource',
        namespace: 'default',
        name: 'cluster-x',
        location: 'file:/c.yaml',
        problems: [message],
      },
    ]);
  });
});
