import { randomUUID } from 'node:crypto';
import { TestDatabases } from '@backstage/backend-test-utils';
import { modelRegistryEntryInputSchema } from '@ai-platform/plugin-ai-platform-common';
import { modelRegistryBody } from '../__testUtils__/modelRegistry';
import { connectAndMigrate } from '../database/migrate';
import { DatabaseModelRegistryStore } from './DatabaseModelRegistryStore';

const entry = (overrides: Record<string, unknown> = {}) => ({
  ...modelRegistryEntryInputSchema.parse(modelRegistryBody(overrides)),
  id: randomUUID(),
  createdBy: 'user:default/priya.raman',
});

describe('DatabaseModelRegistryStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function createStore(databaseId: string) {
    const knex = await databases.init(databaseId as any);
    return new DatabaseModelRegistryStore(
      await connectAndMigrate({ getClient: async () => knex }),
    );
  }

  it.each(databases.eachSupportedId())(
    'stores an entry with its definition and MLflow registration and reads it back on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      expect(await store.list()).toEqual([]);

      const registered = entry({ sourceUri: 's3://models/ranker/1' });
      const mlflow = {
        registeredModel: 'ranker',
        version: '1',
        url: 'http://mlflow:5000/#/models/ranker',
      };
      const stored = await store.insert({
        ...registered,
        mlflow,
        idempotencyKey: 'task-1',
      });
      expect(stored).toEqual({
        ...registered,
        mlflow,
        createdAt: expect.any(String),
      });
      expect(Date.parse(stored!.createdAt)).not.toBeNaN();
      expect(await store.list()).toEqual([stored]);
      expect(await store.findByName('ranker')).toEqual(stored);
      expect(await store.findByIdempotencyKey('task-1')).toEqual(stored);
      expect(await store.findByName('other')).toBeUndefined();
      expect(await store.findByIdempotencyKey('task-2')).toBeUndefined();

      // Without MLflow the entry has no registration, and no sourceUri if none was given.
      const plain = await store.insert(
        entry({ name: 'scorer', riskClass: 'minimal' }),
      );
      expect(plain).not.toHaveProperty('mlflow');
      expect(plain).not.toHaveProperty('sourceUri');
      expect(plain?.riskClass).toBe('minimal');
    },
  );

  it.each(databases.eachSupportedId())(
    'stores nothing for a name or key already stored on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const first = await store.insert({
        ...entry(),
        idempotencyKey: 'task-1',
      });
      // Entries without a key do not collide on it.
      expect(await store.insert(entry({ name: 'scorer' }))).toBeDefined();
      expect(await store.insert(entry({ name: 'tagger' }))).toBeDefined();

      expect(
        await store.insert(entry({ description: 'again' })),
      ).toBeUndefined();
      expect(
        await store.insert({
          ...entry({ name: 'other' }),
          idempotencyKey: 'task-1',
        }),
      ).toBeUndefined();
      expect((await store.list()).map(e => e.name).sort()).toEqual([
        'ranker',
        'scorer',
        'tagger',
      ]);
      expect(await store.findByName('ranker')).toEqual(first);
    },
  );
});
