import { Entity } from '@backstage/catalog-model';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { testEntities } from '../testEntities';
import { TeamAiResourcesCard } from './TeamAiResourcesCard';

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', title: name.toUpperCase() },
  spec: { type: 'team', children: [] },
});

async function renderCard(team: Entity) {
  return renderInTestApp(
    <TestApiProvider
      apis={[[catalogApiRef, catalogApiMock({ entities: testEntities })]]}
    >
      <EntityProvider entity={team}>
        <TeamAiResourcesCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('TeamAiResourcesCard', () => {
  it("lists the team's AI resources by type, and nothing else", async () => {
    await renderCard(group('recsys'));

    expect(await screen.findByText('2 owned by RECSYS')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Storefront ranker' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'clickstream-events' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Storefront events')).toBeInTheDocument();
    expect(screen.queryByText('web-frontend')).not.toBeInTheDocument();
    expect(screen.queryByText('cluster-a')).not.toBeInTheDocument();
    // Datasets come before models, in the model's order of types.
    const rows = screen.getAllByRole('row').map(row => row.textContent);
    expect(rows.findIndex(r => r?.includes('Datasets'))).toBeLessThan(
      rows.findIndex(r => r?.includes('AI models')),
    );
  });

  it('says so when the team owns nothing of the model', async () => {
    await renderCard(group('vision'));
    expect(
      await screen.findByText(
        /This team owns no GPU quotas, workspaces, datasets/,
      ),
    ).toBeInTheDocument();
  });
});
