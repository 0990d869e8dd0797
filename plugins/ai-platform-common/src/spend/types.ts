/** Where usage and cost come from: one connector each. */
export const SPEND_SOURCES = [
  'opencost',
  'focus',
  'prometheus',
  'quota',
] as const;
export type SpendSourceKind = (typeof SPEND_SOURCES)[number];

/**
 * Sources that carry spend. Prometheus rows measure how busy GPUs were that other sources
 * already bill; counting their GPU-hours again would double them.
 */
export const BILLING_SOURCES: readonly SpendSourceKind[] = [
  'opencost',
  'focus',
  'quota',
];

/**
 * Sources that carry energy: what GPUs drew (DCGM power or energy counters) or, where no power
 * was observed, an estimate from their utilization. Billing rows carry none.
 */
export const ENERGY_SOURCES: readonly SpendSourceKind[] = ['prometheus'];

/** What a cost was for. `gpu` is accelerator time; the rest follow OpenCost's split. */
export const RESOURCE_TYPES = [
  'gpu',
  'cpu',
  'memory',
  'storage',
  'network',
  'other',
] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** How capacity was bought; rates are configured per GPU model and pricing class. */
export const PRICING_CLASSES = ['on-demand', 'reserved', 'spot'] as const;
export type PricingClass = (typeof PRICING_CLASSES)[number];

/** The team that usage no namespace, label or tag mapping claims is charged to. */
export const UNALLOCATED_TEAM = 'unallocated';

/** Dimensions spend can be broken down by. */
export const SPEND_DIMENSIONS = [
  'team',
  'resourceType',
  'gpuModel',
  'cluster',
  'source',
] as const;
export type SpendDimension = (typeof SPEND_DIMENSIONS)[number];

export const SPEND_GRANULARITIES = ['day', 'month'] as const;
export type SpendGranularity = (typeof SPEND_GRANULARITIES)[number];

/**
 * What GPUs' power became: IT energy, facility energy (× the cluster's PUE), carbon (× the
 * grid's intensity, hour by hour where a series is configured) and water.
 */
export interface EnergyFigures {
  /** Energy the GPUs drew, kWh. */
  energyKwh: number;
  /** The part of `energyKwh` estimated from utilization, where no power was observed. */
  estimatedEnergyKwh: number;
  /** IT energy × PUE, kWh. */
  facilityEnergyKwh: number;
  /** kg CO₂e of the facility energy. */
  carbonKg: number;
  /** Litres of water, where the cluster has a water factor; 0 otherwise. */
  waterLitres: number;
}

/** Spend of one key of a dimension in one period, with its energy. */
export interface SpendPoint extends EnergyFigures {
  /** `YYYY-MM-DD` for days, `YYYY-MM` for months. */
  period: string;
  key: string;
  cost: number;
  gpuHours: number;
}

export interface SpendSeries {
  currency: string;
  granularity: SpendGranularity;
  dimension: SpendDimension;
  /** Every period of the range, oldest first, including those without spend. */
  periods: string[];
  points: SpendPoint[];
}

/** One team's line in the spend table. */
export interface TeamSpend {
  team: string;
  cost: number;
  /** Cost over the previous range of the same length, for trend and top movers. */
  previousCost: number;
  change: number;
  gpuHours: number;
  idleGpuHours: number;
  idleCost: number;
  /** Undefined when neither power nor utilization of the team's GPUs was seen in the range. */
  energy?: EnergyFigures;
}

export interface SpendTeamsResponse {
  currency: string;
  from: string;
  to: string;
  items: TeamSpend[];
  total: {
    cost: number;
    previousCost: number;
    gpuHours: number;
    idleCost: number;
    energy: EnergyFigures;
  };
}

export type BudgetState = 'ok' | 'at-risk' | 'over' | 'no-budget';

export interface BudgetStatus {
  team: string;
  /** `YYYY-MM`. */
  month: string;
  budget?: number;
  spent: number;
  /** Average spend per day over the last days with data (up to 7). */
  burnRate: number;
  forecast: number;
  state: BudgetState;
}

export interface IdleCost {
  team: string;
  gpuModel: string;
  /** Reserved or allocated GPU-hours, whichever is more. */
  capacityGpuHours: number;
  usedGpuHours: number;
  idleGpuHours: number;
  idleCost: number;
}

/** A pull source's health: a stale source is shown as stale, never as zero spend. */
export interface SpendSourceStatus {
  id: string;
  kind: SpendSourceKind;
  /** Everything before this instant has been ingested (ISO 8601). */
  watermark?: string;
  lastSuccessAt?: string;
  lastAttemptAt?: string;
  lastError?: string;
  failures: number;
  nextAttemptAt?: string;
  stale: boolean;
}

/** What one import or pull changed. Re-importing the same data changes nothing. */
export interface IngestResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows a pull no longer reported for the window it covers. */
  deleted: number;
}

/** A refused FOCUS file: every bad line, by its line number in the file. */
export interface FocusRowProblem {
  line: number;
  column?: string;
  message: string;
}

/** One entity that energy was read for, through the namespaces it runs in. */
export interface EnergyContributor {
  entityRef: string;
  title?: string;
  namespaces: string[];
}

/**
 * Training energy of an `ai-model`: the energy used in the namespaces of the pipelines that
 * produce it (and of the entity itself when it names namespaces).
 */
export interface EntityEnergyResponse {
  entityRef: string;
  from: string;
  to: string;
  contributors: EnergyContributor[];
  /** Undefined when no power or utilization was seen in those namespaces in the range. */
  energy?: EnergyFigures;
  byMonth: Array<EnergyFigures & { month: string }>;
}
