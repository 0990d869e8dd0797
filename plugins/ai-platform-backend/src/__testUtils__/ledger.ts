import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { connectAndMigrate } from '../database/migrate';
import { DatabaseInventoryStore } from '../pools/DatabaseInventoryStore';
import { DatabasePoolStore } from '../pools/DatabasePoolStore';
import { PoolsService } from '../pools/PoolsService';
import { DatabaseQuotaStore } from '../quota/DatabaseQuotaStore';
import { QuotaPolicy } from '../quota/policy';
import { QuotaService } from '../quota/QuotaService';

export const CLUSTER = 'resource:default/cluster-a';
export const H100 = 'H100-SXM5-80GB';
export const NOW = new Date('2026-11-23T12:00:00Z');

export const policy: QuotaPolicy = {
  autoApproveGpus: 8,
  teamAutoApproveGpus: { 'group:default/llm-research': 16 },
  maxWindowDays: 90,
};

export const actor = (team: string, user = 'user:default/someone') => ({
  userRef: user,
  ownershipRefs: [user, team],
});

export function requestInput(overrides: Record<string, unknown> = {}) {
  return {
    teamRef: 'group:default/recsys',
    clusterRef: CLUSTER,
    gpuModel: H100,
    gpuCount: 4,
    startsAt: '2026-12-01T00:00:00Z',
    endsAt: '2026-12-08T00:00:00Z',
    preemptible: false,
    justification: 'Retraining the ranker on December data',
    ...overrides,
  };
}

/** A migrated database with one 64-GPU pool, its stores, and the pool and quota services. */
export async function createLedger(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  capacity = 64,
) {
  const knex = await databases.init(databaseId);
  const db = await connectAndMigrate({ getClient: async () => knex });
  const poolStore = new DatabasePoolStore(db);
  await poolStore.replaceAll([
    {
      clusterRef: CLUSTER,
      gpuModel: H100,
      memoryGiB: 80,
      capacity,
      syncedAt: NOW.toISOString(),
    },
  ]);
  const pools = new PoolsService({
    store: poolStore,
    inventory: new DatabaseInventoryStore(db),
    catalog: catalogServiceMock(),
    auth: mockServices.auth(),
    sources: [],
    logger: mockServices.logger.mock(),
  });
  const store = new DatabaseQuotaStore(db);
  const notifications = { send: jest.fn() };
  const service = new QuotaService({
    store,
    pools,
    policy,
    logger: mockServices.logger.mock(),
    notifications,
    now: () => NOW,
  });
  return { knex, store, poolStore, pools, service, notifications };
}
