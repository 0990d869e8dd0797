import { createApiRef } from '@backstage/core-plugin-api';
import {
  PoolAllocation,
  QuotaRequest,
  QuotaStatus,
} from '@ai-platform/plugin-ai-platform-common';

/** GPU quota requests, their decisions, and what they allocate of each pool. */
export interface QuotaApi {
  listQuotas(filter?: {
    teams?: string[];
    statuses?: QuotaStatus[];
  }): Promise<QuotaRequest[]>;
  getAllocation(from: Date, to: Date): Promise<PoolAllocation[]>;
  approveQuota(id: string, reason?: string): Promise<QuotaRequest>;
  denyQuota(id: string, reason?: string): Promise<QuotaRequest>;
  releaseQuota(id: string): Promise<QuotaRequest>;
}

export const quotaApiRef = createApiRef<QuotaApi>({
  id: 'plugin.ai-platform.quota',
});
