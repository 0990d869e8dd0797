import { createApiRef } from '@backstage/core-plugin-api';
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

/** Compute spend of the teams the caller may see, with budgets and idle GPU cost. */
export interface SpendApi {
  /** Spend per period and key of one dimension. */
  getSpendSeries(query: SpendSeriesQuery): Promise<SpendSeries>;
  /** Each team's spend, trend against the previous range and idle GPU cost. */
  getTeamSpend(range: SpendRangeQuery): Promise<SpendTeamsResponse>;
  getSpendBudgets(
    month?: string,
  ): Promise<{ currency: string; items: BudgetStatus[] }>;
  getIdleCost(
    range: SpendRangeQuery,
  ): Promise<{ currency: string; items: IdleCost[] }>;
  listSpendSources(): Promise<SpendSourceStatus[]>;
  /** The range's rollups as a CSV file. */
  exportSpendCsv(query: SpendSeriesQuery): Promise<Blob>;
  /** Training energy of an `ai-model`, through the namespaces of the pipelines producing it. */
  getEntityEnergy(query: EntityEnergyQuery): Promise<EntityEnergyResponse>;
}

export const spendApiRef = createApiRef<SpendApi>({
  id: 'plugin.ai-platform.spend',
});
