import { ResponseError } from '@backstage/errors';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityScorecard,
  TeamRollup,
} from '@ai-platform/plugin-ai-platform-common';
import { screen, within } from '@testing-library/react';
import { ComplianceApi, complianceApiRef } from '../../api/compliance';
import { entity } from '../testEntities';
import { TeamComplianceCard } from './TeamComplianceCard';

const team = entity('Group', 'recsys', 'team', 'group:default/ml');

function card(
  name: string,
  level: EntityScorecard['level'],
  fail: number,
  title?: string,
): EntityScorecard {
  return {
    entityRef: `resource:default/${name}`,
    title,
    kind: 'Resource',
    type: 'ai-model',
    level,
    counts: { pass: 5, fail, exempt: 0, error: 0 },
    results: [],
    evaluatedAt: '2026-11-29T10:00:00.000Z',
  };
}

const rollup: TeamRollup = {
  teamRef: 'group:default/recsys',
  entities: 4,
  levels: { none: 1, bronze: 2, silver: 0, gold: 1 },
  categories: [
    { category: 'documentation', passed: 6, failed: 4 },
    { category: 'ownership', passed: 4, failed: 0 },
  ],
  scorecards: [
    card('ranker', 'bronze', 1, 'Storefront ranker'),
    card('embedder', 'none', 3),
    card('clip', 'gold', 0),
    card('reranker', 'bronze', 2),
  ],
};

async function renderCard(api: Partial<ComplianceApi>) {
  await renderInTestApp(
    <TestApiProvider apis={[[complianceApiRef, api]]}>
      <EntityProvider entity={team}>
        <TeamComplianceCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('TeamComplianceCard', () => {
  it("shows the team's entities by level, its categories and the entities failing most", async () => {
    const getTeamRollup = jest.fn(async () => rollup);
    await renderCard({ getTeamRollup });
    expect(
      await screen.findByText('4 entities with checks'),
    ).toBeInTheDocument();
    expect(getTeamRollup).toHaveBeenCalledWith('group:default/recsys');
    const levels = within(
      screen.getByRole('list', { name: 'Entities by level' }),
    ).getAllByRole('listitem');
    expect(levels.map(l => l.textContent)).toEqual([
      'Gold 1',
      'Silver 0',
      'Bronze 2',
      'No level 1',
    ]);

    const categories = screen.getAllByTestId('team-category');
    expect(categories[0]).toHaveTextContent('Documentation6 passed, 4 failed');
    expect(categories[1]).toHaveTextContent('Ownership4 passed, 0 failed');

    const worst = screen.getAllByTestId('worst-entity');
    expect(worst.map(w => w.textContent)).toEqual([
      'embedderNo level3 failed',
      'rerankerBronze2 failed',
      'Storefront rankerBronze1 failed',
    ]);
    expect(
      within(worst[0]).getByRole('link', { name: 'embedder' }),
    ).toHaveAttribute('href', '/catalog/default/resource/embedder');
  });

  it('says when every check passes', async () => {
    await renderCard({
      getTeamRollup: async () => ({
        ...rollup,
        scorecards: [card('clip', 'gold', 0)],
      }),
    });
    expect(
      await screen.findByText(
        "Every check of the team's entities passes or is exempt.",
      ),
    ).toBeInTheDocument();
  });

  it('says when no check applies to the team yet', async () => {
    await renderCard({
      getTeamRollup: async () => ({
        teamRef: 'group:default/recsys',
        entities: 0,
        levels: { none: 0, bronze: 0, silver: 0, gold: 0 },
        categories: [],
        scorecards: [],
      }),
    });
    expect(
      await screen.findByText(
        "No compliance checks apply to this team's entities yet.",
      ),
    ).toBeInTheDocument();
  });

  it('shows the error', async () => {
    const error = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'Error', message: 'database unavailable' },
          response: { statusCode: 500 },
        }),
        { status: 500, headers: { 'content-type': 'application/json' } },
      ),
    );
    await renderCard({
      getTeamRollup: async () => {
        throw error;
      },
    });
    expect(
      await screen.findByText(/Could not load the team's compliance/),
    ).toBeInTheDocument();
  });
});
