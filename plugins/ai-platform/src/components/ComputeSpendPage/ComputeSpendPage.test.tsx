import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EnergyFigures,
  SpendSeries,
  SpendSourceStatus,
  SpendTeamsResponse,
  SpendSeriesQuery,
} from '@ai-platform/plugin-ai-platform-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { SpendApi, spendApiRef } from '../../api/spend';
import { ComputeSpendPage } from './ComputeSpendPage';

// usePermission caches decisions across renders; the import button has its own tests.
jest.mock('@backstage/plugin-permission-react', () => ({
  ...jest.requireActual('@backstage/plugin-permission-react'),
  usePermission: () => ({ loading: false, allowed: false }),
}));

const noEnergy: EnergyFigures = {
  energyKwh: 0,
  estimatedEnergyKwh: 0,
  facilityEnergyKwh: 0,
  carbonKg: 0,
  waterLitres: 0,
};

const teams: SpendTeamsResponse = {
  currency: 'USD',
  from: '2026-10-25',
  to: '2026-11-23',
  items: [
    {
      team: 'group:default/llm-research',
      cost: 180000,
      previousCost: 150000,
      change: 30000,
      gpuHours: 30000,
      idleGpuHours: 4000,
      idleCost: 27520,
      energy: {
        energyKwh: 12000,
        estimatedEnergyKwh: 0,
        facilityEnergyKwh: 14400,
        carbonKg: 4200,
        waterLitres: 0,
      },
    },
    {
      team: 'group:default/vision',
      cost: 50000,
      previousCost: 60000,
      change: -10000,
      gpuHours: 7000,
      idleGpuHours: 4500,
      idleCost: 30960,
      energy: {
        energyKwh: 3000,
        estimatedEnergyKwh: 1200,
        facilityEnergyKwh: 3600,
        carbonKg: 640,
        waterLitres: 0,
      },
    },
    {
      team: 'unallocated',
      cost: 6000,
      previousCost: 0,
      change: 6000,
      gpuHours: 0,
      idleGpuHours: 0,
      idleCost: 0,
    },
  ],
  total: {
    cost: 236000,
    previousCost: 210000,
    gpuHours: 37000,
    idleCost: 58480,
    energy: {
      energyKwh: 15000,
      estimatedEnergyKwh: 1200,
      facilityEnergyKwh: 18000,
      carbonKg: 4840,
      waterLitres: 5400,
    },
  },
};

function series(query: SpendSeriesQuery): SpendSeries {
  const keys: Record<string, string[]> = {
    team: teams.items.map(t => t.team),
    resourceType: ['gpu', 'storage'],
    gpuModel: ['', 'NVIDIA H100 80GB HBM3'],
    cluster: ['', 'cluster-a'],
  };
  return {
    currency: 'USD',
    granularity: query.granularity,
    dimension: query.dimension,
    periods: ['2026-11-22', '2026-11-23'],
    points: keys[query.dimension].flatMap(key => [
      { period: '2026-11-22', key, cost: 100, gpuHours: 1, ...noEnergy },
      {
        period: '2026-11-23',
        key,
        cost: 200,
        gpuHours: 2,
        ...noEnergy,
        energyKwh: 50,
        facilityEnergyKwh: 60,
        carbonKg: 20,
      },
    ]),
  };
}

const staleOpenCost: SpendSourceStatus = {
  id: 'opencost-gpu-a',
  kind: 'opencost',
  failures: 3,
  lastError: 'connect ECONNREFUSED 127.0.0.1:9003',
  stale: true,
};

async function renderPage(api: Partial<SpendApi>) {
  await renderInTestApp(
    <TestApiProvider apis={[[spendApiRef, api]]}>
      <ComputeSpendPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('ComputeSpendPage', () => {
  const api = {
    getSpendSeries: jest.fn(async (q: SpendSeriesQuery) => series(q)),
    getTeamSpend: jest.fn(async () => teams),
    listSpendSources: jest.fn(async () => [
      staleOpenCost,
      {
        ...staleOpenCost,
        id: 'quota-ledger',
        kind: 'quota' as const,
        stale: false,
        failures: 0,
      },
    ]),
    exportSpendCsv: jest.fn(async () => new Blob(['a,b'])),
  };

  beforeEach(() => jest.clearAllMocks());

  it('shows totals, the team table with trend and idle cost, and a stale source as stale', async () => {
    await renderPage(api);
    expect(await screen.findByTestId('spend-total')).toHaveTextContent(
      '$236,000',
    );
    // In the chart's legend and as a catalog link in the table.
    expect(screen.getAllByText('llm-research')).toHaveLength(2);
    expect(
      screen.getByRole('link', { name: 'llm-research' }),
    ).toBeInTheDocument();
    expect(screen.getByText('+20%')).toBeInTheDocument();
    expect(screen.getByText('-17%')).toBeInTheDocument();
    expect(screen.getByText('$30,960 (4,500 h)')).toBeInTheDocument();
    expect(screen.getByTestId('energy-total')).toHaveTextContent(
      'Energy ≈ 15,000 kWh8% estimated≈ 18,000 kWh with facility overhead, ≈ 4.8 t CO₂e, 5,400 L of water',
    );
    // Unallocated spend stays visible.
    expect(screen.getAllByText('Unallocated').length).toBeGreaterThan(0);
    const banners = screen.getAllByTestId('stale-source');
    expect(banners).toHaveLength(1);
    expect(banners[0]).toHaveTextContent(
      'OpenCost source “opencost-gpu-a” is stale',
    );
    expect(banners[0]).toHaveTextContent('missing, not zero');
    expect(banners[0]).toHaveTextContent('ECONNREFUSED');
  });

  it("shows each team's energy and CO₂e, marking estimates and teams without data", async () => {
    await renderPage(api);
    expect(
      await screen.findByRole('columnheader', { name: 'Energy' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('columnheader', { name: 'CO₂e' }),
    ).toBeInTheDocument();
    const row = (name: string) =>
      screen.getByRole('link', { name }).closest('tr')!;
    // Measured: plain figures, no mark.
    expect(row('llm-research')).toHaveTextContent('12,000 kWh4.2 t');
    expect(row('llm-research')).not.toHaveTextContent('estimated');
    // Partly estimated: ≈ and the share.
    expect(row('vision')).toHaveTextContent('≈ 3,000 kWh40% estimated≈ 640 kg');
    // Unallocated usage saw no power nor utilization.
    const unallocated = screen
      .getAllByText('Unallocated')
      .map(e => e.closest('tr'))
      .find(Boolean)!;
    expect(
      within(unallocated).getAllByLabelText('No power or utilization data'),
    ).toHaveLength(2);
  });

  it('switches the charts between cost, energy and CO₂e', async () => {
    await renderPage(api);
    expect(await screen.findByText('Spend by team')).toBeInTheDocument();
    await waitFor(() =>
      expect(api.getSpendSeries).toHaveBeenCalledWith(
        expect.objectContaining({ dimension: 'cluster' }),
      ),
    );
    expect(await screen.findByText('By cluster')).toBeInTheDocument();
    expect(screen.getByText('cluster-a')).toBeInTheDocument();
    expect(screen.getByText('Unknown cluster')).toBeInTheDocument();

    const metric = within(screen.getByRole('group', { name: 'Metric' }));
    fireEvent.click(metric.getByRole('button', { name: 'Energy (kWh)' }));
    expect(await screen.findByText('Energy by team')).toBeInTheDocument();
    expect(
      metric.getByRole('button', { name: 'Energy (kWh)' }),
    ).toHaveAttribute('aria-pressed', 'true');

    fireEvent.click(metric.getByRole('button', { name: 'CO₂e' }));
    expect(await screen.findByText('CO₂e by team')).toBeInTheDocument();
    // The series carries every metric: switching fetches nothing new.
    expect(api.getTeamSpend).toHaveBeenCalledTimes(1);
  });

  it('says why there is no energy to chart', async () => {
    await renderPage({
      ...api,
      getTeamSpend: async () => ({
        ...teams,
        items: teams.items.map(t => ({ ...t, energy: undefined })),
        total: { ...teams.total, energy: noEnergy },
      }),
    });
    fireEvent.click(
      await screen.findByRole('button', { name: 'Energy (kWh)' }),
    );
    expect(await screen.findByTestId('no-energy')).toHaveTextContent(
      'No GPU power or utilization data in this period',
    );
    expect(screen.getByTestId('energy-total')).toHaveTextContent('Energy —');
  });

  it('drills down into a team and changes the period', async () => {
    await renderPage(api);
    fireEvent.click(await screen.findByText('$50,000'));
    expect(await screen.findByText('Breakdown: vision')).toBeInTheDocument();
    expect(api.getSpendSeries).toHaveBeenCalledWith(
      expect.objectContaining({
        team: 'group:default/vision',
        dimension: 'gpuModel',
      }),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Last 12 months' }));
    await waitFor(() =>
      expect(api.getSpendSeries).toHaveBeenCalledWith(
        expect.objectContaining({ granularity: 'month', dimension: 'team' }),
      ),
    );
  });

  it('downloads the CSV', async () => {
    const createObjectURL = jest.fn(() => 'blob:spend');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    await renderPage(api);
    fireEvent.click(await screen.findByRole('button', { name: 'CSV' }));
    await waitFor(() => expect(api.exportSpendCsv).toHaveBeenCalled());
    expect(createObjectURL).toHaveBeenCalled();
  });

  it('says where spend comes from when there is none, and shows errors', async () => {
    await renderPage({
      ...api,
      getTeamSpend: async () => ({ ...teams, items: [] }),
    });
    expect(
      await screen.findByText(/No spend has been recorded/),
    ).toBeInTheDocument();
  });

  it('shows a load error', async () => {
    await renderPage({
      ...api,
      getTeamSpend: async () => {
        throw new Error('backend down');
      },
    });
    expect(
      await screen.findByText(/Could not load compute spend/),
    ).toBeInTheDocument();
  });
});
