/**
 * Where a quota request is in its life:
 * requested → approved | denied; approved → active → expired; approved | active → released.
 */
export const QUOTA_STATUSES = [
  'requested',
  'approved',
  'denied',
  'active',
  'expired',
  'released',
] as const;
export type QuotaStatus = (typeof QUOTA_STATUSES)[number];

/** Statuses whose GPUs count against a pool's capacity. */
export const ALLOCATING_STATUSES: readonly QuotaStatus[] = [
  'approved',
  'active',
];

/** A request for GPUs from one pool, for one team, over one time window. */
export interface QuotaRequest {
  id: string;
  /** Entity ref of the team (`group:default/recsys`). */
  teamRef: string;
  /** Entity ref of the `gpu-cluster` Resource. */
  clusterRef: string;
  gpuModel: string;
  gpuCount: number;
  /** ISO 8601 start of the window, inclusive. */
  startsAt: string;
  /** ISO 8601 end of the window, exclusive. */
  endsAt: string;
  preemptible: boolean;
  justification: string;
  status: QuotaStatus;
  /** Entity ref of the user who asked. */
  requestedBy: string;
  createdAt: string;
  decidedBy?: string;
  decidedAt?: string;
  decisionReason?: string;
}

/** What the ledger decided, or would decide in a dry run, about a new request. */
export interface QuotaDecision {
  status: 'approved' | 'requested';
  /** Why: auto-approved within the team's limit, or waiting for a platform admin. */
  reason: string;
  /** The most GPUs of the pool already allocated at any moment of the window. */
  peakAllocated: number;
  capacity: number;
}

/** What `POST /quotas` answers: the stored request (absent in a dry run) and the decision. */
export interface QuotaRequestResult {
  request?: QuotaRequest;
  decision: QuotaDecision;
}

/** Allocated GPUs of one pool over a period, as steps from each change point on. */
export interface PoolAllocation {
  clusterRef: string;
  gpuModel: string;
  capacity: number;
  steps: Array<{ at: string; allocated: number }>;
}
