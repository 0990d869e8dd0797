import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ModelDriftSummary } from '@ai-platform/plugin-ai-platform-common';
import { screen, within } from '@testing-library/react';
import { DriftApi, driftApiRef } from '../../api/drift';
import { SpendApi, spendApiRef } from '../../api/spend';
import { EntityLineageContent } from './EntityLineageContent';
import { node, rankerLineage, withReverseRelations } from './testCatalog';

const forbidden = () =>
  ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'NotAllowedError', message: 'not your team' },
        response: { statusCode: 403 },
      }),
      { status: 403, statusText: 'Forbidden' },
    ),
  );

const drifted: ModelDriftSummary = {
  modelRef: 'resource:default/recsys-ranker',
  status: 'drifted',
  since: '2026-11-20T00:00:00Z',
  driftedShare: 0.5,
  featureCount: 4,
  evaluatedAt: '2026-11-23T00:00:00Z',
};

const driftApi: Partial<DriftApi> = { listModelDrift: async () => [drifted] };

const spendApi: Partial<SpendApi> = {
  getTeamSpend: async () => ({
    currency: 'USD',
    from: '2026-11-01',
    to: '2026-11-23',
    items: [
      {
        team: 'group:default/recsys',
        cost: 12400,
        previousCost: 0,
        change: 12400,
        gpuHours: 900,
        idleGpuHours: 0,
        idleCost: 0,
      },
    ],
    total: {
      cost: 12400,
      previousCost: 0,
      gpuHours: 900,
      idleCost: 0,
      energy: {
        energyKwh: 0,
        estimatedEnergyKwh: 0,
        facilityEnergyKwh: 0,
        carbonKg: 0,
        waterLitres: 0,
      },
    },
  }),
};

async function renderContent(
  entities: Entity[],
  ref: string,
  apis: { drift?: Partial<DriftApi>; spend?: Partial<SpendApi> } = {},
) {
  const current = entities.find(e => stringifyEntityRef(e) === ref)!;
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, catalogApiMock({ entities })],
        [driftApiRef, apis.drift ?? driftApi],
        [spendApiRef, apis.spend ?? spendApi],
      ]}
    >
      <EntityProvider entity={current}>
        <EntityLineageContent />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const column = (name: string) =>
  within(screen.getByRole('list', { name }))
    .getAllByRole('listitem')
    .map(item => item.textContent);

describe('EntityLineageContent', () => {
  it("shows the model's lineage left to right with drift and its team's spend", async () => {
    await renderContent(rankerLineage(), 'resource:default/recsys-ranker');

    expect(
      await screen.findByRole('list', { name: '2 steps upstream' }),
    ).toBeInTheDocument();
    const columns = screen
      .getAllByRole('list')
      .map(list => list.getAttribute('aria-label'));
    expect(columns).toEqual([
      '2 steps upstream',
      '1 step upstream',
      'This entity',
      '1 step downstream',
    ]);

    expect(column('2 steps upstream')).toEqual([
      'clickstream-eventsDataset · recsysTeam: $12,400 this month',
      'resource:default/deleted-datasetnot in the catalog',
    ]);
    expect(column('1 step upstream')).toEqual([
      'legacy-featuresFeature view · recsysTeam: $12,400 this month',
      'user-activity-featuresFeature view · recsysTeam: $12,400 this month',
      'recsys-training-pipelineML pipeline · recsysTeam: $12,400 this month',
    ]);
    expect(column('This entity')).toEqual([
      'Storefront rankerAI model · recsysDriftDriftedTeam: $12,400 this month',
    ]);
    expect(column('1 step downstream')).toEqual([
      'recsys-ranker-servingModel server · recsysTeam: $12,400 this month',
    ]);

    // The entity itself is marked; its neighbours link to their pages.
    const current = within(
      screen.getByRole('list', { name: 'This entity' }),
    ).getByRole('listitem');
    expect(current).toHaveAttribute('aria-current', 'true');
    expect(
      screen.getByRole('link', { name: 'recsys-ranker-serving' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/recsys-ranker-serving',
    );
    expect(screen.queryByText('cluster-a')).not.toBeInTheDocument();
    expect(screen.queryByText('storefront')).not.toBeInTheDocument();
  });

  it('says a model has no drift monitoring, and shows no spend to whom may not see it', async () => {
    await renderContent(
      rankerLineage(),
      'component:default/recsys-ranker-serving',
      {
        drift: { listModelDrift: async () => [] },
        spend: {
          getTeamSpend: async () => {
            throw await forbidden();
          },
        },
      },
    );

    expect(
      await screen.findByRole('list', { name: '1 step upstream' }),
    ).toBeInTheDocument();
    expect(column('1 step upstream')).toEqual([
      'Storefront rankerAI model · recsysNo drift monitoring',
    ]);
    expect(screen.queryByText(/this month/)).not.toBeInTheDocument();
    expect(screen.queryByText(/Could not load/)).not.toBeInTheDocument();
  });

  it('still shows the lineage when the drift service fails, with its error', async () => {
    await renderContent(rankerLineage(), 'resource:default/recsys-ranker', {
      drift: {
        listModelDrift: async () => {
          throw new Error('drift store unavailable');
        },
      },
    });

    expect(
      await screen.findByText(/Could not load the models' drift/),
    ).toBeInTheDocument();
    expect(column('This entity')).toEqual([
      'Storefront rankerAI model · recsysTeam: $12,400 this month',
    ]);
  });

  it('shows five steps each way and says when the lineage goes on', async () => {
    const chain = withReverseRelations(
      Array.from({ length: 7 }, (_, i) =>
        node('Resource', `d${i}`, 'dataset', {
          dependsOn: i < 6 ? [`resource:default/d${i + 1}`] : [],
        }),
      ),
    );
    await renderContent(chain, 'resource:default/d0');

    expect(
      await screen.findByText(
        'The lineage goes on beyond 5 steps upstream: open an entity at the edge to follow it.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getAllByRole('list').map(list => list.getAttribute('aria-label')),
    ).toEqual([
      '5 steps upstream',
      '4 steps upstream',
      '3 steps upstream',
      '2 steps upstream',
      '1 step upstream',
      'This entity',
    ]);
    expect(screen.queryByText('d6')).not.toBeInTheDocument();
  });

  it('explains how lineage forms when the entity has none', async () => {
    await renderContent(
      [node('Resource', 'lonely', 'dataset')],
      'resource:default/lonely',
    );
    expect(
      await screen.findByText(/No upstream or downstream entities yet/),
    ).toBeInTheDocument();
    expect(screen.getByText('spec.dependsOn')).toBeInTheDocument();
  });

  it("shows the catalog's error", async () => {
    const catalogApi = catalogApiMock.mock({
      getEntitiesByRefs: jest.fn().mockRejectedValue(new Error('catalog down')),
    });
    const entity = rankerLineage()[0];
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [catalogApiRef, catalogApi],
          [driftApiRef, driftApi],
          [spendApiRef, spendApi],
        ]}
      >
        <EntityProvider entity={entity}>
          <EntityLineageContent />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(/Could not load the lineage/),
    ).toBeInTheDocument();
    expect(screen.getByText('catalog down')).toBeInTheDocument();
  });
});
