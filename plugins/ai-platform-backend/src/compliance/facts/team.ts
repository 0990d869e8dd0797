import { Entity } from '@backstage/catalog-model';
import {
  AiPlatformAnnotations,
  Facts,
  QuotaRequest,
} from '@ai-platform/plugin-ai-platform-common';

/** A quota decision of the owning team, as the evidence pack lists it. */
export interface QuotaApproval {
  id: string;
  teamRef: string;
  gpuCount: number;
  gpuModel: string;
  clusterRef: string;
  status: string;
  decidedBy?: string;
  decidedAt?: string;
}

/** The approved (or once approved) quota requests of a team, from the quota ledger. */
export function approvalsOf(requests: QuotaRequest[]): QuotaApproval[] {
  return requests
    .filter(q =>
      ['approved', 'active', 'expired', 'released'].includes(q.status),
    )
    .map(q => ({
      id: q.id,
      teamRef: q.teamRef,
      gpuCount: q.gpuCount,
      gpuModel: q.gpuModel,
      clusterRef: q.clusterRef,
      status: q.status,
      decidedBy: q.decidedBy,
      decidedAt: q.decidedAt,
    }));
}

/** The owning team's facts: a budget set on the Group, and its quota approvals in the ledger. */
export function teamFacts(
  group: Entity | undefined,
  approvals: QuotaApproval[],
): Facts {
  const budget =
    group?.metadata.annotations?.[AiPlatformAnnotations.monthlyBudget];
  const amount = budget === undefined ? NaN : Number(budget);
  return {
    'team.budgetSet': {
      value: Number.isFinite(amount) && amount >= 0,
      source: 'catalog',
      ...(budget !== undefined && !Number.isFinite(amount)
        ? {
            problem: `${AiPlatformAnnotations.monthlyBudget} is not a number: ${budget}`,
          }
        : {}),
    },
    'team.monthlyBudget': {
      value: Number.isFinite(amount) ? amount : null,
      source: 'catalog',
    },
    'quota.approvals': { value: approvals.length, source: 'quota ledger' },
  };
}
