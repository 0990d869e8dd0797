import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { seededSample } from '@ai-platform/plugin-ai-platform-common';
import { connectAndMigrate } from '../database/migrate';
import { DatabaseDriftStore } from './DatabaseDriftStore';
import { DriftService } from './DriftService';

const model = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'fraud-scorer',
    namespace: 'default',
    title: 'Fraud scorer',
    annotations: { 'ai-platform.io/drift-features': 'amount=psi' },
  },
  spec: { type: 'ai-model', owner: 'group:default/fraud-detection' },
};
const ref = 'resource:default/fraud-scorer';
const bell = (seed: number, centre: number, n = 2000) =>
  Array.from(seededSample({ shape: 'bell', n, seed, centre, scale: 1 }));

describe('DriftService', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function setup(databaseId: string) {
    const knex = await databases.init(databaseId as any);
    const store = new DatabaseDriftStore(
      await connectAndMigrate({ getClient: async () => knex }),
    );
    const notifications = { send: jest.fn() };
    const service = new DriftService({
      store,
      catalog: catalogServiceMock({ entities: [model] }),
      auth: mockServices.auth(),
      notifications,
      logger: mockServices.logger.mock(),
    });
    return { store, service, notifications };
  }

  it.each(databases.eachSupportedId())(
    'evaluates windows with the annotated method, keeps history and notifies the owner once on %p',
    async databaseId => {
      const { service, notifications } = await setup(databaseId);
      const credentials = { $$type: '@backstage/BackstageCredentials' } as any;
      await service.ingest({
        model: ref,
        feature: 'amount',
        role: 'reference',
        values: bell(1, 0),
      });
      await service.ingest({
        model: ref,
        feature: 'channel',
        role: 'reference',
        counts: { web: 700, app: 300 },
      });
      // Day 1: both healthy.
      await service.ingest({
        model: ref,
        feature: 'amount',
        role: 'current',
        values: bell(2, 0),
        windowEnd: '2026-11-20T00:00:00Z',
      });
      await service.ingest({
        model: ref,
        feature: 'channel',
        role: 'current',
        counts: { web: 690, app: 310 },
        windowEnd: '2026-11-20T00:00:00Z',
      });
      expect(
        await service.evaluatePending(new Date('2026-11-20T01:00:00Z')),
      ).toEqual({ evaluated: 2, failed: 0 });
      let detail = await service.getModel(ref, credentials);
      expect(detail).toMatchObject({
        status: 'ok',
        title: 'Fraud scorer',
        owner: 'group:default/fraud-detection',
        featureCount: 2,
      });
      expect(detail.features.find(f => f.feature === 'amount')).toMatchObject({
        method: 'psi',
        threshold: 0.2,
        status: 'ok',
      });
      expect(detail.features.find(f => f.feature === 'channel')).toMatchObject({
        method: 'chisquare',
        status: 'ok',
      });

      // Day 2: amount moves a lot: one of two features is half, so the model drifts.
      await service.ingest({
        model: ref,
        feature: 'amount',
        role: 'current',
        values: bell(3, 1),
        windowEnd: '2026-11-21T00:00:00Z',
      });
      await service.evaluatePending(new Date('2026-11-21T01:00:00Z'));
      // Day 3: still drifted; no second notification.
      await service.ingest({
        model: ref,
        feature: 'amount',
        role: 'current',
        values: bell(4, 1),
        windowEnd: '2026-11-22T00:00:00Z',
      });
      await service.evaluatePending(new Date('2026-11-22T01:00:00Z'));

      detail = await service.getModel(ref, credentials);
      expect(detail).toMatchObject({
        status: 'drifted',
        driftedShare: 0.5,
        since: '2026-11-21T01:00:00.000Z',
      });
      const amount = detail.features.find(f => f.feature === 'amount')!;
      expect(amount.history.map(h => h.status)).toEqual([
        'ok',
        'drifted',
        'drifted',
      ]);
      expect(amount.statistic).toBeGreaterThan(0.2);
      expect(notifications.send).toHaveBeenCalledTimes(1);
      expect(notifications.send).toHaveBeenCalledWith(
        expect.objectContaining({
          recipients: {
            type: 'entity',
            entityRef: 'group:default/fraud-detection',
          },
          payload: expect.objectContaining({
            title: 'Fraud scorer has drifted',
            link: '/catalog/default/resource/fraud-scorer',
          }),
        }),
      );
      expect(
        (await service.listModels(credentials)).map(m => [
          m.modelRef,
          m.status,
        ]),
      ).toEqual([[ref, 'drifted']]);
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses a window that does not match the reference, and waits for a missing reference, on %p',
    async databaseId => {
      const { service, store } = await setup(databaseId);
      await service.ingest({
        model: ref,
        feature: 'amount',
        role: 'reference',
        histogram: { edges: [0, 1, 2], counts: [5, 5] },
      });
      await expect(
        service.ingest({
          model: ref,
          feature: 'amount',
          role: 'current',
          histogram: { edges: [0, 1, 3], counts: [5, 5] },
        }),
      ).rejects.toThrow(
        'amount: the histogram edges differ from the reference',
      );
      await expect(
        service.ingest({
          model: ref,
          feature: 'amount',
          role: 'current',
          values: [1, 2],
        }),
      ).rejects.toThrow(
        'amount: the reference is a histogram, this window numbers',
      );

      await service.ingest({
        model: ref,
        feature: 'latency',
        role: 'current',
        values: [1, 2, 3],
      });
      expect(await service.evaluatePending()).toEqual({
        evaluated: 0,
        failed: 0,
      });
      expect(await store.pendingWindows(10)).toHaveLength(1);
      expect(await store.getModel(ref)).toBeUndefined();
    },
  );
});
