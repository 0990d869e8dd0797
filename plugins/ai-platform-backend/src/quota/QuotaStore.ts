import {
  QuotaRequest,
  QuotaStatus,
} from '@ai-platform/plugin-ai-platform-common';
import { PoolTransaction } from '../database/poolLock';

export type NewQuotaRequest = Omit<QuotaRequest, 'id' | 'createdAt'> & {
  idempotencyKey?: string;
};

export interface QuotaDecisionPatch {
  status: QuotaStatus;
  decidedBy?: string;
  decidedAt?: string;
  decisionReason?: string;
}

export interface QuotaFilter {
  teamRefs?: string[];
  clusterRef?: string;
  gpuModel?: string;
  statuses?: readonly QuotaStatus[];
  /** Only requests whose window overlaps [from, to). */
  from?: Date;
  to?: Date;
}

/** The ledger as seen while one pool is locked. */
export interface LockedLedger {
  list(filter: QuotaFilter): Promise<QuotaRequest[]>;
  get(id: string): Promise<QuotaRequest | undefined>;
  insert(request: NewQuotaRequest): Promise<QuotaRequest>;
  update(id: string, patch: QuotaDecisionPatch): Promise<QuotaRequest>;
}

export interface QuotaStore {
  /**
   * Runs `fn` in one transaction holding the pool's lock: no other change to the pool's
   * allocations, on any replica, can happen until it returns. Rolls back if `fn` throws.
   */
  withPoolLocked<T>(
    pool: { clusterRef: string; gpuModel: string },
    fn: (ledger: LockedLedger) => Promise<T>,
  ): Promise<T>;
  /** With a transaction, reads inside it (another domain's work under the pool's lock). */
  list(
    filter: QuotaFilter,
    transaction?: PoolTransaction,
  ): Promise<QuotaRequest[]>;
  get(id: string): Promise<QuotaRequest | undefined>;
  findByIdempotencyKey(key: string): Promise<QuotaRequest | undefined>;
  /** Moves approved quotas whose window began to active, and ended ones to expired. */
  advanceLifecycle(now: Date): Promise<{ activated: number; expired: number }>;
}
