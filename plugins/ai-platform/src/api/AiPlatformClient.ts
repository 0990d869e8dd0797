import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  BudgetStatus,
  GpuPool,
  IdleCost,
  ModelDriftDetail,
  ModelDriftSummary,
  QuotaRequest,
  QuotaStatus,
  SpendSeries,
  SpendSourceStatus,
  SpendTeamsResponse,
} from '@ai-platform/plugin-ai-platform-common';
import {
  AiPlatformApi,
  PoolAllocation,
  RejectedEntity,
  SpendRange,
  SpendSeriesQuery,
} from './AiPlatformApi';

const PROCESSOR = 'AiPlatformEntityProcessor';

interface UnprocessedEntity {
  unprocessed_entity: {
    kind: string;
    metadata: {
      name: string;
      namespace?: string;
      annotations?: Record<string, string>;
    };
  };
  errors?: Array<{ message: string; cause?: { message: string } }>;
}

export class AiPlatformClient implements AiPlatformApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listPools(): Promise<GpuPool[]> {
    const body = await this.get<{ items: GpuPool[] }>('/pools');
    return body.items;
  }

  async listQuotas(
    filter: { teams?: string[]; statuses?: QuotaStatus[] } = {},
  ) {
    const query = new URLSearchParams();
    filter.teams?.forEach(team => query.append('team', team));
    filter.statuses?.forEach(status => query.append('status', status));
    const body = await this.get<{ items: QuotaRequest[] }>(`/quotas?${query}`);
    return body.items;
  }

  async getAllocation(from: Date, to: Date): Promise<PoolAllocation[]> {
    const query = new URLSearchParams({
      from: from.toISOString(),
      to: to.toISOString(),
    });
    const body = await this.get<{ items: PoolAllocation[] }>(
      `/quotas/allocation?${query}`,
    );
    return body.items;
  }

  approveQuota(id: string, reason?: string) {
    return this.post<QuotaRequest>(
      `/quotas/${encodeURIComponent(id)}/approve`,
      { reason },
    );
  }

  denyQuota(id: string, reason?: string) {
    return this.post<QuotaRequest>(`/quotas/${encodeURIComponent(id)}/deny`, {
      reason,
    });
  }

  releaseQuota(id: string) {
    return this.post<QuotaRequest>(
      `/quotas/${encodeURIComponent(id)}/release`,
      {},
    );
  }

  async listRejectedEntities(): Promise<RejectedEntity[]> {
    // The catalog's unprocessed-entities module lists entities that never passed processing.
    const body = await this.get<{ entities: UnprocessedEntity[] }>(
      '/entities/unprocessed/pending',
      'catalog',
    );
    return body.entities.flatMap(
      ({ unprocessed_entity: entity, errors = [] }) => {
        const ours = errors.filter(e => e.message.includes(PROCESSOR));
        if (ours.length === 0) {
          return [];
        }
        return [
          {
            kind: entity.kind,
            namespace: entity.metadata.namespace ?? 'default',
            name: entity.metadata.name,
            location:
              entity.metadata.annotations?.['backstage.io/managed-by-location'],
            problems: ours.map(e => e.cause?.message ?? e.message),
          },
        ];
      },
    );
  }

  async listModelDrift(): Promise<ModelDriftSummary[]> {
    const { items } = await this.get<{ items: ModelDriftSummary[] }>(
      '/drift/models',
    );
    return items;
  }

  async getModelDrift(modelRef: string): Promise<ModelDriftDetail | undefined> {
    const { kind, namespace, name } = parseEntityRef(modelRef);
    try {
      return await this.get<ModelDriftDetail>(
        `/drift/models/${[kind, namespace, name]
          .map(encodeURIComponent)
          .join('/')}`,
      );
    } catch (e) {
      if (e instanceof ResponseError && e.statusCode === 404) return undefined;
      throw e;
    }
  }

  getSpendSeries(query: SpendSeriesQuery): Promise<SpendSeries> {
    return this.get(`/spend/series?${spendParams(query)}`);
  }

  getTeamSpend(range: SpendRange): Promise<SpendTeamsResponse> {
    return this.get(`/spend/teams?${spendParams(range)}`);
  }

  getSpendBudgets(month?: string) {
    return this.get<{ currency: string; items: BudgetStatus[] }>(
      `/spend/budgets${month ? `?month=${encodeURIComponent(month)}` : ''}`,
    );
  }

  getIdleCost(range: SpendRange) {
    return this.get<{ currency: string; items: IdleCost[] }>(
      `/spend/idle?${spendParams(range)}`,
    );
  }

  async listSpendSources(): Promise<SpendSourceStatus[]> {
    return (await this.get<{ items: SpendSourceStatus[] }>('/spend/sources'))
      .items;
  }

  async exportSpendCsv(query: SpendSeriesQuery): Promise<Blob> {
    const response = await this.fetchOk(
      `/spend/export.csv?${spendParams(query)}`,
      {
        method: 'GET',
      },
    );
    return response.blob();
  }

  private get<T>(path: string, pluginId = 'ai-platform'): Promise<T> {
    return this.send<T>(path, { method: 'GET' }, pluginId);
  }

  private post<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  private async send<T>(
    path: string,
    init: RequestInit,
    pluginId = 'ai-platform',
  ): Promise<T> {
    const response = await this.fetchOk(path, init, pluginId);
    return (await response.json()) as T;
  }

  private async fetchOk(
    path: string,
    init: RequestInit,
    pluginId = 'ai-platform',
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl(pluginId);
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}

function spendParams(query: SpendRange | SpendSeriesQuery): URLSearchParams {
  return new URLSearchParams(
    Object.entries(query).filter(([, v]) => v !== undefined) as [
      string,
      string,
    ][],
  );
}
