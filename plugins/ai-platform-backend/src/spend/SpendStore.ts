import {
  IngestResult,
  PricingClass,
  ResourceType,
  SpendSourceKind,
} from '@ai-platform/plugin-ai-platform-common';

/** One raw usage row, as connectors produce it. Money and hours in plain units. */
export interface UsageRow {
  /**
   * Identity of the row, `<source id>|…`: re-ingesting it replaces it. The part before the
   * first `|` names the connector or import that wrote it.
   */
  sourceKey: string;
  source: SpendSourceKind;
  periodStart: number;
  periodEnd: number;
  /** Group entity ref, or `unallocated`. */
  team: string;
  /** What the team was found by: `namespace:fraud`, `label:team=vision`, `tag:cost-center=42`. */
  attribution: string;
  resourceType: ResourceType;
  /** Empty when not a GPU cost or the source does not say. */
  gpuModel: string;
  pricingClass: PricingClass;
  cost: number;
  gpuHours: number;
  /** GPU-hours utilization shows busy (Prometheus rows). */
  usedGpuHours: number;
  /** The cluster the usage ran on (`resource:default/cluster-a`'s name); empty when unknown. */
  cluster?: string;
  /** Energy the GPUs drew, kWh: measured, or estimated from utilization (see below). */
  energyKwh?: number;
  /** The part of `energyKwh` that is an estimate. */
  estimatedEnergyKwh?: number;
  /** Filled in by the energy model before ingest: IT energy × PUE. */
  facilityEnergyKwh?: number;
  /** Filled in by the energy model: facility energy × grid intensity, in grams CO₂e. */
  carbonGrams?: number;
  /** Filled in by the energy model: facility energy × the cluster's water factor. */
  waterLitres?: number;
}

/** A window a pull covers: rows of the source in it that the pull no longer reports go. */
export interface ReplaceScope {
  sourceId: string;
  /** Rows whose period starts in [from, to). */
  from: number;
  to: number;
}

/** A pull's progress, written in the same transaction as its rows. */
export interface WatermarkUpdate {
  sourceId: string;
  kind: SpendSourceKind;
  watermark: number;
}

export interface ImportRecord {
  id: string;
  fileSha256: string;
  fileName: string;
  importedBy: string;
}

export interface IngestOptions {
  scope?: ReplaceScope;
  watermark?: WatermarkUpdate;
  importRecord?: ImportRecord;
}

export type RollupDimension =
  | 'period'
  | 'team'
  | 'resourceType'
  | 'gpuModel'
  | 'cluster'
  | 'source';

export interface AggregateQuery {
  /** First and last UTC day, both included (`YYYY-MM-DD`). */
  from: string;
  to: string;
  granularity: 'day' | 'month';
  groupBy: RollupDimension[];
  /** Only these teams; all when left out. */
  teams?: readonly string[];
  sources?: readonly SpendSourceKind[];
}

export interface AggregateRow {
  period?: string;
  team?: string;
  resourceType?: string;
  gpuModel?: string;
  cluster?: string;
  source?: string;
  cost: number;
  gpuHours: number;
  usedGpuHours: number;
  energyKwh: number;
  estimatedEnergyKwh: number;
  facilityEnergyKwh: number;
  carbonGrams: number;
  waterLitres: number;
}

/** Energy of usage attributed to some namespaces (`namespace:<name>`), per month. */
export interface AttributionEnergyQuery {
  /** Attributions as usage rows record them: `namespace:llm-train`. */
  attributions: readonly string[];
  from: string;
  to: string;
  teams?: readonly string[];
}

export interface AttributionEnergyRow {
  /** `YYYY-MM`. */
  month: string;
  /** Energy-carrying usage rows summed (0: nothing seen). */
  rows: number;
  energyKwh: number;
  estimatedEnergyKwh: number;
  facilityEnergyKwh: number;
  carbonGrams: number;
  waterLitres: number;
}

export interface SourceState {
  id: string;
  kind: SpendSourceKind;
  watermark?: number;
  lastSuccessAt?: number;
  lastAttemptAt?: number;
  failures: number;
  nextAttemptAt?: number;
  lastError?: string;
}

export interface SpendStore {
  /**
   * Adds or replaces rows by source key, and keeps the rollups in step, all in one
   * transaction together with the watermark or import record: either all of it lands or none.
   */
  ingest(rows: UsageRow[], options?: IngestOptions): Promise<IngestResult>;
  aggregate(query: AggregateQuery): Promise<AggregateRow[]>;
  /**
   * Energy of the raw usage rows of the given attributions, months of the range (whole UTC
   * days, both included); only energy-carrying sources.
   */
  energyByAttribution(
    query: AttributionEnergyQuery,
  ): Promise<AttributionEnergyRow[]>;
  /** Sum over the raw rows, for checking the rollups. */
  rawTotals(): Promise<{ rows: number; cost: number }>;
  getSource(id: string): Promise<SourceState | undefined>;
  listSources(): Promise<SourceState[]>;
  recordAttempt(state: SourceState): Promise<void>;
}
