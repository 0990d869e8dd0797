import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { connectAndMigrate } from '../database/migrate';
import { DatabaseSpendStore } from './DatabaseSpendStore';
import { CatalogEnergyContributors } from './energyContributors';
import { SpendService } from './SpendService';
import { UsageRow } from './SpendStore';
import { mapping, spendConfig } from './__testUtils__/fixtures';

const HOUR = 3_600_000;

const model: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'recsys-ranker', namespace: 'default' },
  spec: { type: 'ai-model', owner: 'group:default/recsys' },
  relations: [
    {
      type: 'producedBy',
      targetRef: 'component:default/recsys-training-pipeline',
    },
    { type: 'producedBy', targetRef: 'component:default/ranker-finetune' },
    { type: 'ownedBy', targetRef: 'group:default/recsys' },
  ],
};

const pipelines: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'recsys-training-pipeline',
      namespace: 'default',
      title: 'Recsys training',
    },
    // No namespace of its own: it runs in its team's first, as the golden path generates it.
    spec: { type: 'ml-pipeline', owner: 'recsys' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'ranker-finetune',
      namespace: 'default',
      annotations: { 'backstage.io/kubernetes-namespace': 'fraud' },
    },
    spec: { type: 'ml-pipeline', owner: 'group:default/fraud-detection' },
  },
];

const usage = (
  namespace: string,
  team: string,
  at: string,
  energyKwh: number,
  over: Partial<UsageRow> = {},
): UsageRow => {
  const start = Date.parse(at);
  return {
    sourceKey: `dcgm|${start}|${namespace}`,
    source: 'prometheus',
    periodStart: start,
    periodEnd: start + HOUR,
    team,
    attribution: `namespace:${namespace}`,
    resourceType: 'gpu',
    gpuModel: 'NVIDIA H100 80GB HBM3',
    pricingClass: 'on-demand',
    cost: 0,
    gpuHours: 4,
    usedGpuHours: 3,
    energyKwh,
    estimatedEnergyKwh: 0,
    facilityEnergyKwh: energyKwh * 1.25,
    carbonGrams: energyKwh * 1.25 * 350,
    waterLitres: 0,
    ...over,
  };
};

describe('training energy of a model', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'sums the energy of its pipelines’ namespaces by month, as the caller may see it, %p',
    async id => {
      const knex = await databases.init(id);
      const store = new DatabaseSpendStore(
        await connectAndMigrate({ getClient: async () => knex }),
      );
      const recsys = 'group:default/recsys';
      const fraud = 'group:default/fraud-detection';
      await store.ingest([
        usage('recsys-train', recsys, '2026-10-30T10:00:00Z', 2.6),
        usage('recsys-train', recsys, '2026-11-02T10:00:00Z', 1.4, {
          estimatedEnergyKwh: 1.4,
        }),
        // Serving is not training; another source's row carries no energy.
        usage('recsys-serve', recsys, '2026-11-02T10:00:00Z', 9),
        usage('fraud', fraud, '2026-11-03T10:00:00Z', 0.5),
        usage('recsys-train', recsys, '2026-11-04T10:00:00Z', 0, {
          sourceKey: 'bill|1',
          source: 'focus',
          cost: 100,
        }),
      ]);
      const service = new SpendService({
        store,
        config: spendConfig,
        mapping: async () => mapping,
        contributors: new CatalogEnergyContributors({
          catalog: catalogServiceMock({ entities: [model, ...pipelines] }),
          mapping: async () => mapping,
        }),
      });
      const query = {
        entityRef: 'resource:default/recsys-ranker',
        from: '2026-10-01',
        to: '2026-11-30',
      };
      const credentials = mockCredentials.user();

      const all = await service.entityEnergy(query, undefined, credentials);
      expect(all.contributors).toEqual([
        {
          entityRef: 'component:default/ranker-finetune',
          namespaces: ['fraud'],
        },
        {
          entityRef: 'component:default/recsys-training-pipeline',
          title: 'Recsys training',
          namespaces: ['recsys-train'],
        },
      ]);
      expect(all.energy!.energyKwh).toBeCloseTo(4.5, 9);
      expect(all.energy!.estimatedEnergyKwh).toBeCloseTo(1.4, 9);
      expect(all.energy!.facilityEnergyKwh).toBeCloseTo(5.625, 9);
      // 5.625 kWh × 350 g = 1968.75 g.
      expect(all.energy!.carbonKg).toBeCloseTo(1.96875, 9);
      expect(all.byMonth.map(m => [m.month, m.energyKwh])).toEqual([
        ['2026-10', 2.6],
        ['2026-11', 1.9],
      ]);

      // A recsys member who cannot see fraud's spend gets recsys's share only.
      const mine = await service.entityEnergy(query, [recsys], credentials);
      expect(mine.energy!.energyKwh).toBeCloseTo(4, 9);

      const none = await service.entityEnergy(
        { ...query, from: '2026-09-01', to: '2026-09-30' },
        undefined,
        credentials,
      );
      expect(none.energy).toBeUndefined();
      expect(none.byMonth).toEqual([]);

      await expect(
        service.entityEnergy(
          { ...query, entityRef: 'resource:default/nothing' },
          undefined,
          credentials,
        ),
      ).rejects.toThrow('No entity resource:default/nothing');
    },
  );
});
