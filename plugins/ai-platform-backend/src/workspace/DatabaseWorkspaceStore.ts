import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import {
  MlWorkspace,
  QuotaRequest,
  WorkspaceInput,
} from '@ai-platform/plugin-ai-platform-common';
import { inPoolLock } from '../database/poolLock';
import { TeamPoolState, WorkspaceStore } from './WorkspaceStore';

const TABLE = 'ai_workspaces';

interface WorkspaceRow {
  id: string;
  name: string;
  team_ref: string;
  cluster_ref: string;
  gpu_model: string;
  gpu_count: number;
  image: string;
  created_by: string;
  created_at: Date | string | number;
  idempotency_key: string | null;
}

function fromRow(row: WorkspaceRow): MlWorkspace {
  return {
    id: row.id,
    name: row.name,
    teamRef: row.team_ref,
    clusterRef: row.cluster_ref,
    gpuModel: row.gpu_model,
    gpuCount: Number(row.gpu_count),
    image: row.image,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export class DatabaseWorkspaceStore implements WorkspaceStore {
  constructor(private readonly db: Knex) {}

  async list(filter: { teamRefs?: string[] } = {}): Promise<MlWorkspace[]> {
    const query = this.db<WorkspaceRow>(TABLE)
      .select()
      .orderBy('created_at', 'desc');
    if (filter.teamRefs) query.whereIn('team_ref', filter.teamRefs);
    return (await query).map(fromRow);
  }

  async findByIdempotencyKey(key: string): Promise<MlWorkspace | undefined> {
    const row = await this.db<WorkspaceRow>(TABLE)
      .where({ idempotency_key: key })
      .first();
    return row ? fromRow(row) : undefined;
  }

  async createInPool<T>(
    input: WorkspaceInput & { createdBy: string; idempotencyKey?: string },
    heldQuotasIn: (tx: Knex.Transaction) => Promise<QuotaRequest[]>,
    decide: (state: TeamPoolState) => T,
    dryRun: boolean,
  ): Promise<{ decision: T; workspace?: MlWorkspace }> {
    return inPoolLock(this.db, input, async tx => {
      const heldQuotas = await heldQuotasIn(tx);
      const workspaces = (
        await tx<WorkspaceRow>(TABLE).where({
          team_ref: input.teamRef,
          cluster_ref: input.clusterRef,
          gpu_model: input.gpuModel,
        })
      ).map(fromRow);
      const nameTaken = Boolean(
        await tx(TABLE).where({ name: input.name }).first(),
      );
      const decision = decide({ heldQuotas, workspaces, nameTaken });
      if (dryRun) {
        return { decision };
      }
      const id = randomUUID();
      await tx(TABLE).insert({
        id,
        name: input.name,
        team_ref: input.teamRef,
        cluster_ref: input.clusterRef,
        gpu_model: input.gpuModel,
        gpu_count: input.gpuCount,
        image: input.image,
        created_by: input.createdBy,
        created_at: new Date(),
        idempotency_key: input.idempotencyKey ?? null,
      });
      const row = await tx<WorkspaceRow>(TABLE).where({ id }).first();
      return { decision, workspace: fromRow(row!) };
    });
  }
}
