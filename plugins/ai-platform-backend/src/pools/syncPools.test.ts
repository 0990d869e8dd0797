import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import { poolsFromClusters, poolsFromDevices, syncPools } from './syncPools';
import { PoolStore } from './PoolStore';

const cluster = (name: string, spec: Record<string, unknown>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, namespace: 'default' },
  spec: { type: 'gpu-cluster', owner: 'group:platform', ...spec },
});

const at = new Date('2026-11-23T10:00:00Z');

describe('poolsFromClusters', () => {
  it('makes one pool per cluster and GPU model, adding up repeated models', () => {
    expect(
      poolsFromClusters(
        [
          cluster('cluster-a', {
            gpuPools: [
              { model: 'H100-80GB', memoryGiB: 80, count: 32 },
              { model: 'H100-80GB', memoryGiB: 80, count: 32 },
            ],
          }),
          cluster('cluster-b', {
            gpuPools: [{ model: 'H200-141GB', memoryGiB: 141, count: 32 }],
          }),
        ],
        at,
      ),
    ).toEqual([
      {
        clusterRef: 'resource:default/cluster-a',
        gpuModel: 'H100-80GB',
        memoryGiB: 80,
        capacity: 64,
        syncedAt: at.toISOString(),
      },
      {
        clusterRef: 'resource:default/cluster-b',
        gpuModel: 'H200-141GB',
        memoryGiB: 141,
        capacity: 32,
        syncedAt: at.toISOString(),
      },
    ]);
  });

  it('leaves out clusters whose spec does not validate', () => {
    expect(
      poolsFromClusters(
        [
          cluster('broken', {
            gpuPools: [{ model: 'H100-80GB', memoryGiB: 80, count: -1 }],
          }),
        ],
        at,
      ),
    ).toEqual([]);
  });
});

describe('syncPools', () => {
  it('stores the pools of the gpu-cluster entities the catalog returns', async () => {
    const catalog = catalogServiceMock({
      entities: [
        cluster('cluster-a', {
          gpuPools: [{ model: 'H100-80GB', memoryGiB: 80, count: 64 }],
        }),
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: { name: 'some-bucket' },
          spec: { type: 's3-bucket', owner: 'group:platform' },
        },
      ],
    });
    const replaced: unknown[] = [];
    const store: PoolStore = {
      listPools: async () => [],
      replaceAll: async pools => {
        replaced.push(pools);
      },
    };
    await syncPools({
      catalog,
      auth: mockServices.auth(),
      sources: [
        {
          id: 'inventory',
          readPools: async () => [
            {
              clusterRef: 'resource:default/cluster-c',
              gpuModel: 'A100-40GB',
              memoryGiB: 40,
              capacity: 8,
            },
          ],
        },
      ],
      inventory: { listDevices: async () => [] },
      store,
      logger: mockServices.logger.mock(),
      now: () => at,
    });
    expect(replaced).toEqual([
      [
        {
          clusterRef: 'resource:default/cluster-a',
          gpuModel: 'H100-80GB',
          memoryGiB: 80,
          capacity: 64,
          syncedAt: at.toISOString(),
        },
        {
          clusterRef: 'resource:default/cluster-c',
          gpuModel: 'A100-40GB',
          memoryGiB: 40,
          capacity: 8,
          syncedAt: at.toISOString(),
        },
      ],
    ]);
  });

  it('keeps the stored pools when a source fails', async () => {
    const replaceAll = jest.fn();
    await expect(
      syncPools({
        catalog: catalogServiceMock({ entities: [] }),
        auth: mockServices.auth(),
        sources: [
          {
            id: 'inventory',
            readPools: async () => Promise.reject(new Error('timeout')),
          },
        ],
        inventory: { listDevices: async () => [] },
        store: { listPools: async () => [], replaceAll },
        logger: mockServices.logger.mock(),
      }),
    ).rejects.toThrow("GPU pool source 'inventory' failed: Error: timeout");
    expect(replaceAll).not.toHaveBeenCalled();
  });
});

describe('poolsFromDevices', () => {
  const device = (
    clusterRef: string,
    uuid: string,
    gpuModel = 'NVIDIA-H100-80GB-HBM3',
  ) => ({
    clusterRef,
    uuid,
    gpuModel,
    memoryMiB: 81559,
    importedAt: at.toISOString(),
  });

  it('counts imported GPUs per cluster and model', () => {
    expect(
      poolsFromDevices(
        [
          device('resource:default/cluster-a', 'GPU-1'),
          device('resource:default/cluster-a', 'GPU-2'),
        ],
        at,
      ),
    ).toEqual([
      {
        clusterRef: 'resource:default/cluster-a',
        gpuModel: 'NVIDIA-H100-80GB-HBM3',
        memoryGiB: 80,
        capacity: 2,
        syncedAt: at.toISOString(),
      },
    ]);
  });

  it("replaces a cluster's declared pools once GPUs are imported for it", async () => {
    const replaceAll = jest.fn();
    await syncPools({
      catalog: catalogServiceMock({
        entities: [
          cluster('cluster-a', {
            gpuPools: [{ model: 'H100-SXM5-80GB', memoryGiB: 80, count: 64 }],
          }),
          cluster('cluster-b', {
            gpuPools: [{ model: 'H200-141GB', memoryGiB: 141, count: 32 }],
          }),
        ],
      }),
      auth: mockServices.auth(),
      sources: [],
      inventory: {
        listDevices: async () => [
          device('resource:default/cluster-a', 'GPU-1'),
        ],
      },
      store: { listPools: async () => [], replaceAll },
      logger: mockServices.logger.mock(),
      now: () => at,
    });
    expect(
      replaceAll.mock.calls[0][0].map(
        (p: any) => `${p.clusterRef} ${p.gpuModel} ${p.capacity}`,
      ),
    ).toEqual([
      'resource:default/cluster-b H200-141GB 32',
      'resource:default/cluster-a NVIDIA-H100-80GB-HBM3 1',
    ]);
  });
});
