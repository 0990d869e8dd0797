import {
  CatalogApi,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { RejectedEntitiesApi, rejectedEntitiesApiRef } from '../../api/catalog';
import { PoolsApi, poolsApiRef } from '../../api/pools';
import { testEntities } from '../testEntities';
import { OverviewPage } from './OverviewPage';

const pools: Partial<PoolsApi> = {
  listPools: async () => [
    {
      clusterRef: 'resource:default/cluster-a',
      gpuModel: 'H100-SXM5-80GB',
      memoryGiB: 80,
      capacity: 64,
      syncedAt: '2026-11-23T10:00:00.000Z',
    },
  ],
};

const noneRejected: RejectedEntitiesApi = {
  listRejectedEntities: async () => [],
};

function renderPage(
  catalogApi: CatalogApi,
  { poolsApi = pools, rejectedEntitiesApi = noneRejected } = {},
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, catalogApi],
        [poolsApiRef, poolsApi],
        [rejectedEntitiesApiRef, rejectedEntitiesApi],
      ]}
    >
      <OverviewPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('OverviewPage', () => {
  it('counts the entities of each type and names their owners', async () => {
    await renderPage(catalogApiMock({ entities: testEntities }));

    expect(
      await screen.findByLabelText('GPU clusters count'),
    ).toHaveTextContent('1');
    expect(screen.getByLabelText('Datasets count')).toHaveTextContent('1');
    expect(screen.getByLabelText('AI models count')).toHaveTextContent('1');
    // The website Component is outside the model.
    expect(screen.getByLabelText('ML pipelines count')).toHaveTextContent('0');
    expect(screen.getByTestId('type-card-gpu-cluster')).toHaveTextContent(
      'ml-platform',
    );
    expect(
      screen.getAllByRole('link', { name: 'View in catalog' })[0],
    ).toHaveAttribute(
      'href',
      '/catalog?filters[kind]=resource&filters[type]=gpu-cluster',
    );
  });

  it('shows the GPU pools with their total', async () => {
    await renderPage(catalogApiMock({ entities: testEntities }));
    expect(
      await screen.findByText('GPU capacity · 64 GPUs'),
    ).toBeInTheDocument();
    expect(screen.getByText('H100-SXM5-80GB')).toBeInTheDocument();
  });

  it('says so when the catalog has no entity of the model', async () => {
    await renderPage(catalogApiMock({ entities: [testEntities[3]] }));
    expect(
      await screen.findByText('No AI platform entities yet'),
    ).toBeInTheDocument();
  });

  it('shows the error when the catalog cannot be read', async () => {
    const catalogApi = catalogApiMock.mock({
      getEntities: async () => {
        throw new Error('catalog is down');
      },
    });
    await renderPage(catalogApi);
    expect(
      await screen.findByText(/Could not load the platform's entities/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/catalog is down/).length).toBeGreaterThan(0);
  });

  it('shows the error when the GPU pools cannot be read', async () => {
    await renderPage(catalogApiMock({ entities: testEntities }), {
      poolsApi: {
        listPools: async () => {
          throw new Error('backend unavailable');
        },
      },
    });
    expect(
      await screen.findByText(/Could not load GPU capacity/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/backend unavailable/).length).toBeGreaterThan(
      0,
    );
    // The rest of the page still works.
    expect(screen.getByLabelText('GPU clusters count')).toHaveTextContent('1');
  });

  it('lists entities the catalog rejected, with the field that is wrong', async () => {
    await renderPage(catalogApiMock({ entities: testEntities }), {
      rejectedEntitiesApi: {
        listRejectedEntities: async () => [
          {
            kind: 'Resource',
            namespace: 'default',
            name: 'cluster-x',
            location: 'file:/catalog/clusters.yaml',
            problems: [
              'Invalid AI platform entity resource:default/cluster-x: spec.gpuPools[0].count: must be greater than 0',
            ],
          },
        ],
      },
    });
    const panel = await screen.findByRole('region', {
      name: 'Rejected entities',
    });
    expect(panel).toHaveTextContent('1 entity was rejected by the catalog');
    expect(panel).toHaveTextContent(
      'resource:default/cluster-x (file:/catalog/clusters.yaml)',
    );
    expect(panel).toHaveTextContent(
      'spec.gpuPools[0].count: must be greater than 0',
    );
  });
});
