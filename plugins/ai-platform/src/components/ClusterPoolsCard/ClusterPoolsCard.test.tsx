import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { GpuPool, IdleCost } from '@ai-platform/plugin-ai-platform-common';
import { screen, within } from '@testing-library/react';
import { PoolsApi, poolsApiRef } from '../../api/pools';
import { QuotaApi, quotaApiRef } from '../../api/quota';
import { SpendApi, spendApiRef } from '../../api/spend';
import { entity } from '../testEntities';
import { ClusterPoolsCard } from './ClusterPoolsCard';

const CLUSTER = 'resource:default/cluster-a';
const clusterA = entity(
  'Resource',
  'cluster-a',
  'gpu-cluster',
  'group:default/ml-platform',
);

const pool = (
  clusterRef: string,
  gpuModel: string,
  capacity: number,
  syncedAt = new Date().toISOString(),
): GpuPool => ({
  clusterRef,
  gpuModel,
  memoryGiB: 80,
  capacity,
  syncedAt,
});

const pools = [
  pool(CLUSTER, 'H100-SXM5-80GB', 64),
  pool(CLUSTER, 'A100-80GB', 16),
  pool('resource:default/cluster-b', 'A100-80GB', 32),
  pool('resource:default/cluster-b', 'H200-SXM-141GB', 32),
];

const idle = (
  team: string,
  gpuModel: string,
  capacity: number,
  used: number,
): IdleCost => ({
  team,
  gpuModel,
  capacityGpuHours: capacity,
  usedGpuHours: used,
  idleGpuHours: capacity - used,
  idleCost: 0,
});

const forbidden = () =>
  ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'NotAllowedError', message: 'Unauthorized' },
        response: { statusCode: 403 },
      }),
      { status: 403, headers: { 'content-type': 'application/json' } },
    ),
  );

function apis(
  overrides: {
    pools?: Partial<PoolsApi>;
    quota?: Partial<QuotaApi>;
    spend?: Partial<SpendApi>;
  } = {},
) {
  return {
    pools: { listPools: jest.fn(async () => pools), ...overrides.pools },
    quota: {
      getAllocation: jest.fn(async (from: Date) =>
        pools.map(p => ({
          clusterRef: p.clusterRef,
          gpuModel: p.gpuModel,
          capacity: p.capacity,
          steps: [
            {
              at: from.toISOString(),
              allocated: p.gpuModel === 'H100-SXM5-80GB' ? 48 : 0,
            },
          ],
        })),
      ),
      ...overrides.quota,
    },
    spend: {
      getIdleCost: jest.fn(async () => ({
        currency: 'USD',
        items: [
          // Spend names the model as DCGM does; the pool as the catalog does.
          idle(
            'group:default/llm-research',
            'NVIDIA H100 80GB HBM3',
            1000,
            700,
          ),
          idle('group:default/vision', 'NVIDIA H100 80GB HBM3', 500, 350),
          idle('group:default/vision', 'A100-80GB', 100, 10),
        ],
      })),
      ...overrides.spend,
    },
  };
}

async function renderCard(of: Entity, mocks: ReturnType<typeof apis>) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [poolsApiRef, mocks.pools],
        [quotaApiRef, mocks.quota],
        [spendApiRef, mocks.spend],
      ]}
    >
      <EntityProvider entity={of}>
        <ClusterPoolsCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const rowTexts = () =>
  within(screen.getByRole('table'))
    .getAllByRole('row')
    .slice(1)
    .map(row =>
      within(row)
        .getAllByRole('cell')
        .map(c => c.textContent),
    );

describe('ClusterPoolsCard', () => {
  it("shows the cluster's pools: capacity, what quotas allocate now and utilization where known", async () => {
    const mocks = apis();
    await renderCard(clusterA, mocks);
    expect(await screen.findByText('H100-SXM5-80GB')).toBeInTheDocument();
    expect(await screen.findByText('48 (75%)')).toBeInTheDocument();
    expect(await screen.findByText('70%')).toBeInTheDocument();
    expect(rowTexts()).toEqual([
      ['H100-SXM5-80GB', '80', '64', '48 (75%)', '70%'],
      ['A100-80GB', '80', '16', '0 (0%)', '–'],
    ]);
    // cluster-b also has A100s, and spend cannot tell the clusters apart.
    expect(
      screen.getByLabelText(
        'other clusters have this GPU model, and spend does not split it by cluster',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/80 GPUs/)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    // The ledger is asked for now: a window that starts at this moment.
    const [from, to] = jest.mocked(mocks.quota.getAllocation).mock.calls[0];
    expect(Math.abs(from.getTime() - Date.now())).toBeLessThan(60_000);
    expect(to.getTime()).toBeGreaterThan(from.getTime());
  });

  it('says why a figure is missing: no permission, or no utilization for the model', async () => {
    await renderCard(
      clusterA,
      apis({
        quota: {
          getAllocation: async () => {
            throw await forbidden();
          },
        },
        spend: { getIdleCost: async () => ({ currency: 'USD', items: [] }) },
      }),
    );
    expect(
      await screen.findAllByLabelText('you may not read GPU quotas'),
    ).toHaveLength(2);
    expect(
      await screen.findByLabelText('no utilization reported for this model'),
    ).toBeInTheDocument();
  });

  it('warns when the pools have not been synced for long', async () => {
    await renderCard(
      clusterA,
      apis({
        pools: {
          listPools: async () => [
            pool(CLUSTER, 'H100-SXM5-80GB', 64, '2026-01-01T00:00:00.000Z'),
          ],
        },
      }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'the pool sync may be failing',
    );
  });

  it('says how pools arrive when the cluster has none', async () => {
    await renderCard(
      entity(
        'Resource',
        'cluster-z',
        'gpu-cluster',
        'group:default/ml-platform',
      ),
      apis(),
    );
    expect(
      await screen.findByText(/No GPU pools read from this cluster yet/),
    ).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    await renderCard(
      clusterA,
      apis({ pools: { listPools: () => new Promise(() => {}) } }),
    );
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows a load error', async () => {
    await renderCard(
      clusterA,
      apis({
        pools: {
          listPools: async () => {
            throw new Error('backend down');
          },
        },
      }),
    );
    expect(
      await screen.findByText(/Could not load the cluster's GPU pools/),
    ).toBeInTheDocument();
  });
});
