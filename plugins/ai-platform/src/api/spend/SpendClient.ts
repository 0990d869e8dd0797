import {
  BudgetStatus,
  EntityEnergyQuery,
  EntityEnergyResponse,
  IdleCost,
  SpendRangeQuery,
  SpendSeries,
  SpendSeriesQuery,
  SpendSourceStatus,
  SpendTeamsResponse,
} from '@ai-platform/plugin-ai-platform-common';
import { ResponseError } from '@backstage/errors';
import { BackendHttp, ClientOptions } from '../http';
import { FocusFileRefusedError, FocusImportResult, SpendApi } from './SpendApi';

export class SpendClient implements SpendApi {
  private readonly http: BackendHttp;

  constructor(options: ClientOptions) {
    this.http = new BackendHttp(options);
  }

  getSpendSeries(query: SpendSeriesQuery): Promise<SpendSeries> {
    return this.http.get(`/spend/series?${spendParams(query)}`);
  }

  getTeamSpend(range: SpendRangeQuery): Promise<SpendTeamsResponse> {
    return this.http.get(`/spend/teams?${spendParams(range)}`);
  }

  getSpendBudgets(
    month?: string,
  ): Promise<{ currency: string; items: BudgetStatus[] }> {
    return this.http.get(
      `/spend/budgets${month ? `?month=${encodeURIComponent(month)}` : ''}`,
    );
  }

  getIdleCost(
    range: SpendRangeQuery,
  ): Promise<{ currency: string; items: IdleCost[] }> {
    return this.http.get(`/spend/idle?${spendParams(range)}`);
  }

  listSpendSources(): Promise<SpendSourceStatus[]> {
    return this.http.items('/spend/sources');
  }

  async exportSpendCsv(query: SpendSeriesQuery): Promise<Blob> {
    const response = await this.http.fetch(
      `/spend/export.csv?${spendParams(query)}`,
    );
    return response.blob();
  }

  getEntityEnergy(query: EntityEnergyQuery): Promise<EntityEnergyResponse> {
    return this.http.get(`/spend/energy/entity?${spendParams(query)}`);
  }

  async importFocus(file: Blob, fileName: string): Promise<FocusImportResult> {
    const response = await this.http.send(
      `/spend/imports/focus?${new URLSearchParams({ fileName })}`,
      {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: file,
      },
    );
    if (response.ok) return response.json();
    // A refused file's answer lists its problems beside the error, which ResponseError drops.
    const refusal = await response
      .clone()
      .json()
      .catch(() => undefined);
    if (Array.isArray(refusal?.problems)) {
      throw new FocusFileRefusedError(
        refusal.error?.message ?? 'FOCUS file refused',
        refusal.problems,
      );
    }
    throw await ResponseError.fromResponse(response);
  }
}

function spendParams(
  query: SpendRangeQuery | SpendSeriesQuery | EntityEnergyQuery,
): URLSearchParams {
  return new URLSearchParams(
    Object.entries(query).filter(([, v]) => v !== undefined) as [
      string,
      string,
    ][],
  );
}
