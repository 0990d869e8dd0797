import { createApiRef } from '@backstage/core-plugin-api';
import {
  BudgetStatus,
  IdleCost,
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

/** Compute spend of the teams the caller may see, with budgets and idle GPU cost. */
export interface SpendApi {
  /** Spend per period and key of one dimension. */
  getSpendSeries(query: SpendSeriesQuery): Promise<SpendSeries>;
  /** Each team's spend, trend against the previous range and idle GPU cost. */
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

export const spendApiRef = createApiRef<SpendApi>({
  id: 'plugin.ai-platform.spend',
});
