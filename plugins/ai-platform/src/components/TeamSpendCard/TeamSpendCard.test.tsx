import { Entity } from '@backstage/catalog-model';
import {
  EnergyFigures,
  SpendTeamsResponse,
} from '@ai-platform/plugin-ai-platform-common';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { SpendApi, spendApiRef } from '../../api/spend';
import { computeSpendRouteRef } from '../../routes';
import { TeamSpendCard } from './TeamSpendCard';

const vision: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'vision', namespace: 'default' },
  spec: { type: 'team', children: [] },
};
const team = 'group:default/vision';

const noEnergy: EnergyFigures = {
  energyKwh: 0,
  estimatedEnergyKwh: 0,
  facilityEnergyKwh: 0,
  carbonKg: 0,
  waterLitres: 0,
};
const measured: EnergyFigures = {
  energyKwh: 9800,
  estimatedEnergyKwh: 0,
  facilityEnergyKwh: 11760,
  carbonKg: 2470,
  waterLitres: 0,
};

async function renderCard(api: Partial<SpendApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[spendApiRef, api]]}>
      <EntityProvider entity={vision}>
        <TeamSpendCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/compute-spend': computeSpendRouteRef } },
  );
}

const api: Partial<SpendApi> = {
  getSpendSeries: async () => ({
    currency: 'USD',
    granularity: 'day',
    dimension: 'team',
    periods: ['2026-11-22', '2026-11-23'],
    points: [
      {
        period: '2026-11-22',
        key: team,
        cost: 1800,
        gpuHours: 240,
        ...noEnergy,
      },
    ],
  }),
  getTeamSpend: async () => ({
    currency: 'USD',
    from: '2026-10-25',
    to: '2026-11-23',
    items: [
      {
        team,
        cost: 54000,
        previousCost: 60000,
        change: -6000,
        gpuHours: 7200,
        idleGpuHours: 4700,
        idleCost: 32336,
        energy: measured,
      },
    ],
    total: {
      cost: 54000,
      previousCost: 60000,
      gpuHours: 7200,
      idleCost: 32336,
      energy: measured,
    },
  }),
  getSpendBudgets: async () => ({
    currency: 'USD',
    items: [
      {
        team,
        month: '2026-11',
        budget: 60000,
        spent: 41000,
        burnRate: 1900,
        forecast: 54300,
        state: 'ok' as const,
      },
    ],
  }),
};

describe('TeamSpendCard', () => {
  it("shows the team's spend, idle share and budget, and links to the page", async () => {
    await renderCard(api);
    expect(await screen.findByText('$54,000')).toBeInTheDocument();
    expect(
      screen.getByText('last 30 days, -10% on the 30 before'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('idle-share')).toHaveTextContent(
      'Idle GPU share: 60% of spend ($32,336)',
    );
    expect(
      screen.getByText('$41,000 of $60,000 this month'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('budget-state')).toHaveTextContent(
      'Forecast $54,300: on track',
    );
    expect(
      screen.getByRole('link', { name: 'Open in Compute spend' }),
    ).toHaveAttribute(
      'href',
      `/compute-spend?team=${encodeURIComponent(team)}`,
    );
  });

  it('shows the energy and CO₂e of the last 30 days', async () => {
    await renderCard(api);
    expect(await screen.findByTestId('team-energy')).toHaveTextContent(
      'Energy: 9,800 kWh · 2.5 t CO₂e',
    );
    expect(screen.queryByText(/estimated/)).not.toBeInTheDocument();
  });

  it('marks estimated energy, and shows — without any', async () => {
    const withEnergy = (energy?: EnergyFigures) => async () => {
      const teams = (await api.getTeamSpend!({
        from: '2026-10-25',
        to: '2026-11-23',
      })) as SpendTeamsResponse;
      return { ...teams, items: [{ ...teams.items[0], energy }] };
    };
    const { unmount } = await renderCard({
      ...api,
      getTeamSpend: withEnergy({ ...measured, estimatedEnergyKwh: 2450 }),
    });
    expect(await screen.findByTestId('team-energy')).toHaveTextContent(
      '≈ 9,800 kWh25% estimated · ≈ 2.5 t CO₂e',
    );
    unmount();

    await renderCard({ ...api, getTeamSpend: withEnergy(undefined) });
    expect(await screen.findByTestId('team-energy')).toHaveTextContent(
      'Energy: —',
    );
    expect(
      screen.getByLabelText('No power or utilization data'),
    ).toBeInTheDocument();
  });

  it('says so when the team has no spend and no budget', async () => {
    await renderCard({
      ...api,
      getTeamSpend: async () => ({
        currency: 'USD',
        from: '',
        to: '',
        items: [],
        total: {
          cost: 0,
          previousCost: 0,
          gpuHours: 0,
          idleCost: 0,
          energy: noEnergy,
        },
      }),
      getSpendBudgets: async () => ({ currency: 'USD', items: [] }),
    });
    expect(
      await screen.findByText(/No compute spend recorded/),
    ).toBeInTheDocument();
  });
});
