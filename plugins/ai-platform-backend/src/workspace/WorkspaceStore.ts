import {
  MlWorkspace,
  QuotaRequest,
  WorkspaceInput,
} from '@ai-platform/plugin-ai-platform-common';
import { PoolTransaction } from '../database/poolLock';

/** What a workspace's pool holds for its team, read under the pool's lock. */
export interface TeamPoolState {
  heldQuotas: QuotaRequest[];
  workspaces: MlWorkspace[];
  nameTaken: boolean;
}

/** The ML workspaces the ledger records. */
export interface WorkspaceStore {
  list(filter?: { teamRefs?: string[] }): Promise<MlWorkspace[]>;
  findByIdempotencyKey(key: string): Promise<MlWorkspace | undefined>;
  /**
   * Under the pool's lock: reads the team's held quota (through `heldQuotasIn`, inside the same
   * transaction) and workspaces on the pool, lets `decide` check them (it throws to refuse),
   * then stores the workspace unless `dryRun`.
   */
  createInPool<T>(
    input: WorkspaceInput & { createdBy: string; idempotencyKey?: string },
    heldQuotasIn: (tx: PoolTransaction) => Promise<QuotaRequest[]>,
    decide: (state: TeamPoolState) => T,
    dryRun: boolean,
  ): Promise<{ decision: T; workspace?: MlWorkspace }>;
}
