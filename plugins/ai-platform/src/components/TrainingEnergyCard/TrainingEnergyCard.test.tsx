import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityEnergyQuery,
  EntityEnergyResponse,
} from '@ai-platform/plugin-ai-platform-common';
import { screen } from '@testing-library/react';
import { SpendApi, spendApiRef } from '../../api/spend';
import { fakeOnlyDate } from '../shared/testClock';
import { entity } from '../testEntities';
import { TrainingEnergyCard } from './TrainingEnergyCard';

fakeOnlyDate('2026-11-29T12:00:00Z');

const model = entity(
  'Resource',
  'recsys-ranker',
  'ai-model',
  'group:default/recsys',
);

const month = (m: string, kwh: number, estimated = 0) => ({
  month: m,
  energyKwh: kwh,
  estimatedEnergyKwh: estimated,
  facilityEnergyKwh: kwh * 1.2,
  carbonKg: kwh * 0.35,
  waterLitres: 0,
});

const answer: EntityEnergyResponse = {
  entityRef: 'resource:default/recsys-ranker',
  from: '2025-12-01',
  to: '2026-11-29',
  contributors: [
    {
      entityRef: 'component:default/ranker-training',
      title: 'Ranker training',
      namespaces: ['recsys-train', 'recsys-hpo'],
    },
    { entityRef: 'component:default/ranker-eval', namespaces: [] },
  ],
  energy: {
    energyKwh: 4000,
    estimatedEnergyKwh: 0,
    facilityEnergyKwh: 4800,
    carbonKg: 1400,
    waterLitres: 7200,
  },
  byMonth: [month('2026-10', 1500), month('2026-11', 2500)],
};

async function renderCard(api: Partial<SpendApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[spendApiRef, api]]}>
      <EntityProvider entity={model}>
        <TrainingEnergyCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('TrainingEnergyCard', () => {
  it("asks for the model's last 12 months and shows its energy, CO₂e, water and pipelines", async () => {
    const getEntityEnergy = jest.fn(async (_: EntityEnergyQuery) => answer);
    await renderCard({ getEntityEnergy });
    expect(await screen.findByTestId('training-energy')).toHaveTextContent(
      '4,000 kWhdrawn by the GPUs4,800 kWh with facility overhead · 1.4 t CO₂e · 7,200 L of water',
    );
    expect(screen.queryByText(/estimated/)).not.toBeInTheDocument();
    expect(getEntityEnergy).toHaveBeenCalledWith({
      entityRef: 'resource:default/recsys-ranker',
      from: '2025-12-01',
      to: '2026-11-29',
    });
    expect(
      screen.getByLabelText('Training energy per month, kWh'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Ranker training' }),
    ).toHaveAttribute('href', '/catalog/default/component/ranker-training');
    expect(screen.getByTestId('energy-contributors')).toHaveTextContent(
      'Ranker training namespaces recsys-train, recsys-hporanker-eval no namespace',
    );
  });

  it('marks estimated energy and leaves out water when there is none', async () => {
    await renderCard({
      getEntityEnergy: async () => ({
        ...answer,
        energy: { ...answer.energy!, estimatedEnergyKwh: 4000, waterLitres: 0 },
      }),
    });
    expect(await screen.findByTestId('training-energy')).toHaveTextContent(
      '≈ 4,000 kWhestimateddrawn by the GPUs≈ 4,800 kWh with facility overhead · ≈ 1.4 t CO₂e',
    );
    expect(screen.getByTestId('training-energy')).not.toHaveTextContent(
      'water',
    );
  });

  it('says why there is no energy, and that pipelines need a namespace', async () => {
    await renderCard({
      getEntityEnergy: async () => ({
        ...answer,
        contributors: [],
        energy: undefined,
        byMonth: [],
      }),
    });
    expect(await screen.findByTestId('no-training-energy')).toHaveTextContent(
      "No training energy recorded: none of this model's pipelines ran in a namespace with GPU power or utilization data. A pipeline's GPU usage is found through its namespaces: set the ai-platform.io/namespaces annotation",
    );
  });

  it('lists the pipelines looked at when they used no energy', async () => {
    await renderCard({
      getEntityEnergy: async () => ({
        ...answer,
        energy: undefined,
        byMonth: [],
      }),
    });
    expect(
      await screen.findByText(/No training energy recorded/),
    ).not.toHaveTextContent('annotation');
    expect(
      screen.getByRole('link', { name: 'Ranker training' }),
    ).toBeInTheDocument();
  });

  it('shows a spinner while loading and the error when it fails', async () => {
    const { unmount } = await renderCard({
      getEntityEnergy: () => new Promise(() => {}),
    });
    expect(screen.getByText('Training energy')).toBeInTheDocument();
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    unmount();

    await renderCard({
      getEntityEnergy: async () => {
        throw new Error('backend down');
      },
    });
    expect(
      await screen.findByText(/Could not load the model's training energy/),
    ).toBeInTheDocument();
  });
});
