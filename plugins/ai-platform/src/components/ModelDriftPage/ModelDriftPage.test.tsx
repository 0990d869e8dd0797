import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ModelDriftSummary } from '@ai-platform/plugin-ai-platform-common';
import { fireEvent, screen, within } from '@testing-library/react';
import { DriftApi, driftApiRef } from '../../api/drift';
import { ModelDriftPage } from './ModelDriftPage';

const model = (
  name: string,
  status: ModelDriftSummary['status'],
  driftedShare: number,
): ModelDriftSummary => ({
  modelRef: `resource:default/${name}`,
  owner: 'group:default/recsys',
  status,
  since: '2026-11-20T00:00:00.000Z',
  driftedShare,
  featureCount: 3,
  evaluatedAt: '2026-11-23T00:00:00.000Z',
});

async function renderPage(api: Partial<DriftApi>) {
  await renderInTestApp(
    <TestApiProvider apis={[[driftApiRef, api]]}>
      <ModelDriftPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('ModelDriftPage', () => {
  it('lists models worst first and filters by status', async () => {
    await renderPage({
      listModelDrift: async () => [
        model('healthy', 'ok', 0),
        model('shaky', 'warning', 1 / 3),
        model('broken', 'drifted', 2 / 3),
      ],
    });
    const rows = await screen.findAllByRole('row');
    const names = rows
      .slice(1)
      .map(r => within(r).queryAllByRole('link')[0]?.textContent);
    expect(names).toEqual(['broken', 'shaky', 'healthy']);
    expect(screen.getByText('2 of 3 (67%)')).toBeInTheDocument();

    fireEvent.mouseDown(screen.getByLabelText('Status'));
    fireEvent.click(await screen.findByRole('option', { name: 'Warning' }));
    expect(await screen.findByText('Models (1)')).toBeInTheDocument();
    expect(screen.queryByText('broken')).not.toBeInTheDocument();
  });

  it('says how to get results when there are none, and shows errors', async () => {
    await renderPage({ listModelDrift: async () => [] });
    expect(
      await screen.findByText(/No model has drift results yet/),
    ).toBeInTheDocument();
  });

  it('shows a load error', async () => {
    await renderPage({
      listModelDrift: async () => {
        throw new Error('backend down');
      },
    });
    expect(
      await screen.findByText(/Could not load model drift/),
    ).toBeInTheDocument();
  });
});
