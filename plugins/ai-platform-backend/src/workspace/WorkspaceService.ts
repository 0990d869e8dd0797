import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  MlWorkspace,
  WorkspaceDecision,
  WorkspaceInput,
} from '@ai-platform/plugin-ai-platform-common';
import { PoolStore } from '../pools/PoolStore';
import { Actor } from '../quota/QuotaService';
import { DatabaseWorkspaceStore } from './DatabaseWorkspaceStore';

/**
 * Workspaces use GPUs of quota their team holds now: the GPUs of all the team's workspaces on
 * a pool never exceed the team's approved or active quota there.
 */
export class WorkspaceService {
  constructor(
    private readonly options: {
      store: DatabaseWorkspaceStore;
      poolStore: PoolStore;
      now?: () => Date;
    },
  ) {}

  async create(
    input: WorkspaceInput,
    options: { actor: Actor; idempotencyKey?: string; dryRun?: boolean },
  ): Promise<{ workspace?: MlWorkspace; decision: WorkspaceDecision }> {
    const { actor, idempotencyKey, dryRun = false } = options;
    if (!actor.ownershipRefs.includes(input.teamRef)) {
      throw new NotAllowedError(
        `teamRef: you are not a member of ${input.teamRef}`,
      );
    }
    if (idempotencyKey && !dryRun) {
      const existing = await this.options.store.findByIdempotencyKey(
        idempotencyKey,
      );
      if (existing) {
        return {
          workspace: existing,
          decision: { teamQuotaGpus: 0, usedByOtherWorkspaces: 0 },
        };
      }
    }
    const pools = await this.options.poolStore.listPools();
    if (
      !pools.some(
        p => p.clusterRef === input.clusterRef && p.gpuModel === input.gpuModel,
      )
    ) {
      throw new InputError(
        `gpuModel: there is no ${input.gpuModel} pool on ${input.clusterRef}`,
      );
    }
    const now = this.options.now?.() ?? new Date();
    return this.options.store.createInPool(
      { ...input, createdBy: actor.userRef, idempotencyKey },
      now,
      ({ heldQuotas, workspaces, nameTaken }) => {
        if (nameTaken) {
          throw new ConflictError(
            `name: a workspace named ${input.name} already exists`,
          );
        }
        const teamQuotaGpus = heldQuotas.reduce(
          (sum, q) => sum + q.gpuCount,
          0,
        );
        const usedByOtherWorkspaces = workspaces.reduce(
          (sum, w) => sum + w.gpuCount,
          0,
        );
        if (usedByOtherWorkspaces + input.gpuCount > teamQuotaGpus) {
          throw new InputError(
            `gpuCount: ${input.teamRef} holds ${teamQuotaGpus} ${input.gpuModel} GPUs on ${input.clusterRef} now and its workspaces use ${usedByOtherWorkspaces}; request GPU quota first`,
          );
        }
        return { teamQuotaGpus, usedByOtherWorkspaces };
      },
      dryRun,
    );
  }
}
