import { Knex } from 'knex';

const LOCKS = 'ai_quota_pool_locks';

/**
 * The transaction that holds a pool's lock. Domains pass it to each other's services so that
 * what one reads for another (held quota, for a workspace) is read under the same lock.
 */
export type PoolTransaction = Knex.Transaction;

/**
 * Runs `fn` in one transaction holding a GPU pool's lock: every change to the pool's
 * allocations (quotas, and workspaces that use them) takes this lock, on every replica, so
 * they run one after another. The update takes the row's write lock on PostgreSQL and the
 * database's on SQLite, and holds it to commit.
 */
export async function inPoolLock<T>(
  db: Knex,
  pool: { clusterRef: string; gpuModel: string },
  fn: (tx: PoolTransaction) => Promise<T>,
): Promise<T> {
  const poolKey = `${pool.clusterRef}|${pool.gpuModel}`;
  return db.transaction(async tx => {
    await tx(LOCKS)
      .insert({ pool_key: poolKey, version: 0 })
      .onConflict('pool_key')
      .ignore();
    await tx(LOCKS).where({ pool_key: poolKey }).increment('version', 1);
    return fn(tx);
  });
}
