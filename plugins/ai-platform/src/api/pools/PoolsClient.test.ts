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

  it('lists imported GPUs', async () => {
    const devices = [
      {
        uuid: 'GPU-912c06d9-f952-11b8-1d13-7f0ccac39584',
        gpuModel: 'NVIDIA-H100-80GB-HBM3',
        memoryMiB: 81559,
        clusterRef: 'resource:default/cluster-a',
        importedAt: '2026-11-29T10:00:00.000Z',
      },
    ];
    server.use(
      http.get(`${baseUrl}/inventory`, () =>
        HttpResponse.json({ items: devices }),
      ),
    );
    await expect(client.listInventory()).resolves.toEqual(devices);
  });

  it("imports a cluster's nvidia-smi output and returns its pools", async () => {
    const input = {
      clusterRef: 'resource:default/cluster-a',
      format: 'nvidia-smi-csv' as const,
      content: 'index, uuid, name\n0, GPU-1, NVIDIA H100 80GB HBM3\n',
    };
    const result = {
      devices: [],
      pools: [
        {
          clusterRef: 'resource:default/cluster-a',
          gpuModel: 'NVIDIA-H100-80GB-HBM3',
          memoryGiB: 80,
          capacity: 1,
          syncedAt: '2026-11-29T10:00:00.000Z',
        },
      ],
    };
    let body: unknown;
    server.use(
      http.post(`${baseUrl}/inventory`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(result, { status: 201 });
      }),
    );
    await expect(client.importInventory(input)).resolves.toEqual(result);
    expect(body).toEqual(input);
  });

  it("throws the parser's message of refused output", async () => {
    server.use(
      http.post(`${baseUrl}/inventory`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'InputError',
              message: "content: line 1: the header has no 'uuid' column",
            },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );
    await expect(
      client.importInventory({
        clusterRef: 'resource:default/cluster-a',
        format: 'nvidia-smi-csv',
        content: 'index, name\n0, H100',
      }),
    ).rejects.toMatchObject({
      statusCode: 400,
      cause: { message: "content: line 1: the header has no 'uuid' column" },
    });
  });
});
