import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  ComplianceCheck,
  ComplianceHeatmap,
  NO_OWNER,
} from '@ai-platform/plugin-ai-platform-common';
import { screen, within } from '@testing-library/react';
import { ComplianceApi, complianceApiRef } from '../../api/compliance';
import { CompliancePage } from './CompliancePage';

const heatmap: ComplianceHeatmap = {
  categories: ['documentation', 'ownership'],
  teams: [
    {
      teamRef: 'group:default/recsys',
      cells: [
        { category: 'documentation', passRate: 0.25, failed: 6 },
        { category: 'ownership', passRate: 1, failed: 0 },
      ],
    },
    {
      teamRef: 'group:default/vision',
      cells: [{ category: 'documentation', passRate: null, failed: 0 }],
    },
    {
      teamRef: NO_OWNER,
      cells: [{ category: 'ownership', passRate: 0, failed: 2 }],
    },
  ],
  trend: [
    { date: '2026-11-27', passRate: 0.6, entities: 10 },
    { date: '2026-11-28', passRate: 0.7, entities: 11 },
  ],
};

const checks: ComplianceCheck[] = [
  {
    id: 'card-completeness',
    title: 'Model card completeness',
    description: 'The share of the nine areas a model card documents',
    appliesTo: [{ kind: 'Resource', types: ['ai-model'] }],
    when: { fact: 'entity.metadata.annotations.risk', equals: 'high' },
    fact: 'modelCard.completeness',
    operator: 'gte',
    value: 0.6,
    level: 'silver',
    category: 'documentation',
    remediation: 'Document the missing areas in the model card',
    remediationUrl: 'https://docs.example.com/model-cards',
  },
];

async function renderPage(api: Partial<ComplianceApi>) {
  await renderInTestApp(
    <TestApiProvider apis={[[complianceApiRef, api]]}>
      <CompliancePage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('CompliancePage', () => {
  it('shows the heat map of team × category, the trend and the checks', async () => {
    await renderPage({
      getHeatmap: async () => heatmap,
      listChecks: async () => checks,
    });
    const table = await screen.findByRole('table', {
      name: 'Pass rate by team and category',
    });
    expect(
      within(table).getByRole('columnheader', { name: 'Documentation' }),
    ).toBeInTheDocument();
    expect(within(table).getByRole('link', { name: 'recsys' })).toHaveAttribute(
      'href',
      '/catalog/default/group/recsys',
    );
    const low = within(table).getByRole('cell', {
      name: 'recsys, Documentation: 25% passed, 6 failed',
    });
    expect(low).toHaveTextContent('25%6 failed');
    expect(low).toHaveStyle({ backgroundColor: 'hsl(30, 70%, 78%)' });
    expect(
      within(table).getByRole('cell', {
        name: 'recsys, Ownership: 100% passed, 0 failed',
      }),
    ).toHaveStyle({ backgroundColor: 'hsl(120, 70%, 78%)' });
    // A null pass rate, and a category missing from a team's cells, both show grey.
    const none = within(table).getAllByRole('cell', {
      name: /^vision, .*: no applicable checks$/,
    });
    expect(none).toHaveLength(2);
    expect(none[0]).toHaveStyle({ backgroundColor: '#e0e0e0' });
    // Entities without an owner have a row of their own, not a link.
    expect(
      within(table).getByRole('rowheader', { name: 'No owner' }),
    ).toBeInTheDocument();

    expect(screen.getByTestId('trend-latest')).toHaveTextContent(
      '70% of checks passing on 2026-11-28, across 11 entities',
    );

    expect(await screen.findByText('Checks (1)')).toBeInTheDocument();
    expect(screen.getByText('Model card completeness')).toBeInTheDocument();
    expect(
      screen.getByText(
        'modelCard.completeness is at least 0.6 (only where entity.metadata.annotations.risk is high)',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Resource (ai-model)')).toBeInTheDocument();
    expect(
      screen.getByText(/Document the missing areas in the model card/),
    ).toBeInTheDocument();
  });

  it('says when nothing has been evaluated or declared yet', async () => {
    await renderPage({
      getHeatmap: async () => ({ categories: [], teams: [], trend: [] }),
      listChecks: async () => [],
    });
    expect(await screen.findByText('No scorecards yet')).toBeInTheDocument();
    expect(
      await screen.findByText(/No checks are declared yet/),
    ).toBeInTheDocument();
  });

  it('says when there is no trend yet', async () => {
    await renderPage({
      getHeatmap: async () => ({ ...heatmap, trend: [] }),
      listChecks: async () => checks,
    });
    expect(await screen.findByText(/No history yet/)).toBeInTheDocument();
  });

  it('shows errors of each section on their own', async () => {
    await renderPage({
      getHeatmap: async () => {
        throw new Error('database unavailable');
      },
      listChecks: async () => checks,
    });
    expect(
      await screen.findByText(/Could not load the heat map/),
    ).toBeInTheDocument();
    expect(await screen.findByText('Checks (1)')).toBeInTheDocument();
  });
});
