import { createApiRef } from '@backstage/core-plugin-api';
import {
  GpuPool,
  ModelDriftDetail,
  ModelDriftSummary,
  QuotaRequest,
  QuotaStatus,
} from '@ai-platform/plugin-ai-platform-common';

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
}

export const aiPlatformApiRef = createApiRef<AiPlatformApi>({
  id: 'plugin.ai-platform.api',
});
