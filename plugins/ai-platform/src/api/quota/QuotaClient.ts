import {
  PoolAllocation,
  QuotaRequest,
  QuotaStatus,
} from '@ai-platform/plugin-ai-platform-common';
import { BackendHttp, ClientOptions } from '../http';
import { QuotaApi } from './QuotaApi';

export class QuotaClient implements QuotaApi {
  private readonly http: BackendHttp;

  constructor(options: ClientOptions) {
    this.http = new BackendHttp(options);
  }

  listQuotas(
    filter: { teams?: string[]; statuses?: QuotaStatus[] } = {},
  ): Promise<QuotaRequest[]> {
    const query = new URLSearchParams();
    filter.teams?.forEach(team => query.append('team', team));
    filter.statuses?.forEach(status => query.append('status', status));
    return this.http.items(`/quotas?${query}`);
  }

  getAllocation(from: Date, to: Date): Promise<PoolAllocation[]> {
    const query = new URLSearchParams({
      from: from.toISOString(),
      to: to.toISOString(),
    });
    return this.http.items(`/quotas/allocation?${query}`);
  }

  approveQuota(id: string, reason?: string): Promise<QuotaRequest> {
    return this.transition(id, 'approve', { reason });
  }

  denyQuota(id: string, reason?: string): Promise<QuotaRequest> {
    return this.transition(id, 'deny', { reason });
  }

  releaseQuota(id: string): Promise<QuotaRequest> {
    return this.transition(id, 'release', {});
  }

  private transition(
    id: string,
    action: 'approve' | 'deny' | 'release',
    body: { reason?: string },
  ): Promise<QuotaRequest> {
    return this.http.post(`/quotas/${encodeURIComponent(id)}/${action}`, body);
  }
}
