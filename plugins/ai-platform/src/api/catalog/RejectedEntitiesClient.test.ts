/**
 * @jest-environment node
 */
import { http, HttpResponse } from 'msw';
import { apiUrl, clientWithMsw } from '../__testUtils__/clientWithMsw';
import { RejectedEntitiesClient } from './RejectedEntitiesClient';

describe('RejectedEntitiesClient', () => {
  const { server, client } = clientWithMsw(RejectedEntitiesClient);

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
