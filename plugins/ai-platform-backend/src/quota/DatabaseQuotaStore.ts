import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import {
  QuotaRequest,
  QuotaStatus,
} from '@ai-platform/plugin-ai-platform-common';
import {
  LockedLedger,
  NewQuotaRequest,
  QuotaDecisionPatch,
  QuotaFilter,
  QuotaStore,
} from './QuotaStore';

import { inPoolLock } from '../database/poolLock';

const REQUESTS = 'ai_quota_requests';

interface QuotaRow {
  id: string;
  team_ref: string;
  cluster_ref: string;
  gpu_model: string;
  gpu_count: number;
  starts_at: Date | string | number;
  ends_at: Date | string | number;
  preemptible: boolean | number;
  justification: string;
  status: QuotaStatus;
  requested_by: string;
  created_at: Date | string | number;
  decided_by: string | null;
  decided_at: Date | string | number | null;
  decision_reason: string | null;
  idempotency_key: string | null;
}

// SQLite hands timestamps back as epoch milliseconds or strings, PostgreSQL as Date.
const iso = (value: Date | string | number) => new Date(value).toISOString();

function fromRow(row: QuotaRow): QuotaRequest {
  return {
    id: row.id,
    teamRef: row.team_ref,
    clusterRef: row.cluster_ref,
    gpuModel: row.gpu_model,
    gpuCount: Number(row.gpu_count),
    startsAt: iso(row.starts_at),
    endsAt: iso(row.ends_at),
    preemptible: Boolean(row.preemptible),
    justification: row.justification,
    status: row.status,
    requestedBy: row.requested_by,
    createdAt: iso(row.created_at),
    ...(row.decided_by ? { decidedBy: row.decided_by } : {}),
    ...(row.decided_at ? { decidedAt: iso(row.decided_at) } : {}),
    ...(row.decision_reason ? { decisionReason: row.decision_reason } : {}),
  };
}

function applyFilter(query: Knex.QueryBuilder, filter: QuotaFilter) {
  if (filter.teamRefs) query.whereIn('team_ref', filter.teamRefs);
  if (filter.clusterRef) query.where('cluster_ref', filter.clusterRef);
  if (filter.gpuModel) query.where('gpu_model', filter.gpuModel);
  if (filter.statuses)
    query.whereIn('status', filter.statuses as QuotaStatus[]);
  if (filter.to) query.where('starts_at', '<', filter.to);
  if (filter.from) query.where('ends_at', '>', filter.from);
  return query;
}

async function listQuotasIn(
  tx: Knex | Knex.Transaction,
  filter: QuotaFilter,
): Promise<QuotaRequest[]> {
  const rows: QuotaRow[] = await applyFilter(tx(REQUESTS).select(), filter);
  return rows.map(fromRow);
}

class DatabaseLockedLedger implements LockedLedger {
  constructor(private readonly tx: Knex.Transaction) {}

  list(filter: QuotaFilter): Promise<QuotaRequest[]> {
    return listQuotasIn(this.tx, filter);
  }

  async get(id: string) {
    const row = await this.tx<QuotaRow>(REQUESTS).where({ id }).first();
    return row ? fromRow(row) : undefined;
  }

  async insert(request: NewQuotaRequest) {
    const id = randomUUID();
    await this.tx(REQUESTS).insert({
      id,
      team_ref: request.teamRef,
      cluster_ref: request.clusterRef,
      gpu_model: request.gpuModel,
      gpu_count: request.gpuCount,
      starts_at: new Date(request.startsAt),
      ends_at: new Date(request.endsAt),
      preemptible: request.preemptible,
      justification: request.justification,
      status: request.status,
      requested_by: request.requestedBy,
      created_at: new Date(),
      decided_by: request.decidedBy ?? null,
      decided_at: request.decidedAt ? new Date(request.decidedAt) : null,
      decision_reason: request.decisionReason ?? null,
      idempotency_key: request.idempotencyKey ?? null,
    });
    return (await this.get(id))!;
  }

  async update(id: string, patch: QuotaDecisionPatch) {
    await this.tx(REQUESTS)
      .where({ id })
      .update({
        status: patch.status,
        ...(patch.decidedBy !== undefined
          ? { decided_by: patch.decidedBy }
          : {}),
        ...(patch.decidedAt !== undefined
          ? { decided_at: new Date(patch.decidedAt) }
          : {}),
        ...(patch.decisionReason !== undefined
          ? { decision_reason: patch.decisionReason }
          : {}),
      });
    return (await this.get(id))!;
  }
}

export class DatabaseQuotaStore implements QuotaStore {
  constructor(private readonly db: Knex) {}

  async withPoolLocked<T>(
    pool: { clusterRef: string; gpuModel: string },
    fn: (ledger: LockedLedger) => Promise<T>,
  ): Promise<T> {
    return inPoolLock(this.db, pool, tx => fn(new DatabaseLockedLedger(tx)));
  }

  async list(
    filter: QuotaFilter,
    transaction?: Knex.Transaction,
  ): Promise<QuotaRequest[]> {
    const rows: QuotaRow[] = await applyFilter(
      (transaction ?? this.db)(REQUESTS).select(),
      filter,
    ).orderBy('created_at', 'desc');
    return rows.map(fromRow);
  }

  async get(id: string) {
    const row = await this.db<QuotaRow>(REQUESTS).where({ id }).first();
    return row ? fromRow(row) : undefined;
  }

  async findByIdempotencyKey(key: string) {
    const row = await this.db<QuotaRow>(REQUESTS)
      .where({ idempotency_key: key })
      .first();
    return row ? fromRow(row) : undefined;
  }

  async advanceLifecycle(now: Date) {
    // Releases GPUs only, so it needs no pool lock.
    const expired = await this.db(REQUESTS)
      .whereIn('status', ['approved', 'active'])
      .where('ends_at', '<=', now)
      .update({ status: 'expired' });
    const activated = await this.db(REQUESTS)
      .where('status', 'approved')
      .where('starts_at', '<=', now)
      .update({ status: 'active' });
    return { activated, expired };
  }
}
