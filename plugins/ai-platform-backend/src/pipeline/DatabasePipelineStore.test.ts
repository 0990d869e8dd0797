import { TestDatabases } from '@backstage/backend-test-utils';
import { pipelineInputSchema } from '@ai-platform/plugin-ai-platform-common';
import { pipelineBody } from '../__testUtils__/pipelines';
import { connectAndMigrate } from '../database/migrate';
import { DatabasePipelineStore } from './DatabasePipelineStore';

const pipeline = (overrides: Record<string, unknown> = {}) => ({
  ...pipelineInputSchema.parse(pipelineBody(overrides)),
  createdBy: 'user:default/priya.raman',
});

const snapshot = (fetchedAt: string, runIds: string[]) => ({
  dagId: 'ranker-retrain',
  limit: 25,
  offset: 0,
  runs: runIds.map(runId => ({
    runId,
    state: 'success',
    runType: 'scheduled',
    startDate: '2026-11-28T01:01:00.000Z',
    endDate: '2026-11-28T01:31:00.000Z',
    durationSeconds: 1800,
  })),
  totalEntries: runIds.length,
  fetchedAt,
});

describe('DatabasePipelineStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function createStore(databaseId: string) {
    const knex = await databases.init(databaseId as any);
    return new DatabasePipelineStore(
      await connectAndMigrate({ getClient: async () => knex }),
    );
  }

  it.each(databases.eachSupportedId())(
    'stores a pipeline with its definition and reads it back on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      expect(await store.list()).toEqual([]);

      const stored = await store.insert({
        ...pipeline(),
        idempotencyKey: 'task-1',
      });
      expect(stored).toEqual({
        ...pipeline(),
        id: expect.any(String),
        createdAt: expect.any(String),
      });
      expect(Date.parse(stored!.createdAt)).not.toBeNaN();
      expect(await store.list()).toEqual([stored]);
      expect(await store.findByName('ranker-retrain')).toEqual(stored);
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
        ...pipeline(),
        idempotencyKey: 'task-1',
      });
      // Pipelines without a key do not collide on it.
      expect(await store.insert(pipeline({ name: 'features' }))).toBeDefined();
      expect(await store.insert(pipeline({ name: 'publish' }))).toBeDefined();

      expect(
        await store.insert(pipeline({ description: 'again' })),
      ).toBeUndefined();
      expect(
        await store.insert({
          ...pipeline({ name: 'other' }),
          idempotencyKey: 'task-1',
        }),
      ).toBeUndefined();
      expect((await store.list()).map(p => p.name).sort()).toEqual([
        'features',
        'publish',
        'ranker-retrain',
      ]);
      expect(await store.findByName('ranker-retrain')).toEqual(first);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the latest page of runs per DAG, limit and offset on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      expect(
        await store.findRunSnapshot('ranker-retrain', 25, 0),
      ).toBeUndefined();

      const first = snapshot('2026-11-28T02:00:00.000Z', ['a']);
      await store.saveRunSnapshot(first);
      expect(await store.findRunSnapshot('ranker-retrain', 25, 0)).toEqual(
        first,
      );

      const later = snapshot('2026-11-28T03:00:00.000Z', ['b', 'a']);
      await store.saveRunSnapshot(later);
      // A replica that read Airflow earlier but writes last does not win.
      await store.saveRunSnapshot(snapshot('2026-11-28T02:30:00.000Z', []));
      expect(await store.findRunSnapshot('ranker-retrain', 25, 0)).toEqual(
        later,
      );

      const otherPage = { ...first, offset: 25 };
      const otherDag = { ...first, dagId: 'features' };
      await store.saveRunSnapshot(otherPage);
      await store.saveRunSnapshot(otherDag);
      expect(await store.findRunSnapshot('ranker-retrain', 25, 25)).toEqual(
        otherPage,
      );
      expect(
        await store.findRunSnapshot('ranker-retrain', 10, 0),
      ).toBeUndefined();

      await store.deleteRunSnapshots('ranker-retrain');
      expect(
        await store.findRunSnapshot('ranker-retrain', 25, 0),
      ).toBeUndefined();
      expect(
        await store.findRunSnapshot('ranker-retrain', 25, 25),
      ).toBeUndefined();
      expect(await store.findRunSnapshot('features', 25, 0)).toEqual(otherDag);
    },
  );
});
