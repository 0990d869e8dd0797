import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  ALLOCATING_STATUSES,
  allocationSteps,
  GpuPool,
  peakAllocation,
  PoolAllocation,
  QuotaDecision,
  QuotaRequest,
  QuotaRequestInput,
  QuotaRequestResult,
} from '@ai-platform/plugin-ai-platform-common';
import { PoolsService } from '../pools';
import { Actor, CreateOptions } from '../shared/RequestContext';
import { beginTeamCreate } from '../shared/teamCreate';
import { autoApproveLimit, QuotaPolicy } from './policy';
import { LockedLedger, QuotaFilter, QuotaStore } from './QuotaStore';
import { PoolTransaction } from '../database/poolLock';

const DAY_MS = 86_400_000;

const toAllocation = (q: QuotaRequest) => ({
  start: Date.parse(q.startsAt),
  end: Date.parse(q.endsAt),
  count: q.gpuCount,
});

/** The quota ledger's rules: capacity, policy, approvals and who is told. */
export class QuotaService {
  constructor(
    private readonly options: {
      store: QuotaStore;
      pools: PoolsService;
      policy: QuotaPolicy;
      logger: LoggerService;
      notifications?: NotificationService;
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.options.now?.() ?? new Date();
  }

  /** Validates the request against the pools and policy; throws InputError naming the field. */
  private async checkRequest(input: QuotaRequestInput): Promise<GpuPool> {
    const pools = await this.options.pools.listPools();
    const ofCluster = pools.filter(p => p.clusterRef === input.clusterRef);
    if (ofCluster.length === 0) {
      throw new InputError(
        `clusterRef: there is no GPU cluster ${input.clusterRef}`,
      );
    }
    const pool = ofCluster.find(p => p.gpuModel === input.gpuModel);
    if (!pool) {
      throw new InputError(
        `gpuModel: ${input.clusterRef} has no ${
          input.gpuModel
        } pool; it has ${ofCluster.map(p => p.gpuModel).join(', ')}`,
      );
    }
    if (input.gpuCount > pool.capacity) {
      throw new InputError(
        `gpuCount: ${input.gpuCount} GPUs exceed the pool's capacity of ${pool.capacity}`,
      );
    }
    const start = Date.parse(input.startsAt);
    const end = Date.parse(input.endsAt);
    if (end <= this.now().getTime()) {
      throw new InputError('endsAt: must be in the future');
    }
    const days = (end - start) / DAY_MS;
    if (days > this.options.policy.maxWindowDays) {
      throw new InputError(
        `endsAt: the window is ${Math.ceil(days)} days; policy allows at most ${
          this.options.policy.maxWindowDays
        }`,
      );
    }
    return pool;
  }

  /** The most GPUs of the pool held at once in the window, and the room left; under the lock. */
  private async poolPeak(
    ledger: LockedLedger,
    q: Pick<QuotaRequest, 'clusterRef' | 'gpuModel' | 'startsAt' | 'endsAt'>,
  ) {
    const from = new Date(q.startsAt);
    const to = new Date(q.endsAt);
    const held = await ledger.list({
      clusterRef: q.clusterRef,
      gpuModel: q.gpuModel,
      statuses: ALLOCATING_STATUSES,
      from,
      to,
    });
    return peakAllocation(held.map(toAllocation), from.getTime(), to.getTime());
  }

  /** Quota requests, newest first; with a transaction, read inside a caller's pool lock. */
  list(
    filter: QuotaFilter,
    options: { transaction?: PoolTransaction } = {},
  ): Promise<QuotaRequest[]> {
    return this.options.store.list(filter, options.transaction);
  }

  /** Capacity against allocated GPUs per pool over [from, to), as step series for charts. */
  async allocation(from: Date, to: Date): Promise<PoolAllocation[]> {
    const [pools, held] = await Promise.all([
      this.options.pools.listPools(),
      this.list({ statuses: ALLOCATING_STATUSES, from, to }),
    ]);
    return pools.map(pool => ({
      clusterRef: pool.clusterRef,
      gpuModel: pool.gpuModel,
      capacity: pool.capacity,
      steps: allocationSteps(
        held
          .filter(
            q =>
              q.clusterRef === pool.clusterRef && q.gpuModel === pool.gpuModel,
          )
          .map(toAllocation),
        from.getTime(),
        to.getTime(),
      ).map(step => ({
        at: new Date(step.at).toISOString(),
        allocated: step.allocated,
      })),
    }));
  }

  /** Moves quotas whose window began to active and ended ones to expired (scheduled). */
  advanceLifecycle() {
    return this.options.store.advanceLifecycle(this.now());
  }

  async request(
    input: QuotaRequestInput,
    options: CreateOptions,
  ): Promise<QuotaRequestResult> {
    const { actor, idempotencyKey, dryRun } = options;
    const existing = await beginTeamCreate(input.teamRef, options, key =>
      this.options.store.findByIdempotencyKey(key),
    );
    if (existing) {
      return { request: existing, decision: await this.describe(existing) };
    }
    const pool = await this.checkRequest(input);
    const limit = autoApproveLimit(this.options.policy, input.teamRef);

    const result = await this.options.store.withPoolLocked(
      input,
      async ledger => {
        const peak = await this.poolPeak(ledger, input);
        if (peak + input.gpuCount > pool.capacity) {
          throw new ConflictError(
            `gpuCount: only ${pool.capacity - peak} of ${pool.capacity} ${
              input.gpuModel
            } GPUs are free for the whole window`,
          );
        }
        const teamHeld = await ledger.list({
          teamRefs: [input.teamRef],
          statuses: ALLOCATING_STATUSES,
          from: new Date(input.startsAt),
          to: new Date(input.endsAt),
        });
        const teamPeak = peakAllocation(
          teamHeld.map(toAllocation),
          Date.parse(input.startsAt),
          Date.parse(input.endsAt),
        );
        const decision: QuotaDecision =
          teamPeak + input.gpuCount <= limit
            ? {
                status: 'approved',
                reason: `Auto-approved: the team holds at most ${
                  teamPeak + input.gpuCount
                } of its ${limit} auto-approved GPUs in the window`,
                peakAllocated: peak,
                capacity: pool.capacity,
              }
            : {
                status: 'requested',
                reason: `Waiting for a platform admin: the team would hold ${
                  teamPeak + input.gpuCount
                } GPUs, above its auto-approve limit of ${limit}`,
                peakAllocated: peak,
                capacity: pool.capacity,
              };
        if (dryRun) {
          return { decision };
        }
        const now = this.now().toISOString();
        const request = await ledger.insert({
          ...input,
          status: decision.status,
          requestedBy: actor.userRef,
          idempotencyKey,
          ...(decision.status === 'approved'
            ? {
                decidedBy: 'policy:auto-approve',
                decidedAt: now,
                decisionReason: decision.reason,
              }
            : {}),
        });
        return { request, decision };
      },
    );

    if (result.request) {
      this.options.logger.info(
        `Quota request ${result.request.id}: ${input.gpuCount}× ${input.gpuModel} on ${input.clusterRef} for ${input.teamRef} is ${result.decision.status}`,
      );
      await this.notify(result.request);
    }
    return result;
  }

  /** The decision a stored request stands for, for idempotent replays. */
  private async describe(request: QuotaRequest): Promise<QuotaDecision> {
    const pool = await this.options.pools.findPool(request);
    return {
      status:
        request.status === 'approved' || request.status === 'active'
          ? 'approved'
          : 'requested',
      reason: request.decisionReason ?? 'Waiting for a platform admin',
      peakAllocated: 0,
      capacity: pool?.capacity ?? 0,
    };
  }

  async approve(
    id: string,
    approver: Actor,
    reason?: string,
  ): Promise<QuotaRequest> {
    const pending = await this.pending(id);
    const pool = await this.options.pools.findPool(pending);
    if (!pool) {
      throw new ConflictError(
        `The pool ${pending.gpuModel} on ${pending.clusterRef} no longer exists`,
      );
    }
    return this.decide(
      pending,
      approver,
      'approved',
      reason || 'Approved by a platform admin',
      async (ledger, current) => {
        const peak = await this.poolPeak(ledger, current);
        if (peak + current.gpuCount > pool.capacity) {
          throw new ConflictError(
            `Cannot approve: only ${pool.capacity - peak} of ${
              pool.capacity
            } GPUs are free for the whole window`,
          );
        }
      },
    );
  }

  async deny(
    id: string,
    approver: Actor,
    reason?: string,
  ): Promise<QuotaRequest> {
    const pending = await this.pending(id);
    return this.decide(
      pending,
      approver,
      'denied',
      reason || 'Denied by a platform admin',
    );
  }

  /** Records an admin's decision on a waiting request, under the pool's lock, and tells the requester. */
  private async decide(
    pending: QuotaRequest,
    approver: Actor,
    status: 'approved' | 'denied',
    reason: string,
    check?: (ledger: LockedLedger, current: QuotaRequest) => Promise<void>,
  ): Promise<QuotaRequest> {
    const decided = await this.options.store.withPoolLocked(
      pending,
      async ledger => {
        const current = await ledger.get(pending.id);
        if (current?.status !== 'requested') {
          throw new ConflictError(
            `Quota request ${pending.id} is ${current?.status}, not waiting for a decision`,
          );
        }
        await check?.(ledger, current);
        return ledger.update(pending.id, {
          status,
          decidedBy: approver.userRef,
          decidedAt: this.now().toISOString(),
          decisionReason: reason,
        });
      },
    );
    await this.notify(decided);
    return decided;
  }

  /** Gives GPUs back before the window ends: the requester or a member of the team. */
  async release(id: string, actor: Actor): Promise<QuotaRequest> {
    const request = await this.options.store.get(id);
    if (!request) {
      throw new NotFoundError(`No quota request ${id}`);
    }
    if (
      request.requestedBy !== actor.userRef &&
      !actor.ownershipRefs.includes(request.teamRef)
    ) {
      throw new NotAllowedError(
        `Only members of ${request.teamRef} may release its quota`,
      );
    }
    return this.options.store.withPoolLocked(request, async ledger => {
      const current = (await ledger.get(id))!;
      if (current.status !== 'approved' && current.status !== 'active') {
        throw new ConflictError(
          `Quota request ${id} is ${current.status}; only held quota can be released`,
        );
      }
      return ledger.update(id, { status: 'released' });
    });
  }

  private async pending(id: string) {
    const request = await this.options.store.get(id);
    if (!request) {
      throw new NotFoundError(`No quota request ${id}`);
    }
    return request;
  }

  private async notify(request: QuotaRequest) {
    if (!this.options.notifications) {
      return;
    }
    const what = `${request.gpuCount}× ${request.gpuModel} for ${request.teamRef}`;
    const titles: Partial<Record<QuotaRequest['status'], string>> = {
      approved: `GPU quota approved: ${what}`,
      denied: `GPU quota denied: ${what}`,
      requested: `GPU quota waiting for approval: ${what}`,
    };
    const title = titles[request.status];
    if (!title) {
      return;
    }
    try {
      await this.options.notifications.send({
        recipients: { type: 'entity', entityRef: request.requestedBy },
        payload: {
          title,
          description: request.decisionReason ?? request.justification,
          link: '/gpu-quotas',
          severity: request.status === 'denied' ? 'high' : 'normal',
          topic: 'ai-platform.quota',
        },
      });
    } catch (error) {
      // The decision stands even when the notifications backend is down.
      this.options.logger.warn(
        `Could not notify ${request.requestedBy} about quota ${request.id}: ${error}`,
      );
    }
  }
}
