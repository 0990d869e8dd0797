import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { connectAndMigrate } from '../database/migrate';
import { TeamMapping } from './attribution';
import { DatabaseSpendStore } from './DatabaseSpendStore';
import { seedSpendDemo } from './demo';
import { SpendService } from './SpendService';
import { energyModel, spendConfig } from './__testUtils__/fixtures';

const teams: Entity[] = [
  'llm-research',
  'recsys',
  'vision',
  'fraud-detection',
  'ml-platform',
].map(name => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'ai-platform.io/cloud-tags': `team=${name}` },
  },
  spec: { type: 'team' },
}));

describe('seedSpendDemo', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('imports the demo bill through the FOCUS importer, attributed, and adds nothing twice', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = new DatabaseSpendStore(
      await connectAndMigrate({ getClient: async () => knex }),
    );
    const mapping = async () => TeamMapping.fromEntities(teams);
    const service = new SpendService({ store, config: spendConfig, mapping });
    const now = Date.parse('2026-11-23T10:30:00Z');
    const seed = () =>
      seedSpendDemo({
        service,
        store,
        energy: energyModel,
        mapping,
        logger: mockServices.logger.mock(),
        now,
      });

    await seed();
    const first = await store.rawTotals();
    await seed();
    expect(await store.rawTotals()).toEqual(first);

    const { items } = await service.teams(
      { from: '2026-10-25', to: '2026-11-23' },
      undefined,
    );
    expect(items.map(t => t.team).sort()).toEqual([
      'group:default/fraud-detection',
      'group:default/llm-research',
      'group:default/ml-platform',
      'group:default/recsys',
      'group:default/vision',
      'unallocated',
    ]);
    const vision = items.find(t => t.team === 'group:default/vision')!;
    expect(vision.idleGpuHours / vision.gpuHours).toBeGreaterThan(0.5);
    const llm = items.find(t => t.team === 'group:default/llm-research')!;
    expect(llm.cost).toBeGreaterThan(vision.cost);

    // Energy and carbon for every team; vision's exporter sends no power, so it is estimated.
    for (const t of items.filter(i => i.team !== 'unallocated')) {
      expect(t.energy?.energyKwh).toBeGreaterThan(0);
      expect(t.energy?.carbonKg).toBeGreaterThan(0);
      expect(t.energy!.facilityEnergyKwh).toBeGreaterThan(t.energy!.energyKwh);
      expect(t.energy!.estimatedEnergyKwh).toBe(
        t === vision ? t.energy!.energyKwh : 0,
      );
    }
    expect(llm.energy!.energyKwh).toBeGreaterThan(vision.energy!.energyKwh);
    // Per billed GPU-hour (the demo bills the GPUs it observes): between the idle and the
    // loaded H100 capture, 120–700 W.
    const watts = (vision.energy!.energyKwh * 1000) / vision.gpuHours;
    expect(watts).toBeGreaterThan(120);
    expect(watts).toBeLessThan(700);
  });
});
