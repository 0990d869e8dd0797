import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { featureViewInputSchema } from '@ai-platform/plugin-ai-platform-common';
import { actor } from '../__testUtils__/ledger';
import { clickstream, featureViewBody } from '../__testUtils__/featureViews';
import { cluster } from '../__testUtils__/startAiPlatformBackend';
import { connectAndMigrate } from '../database/migrate';
import { DatabaseFeatureViewStore } from './DatabaseFeatureViewStore';
import { FeatureViewService } from './FeatureViewService';

const recsys = actor('group:default/recsys', 'user:default/priya.raman');

const view = (overrides: Record<string, unknown> = {}) =>
  featureViewInputSchema.parse(featureViewBody(overrides));

/** An entity the catalog already has under a name a view might want. */
const takenName = {
  ...clickstream,
  metadata: { name: 'session_events', namespace: 'default' },
};

describe('FeatureViewService', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const store = new DatabaseFeatureViewStore(
        await connectAndMigrate({ getClient: async () => knex }),
      );
      const service = new FeatureViewService({
        store,
        catalog: catalogServiceMock({
          entities: [clickstream, cluster, takenName],
        }),
        auth: mockServices.auth(),
      });
      return { service, store };
    }

    it('defines a view over a catalog dataset and refuses its name again', async () => {
      const { service } = await setup();
      const { featureView } = await service.create(view(), { actor: recsys });
      expect(featureView).toEqual({
        ...view(),
        id: expect.any(String),
        createdBy: 'user:default/priya.raman',
        createdAt: expect.any(String),
      });
      expect(await service.list()).toEqual([featureView]);

      const again = service.create(view({ description: 'again' }), {
        actor: recsys,
      });
      await expect(again).rejects.toThrow(
        'name: a feature view named user_activity already exists',
      );
      await expect(again).rejects.toMatchObject({ name: 'ConflictError' });
    });

    it('stores the catalog form of the dataset ref', async () => {
      const { service } = await setup();
      const { featureView } = await service.create(
        view({ datasetRef: 'Resource:Clickstream-Events' }),
        { actor: recsys },
      );
      expect(featureView?.datasetRef).toBe(
        'resource:default/clickstream-events',
      );
    });

    it("refuses other teams' views", async () => {
      const { service, store } = await setup();
      const other = service.create(view({ teamRef: 'group:default/vision' }), {
        actor: recsys,
      });
      await expect(other).rejects.toThrow(
        'teamRef: you are not a member of group:default/vision',
      );
      await expect(other).rejects.toMatchObject({ name: 'NotAllowedError' });
      expect(await store.list()).toEqual([]);
    });

    it.each([
      [
        'resource:default/no-such-data',
        'datasetRef: there is no dataset resource:default/no-such-data in the catalog',
      ],
      [
        'resource:default/cluster-a',
        'datasetRef: there is no dataset resource:default/cluster-a in the catalog (it is a gpu-cluster)',
      ],
    ])('refuses %s as the dataset', async (datasetRef, message) => {
      const { service, store } = await setup();
      const create = service.create(view({ datasetRef }), { actor: recsys });
      await expect(create).rejects.toThrow(message);
      await expect(create).rejects.toMatchObject({ name: 'InputError' });
      expect(await store.list()).toEqual([]);
    });

    it('refuses a name the catalog already has', async () => {
      const { service } = await setup();
      const create = service.create(view({ name: 'session_events' }), {
        actor: recsys,
      });
      await expect(create).rejects.toThrow(
        'name: resource:default/session_events is already in the catalog',
      );
      await expect(create).rejects.toMatchObject({ name: 'ConflictError' });
    });

    it('checks without storing in a dry run', async () => {
      const { service, store } = await setup();
      expect(
        await service.create(view(), { actor: recsys, dryRun: true }),
      ).toEqual({});
      expect(await store.list()).toEqual([]);
      await expect(
        service.create(view({ datasetRef: 'resource:default/nothing' }), {
          actor: recsys,
          dryRun: true,
        }),
      ).rejects.toThrow('datasetRef: there is no dataset');
      await service.create(view(), { actor: recsys });
      await expect(
        service.create(view(), { actor: recsys, dryRun: true }),
      ).rejects.toThrow('name: a feature view named user_activity');
    });

    it('gives a retried request its first view back', async () => {
      const { service, store } = await setup();
      const ids: Array<string | undefined> = [];
      for (const _attempt of [1, 2]) {
        const { featureView } = await service.create(view(), {
          actor: recsys,
          idempotencyKey: 'task-7',
        });
        ids.push(featureView?.id);
      }
      expect(ids[0]).toBeDefined();
      expect(ids[1]).toBe(ids[0]);
      expect(await store.list()).toHaveLength(1);
    });

    it('answers concurrent retries and concurrent names as if they came in turn', async () => {
      const { service, store } = await setup();
      const retries = await Promise.all(
        [1, 2, 3].map(() =>
          service.create(view(), { actor: recsys, idempotencyKey: 'task-8' }),
        ),
      );
      expect(new Set(retries.map(r => r.featureView?.id)).size).toBe(1);

      const sameName = await Promise.allSettled(
        ['task-9', 'task-10'].map(key =>
          service.create(view({ name: 'user_clicks' }), {
            actor: recsys,
            idempotencyKey: key,
          }),
        ),
      );
      expect(sameName.map(r => r.status).sort()).toEqual([
        'fulfilled',
        'rejected',
      ]);
      expect(
        sameName.find(r => r.status === 'rejected') as PromiseRejectedResult,
      ).toMatchObject({ reason: { name: 'ConflictError' } });
      expect(await store.list()).toHaveLength(2);
    });
  });
});
