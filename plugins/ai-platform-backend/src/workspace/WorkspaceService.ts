import { ConflictError, InputError } from '@backstage/errors';
import {
  ALLOCATING_STATUSES,
  MlWorkspace,
  WorkspaceInput,
  WorkspaceResult,
  workspaceImageProblem,
} from '@ai-platform/plugin-ai-platform-common';
import { PoolsService } from '../pools';
import { QuotaService } from '../quota';
import { CreateOptions } from '../shared/RequestContext';
import { beginTeamCreate } from '../shared/teamCreate';
import { WorkspaceStore } from './WorkspaceStore';

/**
 * Workspaces use GPUs of quota their team holds now: the GPUs of all the team's workspaces on
 * a pool never exceed the team's approved or active quota there.
 */
export class WorkspaceService {
  constructor(
    private readonly options: {
      store: WorkspaceStore;
      pools: PoolsService;
      quotas: QuotaService;
      /** The images a workspace may run (`aiPlatform.workspace.images`); any when unset. */
      images?: string[];
      now?: () => Date;
    },
  ) {}

  list(): Promise<MlWorkspace[]> {
    return this.options.store.list();
  }

  /** The images a workspace may run, the default first; none when any image goes. */
  images(): string[] {
    return this.options.images ?? [];
  }

  async create(
    input: WorkspaceInput,
    options: CreateOptions,
  ): Promise<WorkspaceResult> {
    const { actor, idempotencyKey, dryRun = false } = options;
    const existing = await beginTeamCreate(input.teamRef, options, key =>
      this.options.store.findByIdempotencyKey(key),
    );
    if (existing) {
      return {
        workspace: existing,
        decision: { teamQuotaGpus: 0, usedByOtherWorkspaces: 0 },
      };
    }
    // Checked here too, not only by the template's action: API callers create workspaces too.
    const imageProblem = workspaceImageProblem(
      this.options.images,
      input.image,
    );
    if (imageProblem) {
      throw new InputError(imageProblem);
    }
    if (!(await this.options.pools.findPool(input))) {
      throw new InputError(
        `gpuModel: there is no ${input.gpuModel} pool on ${input.clusterRef}`,
      );
    }
    const now = this.options.now?.() ?? new Date();
    return this.options.store.createInPool(
      { ...input, createdBy: actor.userRef, idempotencyKey },
      transaction =>
        this.options.quotas.list(
          {
            teamRefs: [input.teamRef],
            clusterRef: input.clusterRef,
            gpuModel: input.gpuModel,
            statuses: ALLOCATING_STATUSES,
            from: now,
            to: new Date(now.getTime() + 1),
          },
          { transaction },
        ),
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
