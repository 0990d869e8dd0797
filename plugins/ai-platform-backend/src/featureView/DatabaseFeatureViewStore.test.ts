import { TestDatabases } from '@backstage/backend-test-utils';
import {
  FeatureViewInput,
  featureViewInputSchema,
} from '@ai-platform/plugin-ai-platform-common';
import { featureViewBody } from '../__testUtils__/featureViews';
import { connectAndMigrate } from '../database/migrate';
import { DatabaseFeatureViewStore } from './DatabaseFeatureViewStore';

const input = (overrides: Record<string, unknown> = {}): FeatureViewInput =>
  featureViewInputSchema.parse(featureViewBody(overrides));

describe('DatabaseFeatureViewStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function createStore(databaseId: string) {
    const knex = await databases.init(databaseId as any);
    return new DatabaseFeatureViewStore(
      await connectAndMigrate({ getClient: async () => knex }),
    );
  }

  it.each(databases.eachSupportedId())(
    'stores a view with its definition and reads it back on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      expect(await store.list()).toEqual([]);

      const stored = await store.insert({
        ...input({ online: false, ttlSeconds: 0 }),
        createdBy: 'user:default/priya.raman',
        idempotencyKey: 'task-1',
      });
      expect(stored).toEqual({
        ...input({ online: false, ttlSeconds: 0 }),
        id: expect.any(String),
        createdBy: 'user:default/priya.raman',
        createdAt: expect.any(String),
      });
      expect(Date.parse(stored!.createdAt)).not.toBeNaN();
      expect(await store.list()).toEqual([stored]);
      expect(await store.findByName('user_activity')).toEqual(stored);
      expect(await store.findByIdempotencyKey('task-1')).toEqual(stored);
      expect(await store.findByName('other')).toBeUndefined();
      expect(await store.findByIdempotencyKey('task-2')).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'stores nothing for a name or key already stored on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const first = await store.insert({
        ...input(),
        createdBy: 'user:default/priya.raman',
        idempotencyKey: 'task-1',
      });
      // Views without a key do not collide on it.
      const second = await store.insert({
        ...input({ name: 'user_profile' }),
        createdBy: 'user:default/priya.raman',
      });
      const third = await store.insert({
        ...input({ name: 'user_clicks' }),
        createdBy: 'user:default/priya.raman',
      });
      expect(second).toBeDefined();
      expect(third).toBeDefined();

      expect(
        await store.insert({
          ...input({ description: 'again' }),
          createdBy: 'user:default/someone',
        }),
      ).toBeUndefined();
      expect(
        await store.insert({
          ...input({ name: 'user_other' }),
          createdBy: 'user:default/priya.raman',
          idempotencyKey: 'task-1',
        }),
      ).toBeUndefined();
      expect((await store.list()).map(v => v.name).sort()).toEqual([
        'user_activity',
        'user_clicks',
        'user_profile',
      ]);
      expect(await store.findByName('user_activity')).toEqual(first);
    },
  );
});
