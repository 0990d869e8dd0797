import { createApiRef } from '@backstage/core-plugin-api';
import {
  BudgetStatus,
  EntityEnergyQuery,
  EntityEnergyResponse,
  FocusRowProblem,
  IdleCost,
  IngestResult,
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
  /**
   * Imports a FOCUS billing file; re-importing the same rows changes nothing. Throws
   * {@link FocusFileRefusedError} when a line is wrong, and then nothing is imported.
   */
  importFocus(file: Blob, fileName: string): Promise<FocusImportResult>;
}

/** What a FOCUS import stored: the file's rows and how many were new, changed or the same. */
export interface FocusImportResult
  extends Pick<IngestResult, 'inserted' | 'updated' | 'unchanged'> {
  importId: string;
  rows: number;
}

/** A FOCUS file the backend refused, with every problem by line; nothing was imported. */
export class FocusFileRefusedError extends Error {
  readonly name = 'FocusFileRefusedError';

  constructor(message: string, readonly problems: FocusRowProblem[]) {
    super(message);
  }
}

export const spendApiRef = createApiRef<SpendApi>({
  id: 'plugin.ai-platform.spend',
});
