import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabasePoolStore } from './DatabasePoolStore';
import { connectAndMigrate } from '../database/migrate';

describe('DatabasePoolStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function createStore(databaseId: string) {
    const knex = await databases.init(databaseId as any);
    const db = await connectAndMigrate({ getClient: async () => knex });
    return new DatabasePoolStore(db);
  }

  it.each(databases.eachSupportedId())(
    'replaces and lists pools on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      expect(await store.listPools()).toEqual([]);

      await store.replaceAll([
        {
          clusterRef: 'resource:default/cluster-b',
          gpuModel: 'H200-141GB',
          memoryGiB: 141,
          capacity: 32,
          syncedAt: '2026-11-23T10:00:00.000Z',
        },
        {
          clusterRef: 'resource:default/cluster-a',
          gpuModel: 'H100-80GB',
          memoryGiB: 80,
          capacity: 64,
          syncedAt: '2026-11-23T10:00:00.000Z',
        },
      ]);
      expect(await store.listPools()).toEqual([
        {
          clusterRef: 'resource:default/cluster-a',
          gpuModel: 'H100-80GB',
          memoryGiB: 80,
          capacity: 64,
          syncedAt: '2026-11-23T10:00:00.000Z',
        },
        {
          clusterRef: 'resource:default/cluster-b',
          gpuModel: 'H200-141GB',
          memoryGiB: 141,
          capacity: 32,
          syncedAt: '2026-11-23T10:00:00.000Z',
        },
      ]);

      // A cluster that left the catalog leaves the store.
      await store.replaceAll([
        {
          clusterRef: 'resource:default/cluster-a',
          gpuModel: 'H100-80GB',
          memoryGiB: 80,
          capacity: 48,
          syncedAt: '2026-11-23T11:00:00.000Z',
        },
      ]);
      expect(await store.listPools()).toEqual([
        {
          clusterRef: 'resource:default/cluster-a',
          gpuModel: 'H100-80GB',
          memoryGiB: 80,
          capacity: 48,
          syncedAt: '2026-11-23T11:00:00.000Z',
        },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the old pools when a replacement fails on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const pool = {
        clusterRef: 'resource:default/cluster-a',
        gpuModel: 'H100-80GB',
        memoryGiB: 80,
        capacity: 64,
        syncedAt: '2026-11-23T10:00:00.000Z',
      };
      await store.replaceAll([pool]);
      // The same primary key twice violates the table's key: the whole replacement rolls back.
      await expect(
        store.replaceAll([pool, { ...pool, capacity: 1 }]),
      ).rejects.toThrow();
      expect(await store.listPools()).toEqual([pool]);
    },
  );
});
