import { createApiRef } from '@backstage/core-plugin-api';
import {
  BudgetStatus,
  GpuPool,
  IdleCost,
  ModelDriftDetail,
  ModelDriftSummary,
  QuotaRequest,
  QuotaStatus,
  SpendDimension,
  SpendGranularity,
  SpendSeries,
  SpendSourceStatus,
  SpendTeamsResponse,
} from '@ai-platform/plugin-ai-platform-common';

/** A spend query: whole UTC days, both included, optionally one team. */
export interface SpendRange {
  from: string;
  to: string;
  team?: string;
}

export interface SpendSeriesQuery extends SpendRange {
  granularity: SpendGranularity;
  dimension: SpendDimension;
}

/** An entity the catalog keeps out because the AI Platform processor rejected it. */
export interface RejectedEntity {
  kind: string;
  namespace: string;
  name: string;
  /** Where the entity was read from. */
  location?: string;
  /** The processor's messages, each naming the field that is wrong. */
  problems: string[];
}

/** Allocated GPUs of one pool over a period, as steps from each change point on. */
export interface PoolAllocation {
  clusterRef: string;
  gpuModel: string;
  capacity: number;
  steps: Array<{ at: string; allocated: number }>;
}

/** Client of the AI Platform backend. */
export interface AiPlatformApi {
  listQuotas(filter?: {
    teams?: string[];
    statuses?: QuotaStatus[];
  }): Promise<QuotaRequest[]>;
  getAllocation(from: Date, to: Date): Promise<PoolAllocation[]>;
  approveQuota(id: string, reason?: string): Promise<QuotaRequest>;
  denyQuota(id: string, reason?: string): Promise<QuotaRequest>;
  releaseQuota(id: string): Promise<QuotaRequest>;
  listPools(): Promise<GpuPool[]>;
  /** Entities the catalog rejected for breaking the AI-platform entity model. */
  listRejectedEntities(): Promise<RejectedEntity[]>;
  /** Every model with a drift status. */
  listModelDrift(): Promise<ModelDriftSummary[]>;
  /** A model's drift per feature, or undefined when it has no results yet. */
  getModelDrift(modelRef: string): Promise<ModelDriftDetail | undefined>;
  /** Spend per period and key of one dimension, of the teams the caller may see. */
  getSpendSeries(query: SpendSeriesQuery): Promise<SpendSeries>;
  /** Each visible team's spend, trend against the previous range and idle GPU cost. */
  getTeamSpend(range: SpendRange): Promise<SpendTeamsResponse>;
  getSpendBudgets(
    month?: string,
  ): Promise<{ currency: string; items: BudgetStatus[] }>;
  getIdleCost(
    range: SpendRange,
  ): Promise<{ currency: string; items: IdleCost[] }>;
  listSpendSources(): Promise<SpendSourceStatus[]>;
  /** The range's rollups as a CSV file. */
  exportSpendCsv(query: SpendSeriesQuery): Promise<Blob>;
}

export const aiPlatformApiRef = createApiRef<AiPlatformApi>({
  id: 'plugin.ai-platform.api',
});
