import { InputError } from '@backstage/errors';
import {
  categoricalJensenShannon,
  categoricalPsi,
  CategoryCounts,
  chiSquaredTest,
  countCategories,
} from './categorical';
import { jensenShannonDistance } from './jensenShannon';
import { kolmogorovSmirnov } from './ks';
import { populationStabilityIndex, psiBins } from './psi';
import { checkSample, Sample, standardDeviation } from './samples';
import { wasserstein1 } from './wasserstein';

export const DRIFT_METHODS = [
  'ks',
  'chisquare',
  'wasserstein',
  'jensenshannon',
  'psi',
] as const;
export type DriftMethod = (typeof DRIFT_METHODS)[number];

/** What a method reports, and which way its threshold points. */
export const DRIFT_METHOD_INFO: Record<
  DriftMethod,
  { label: string; decidesBy: 'p-value' | 'score'; threshold: number }
> = {
  ks: { label: 'Kolmogorov–Smirnov', decidesBy: 'p-value', threshold: 0.05 },
  chisquare: { label: 'Chi-squared', decidesBy: 'p-value', threshold: 0.05 },
  wasserstein: {
    label: 'Wasserstein (normed)',
    decidesBy: 'score',
    threshold: 0.1,
  },
  jensenshannon: {
    label: 'Jensen–Shannon distance',
    decidesBy: 'score',
    threshold: 0.1,
  },
  psi: { label: 'PSI', decidesBy: 'score', threshold: 0.2 },
};

/** PSI's customary warning band starts at half its drift threshold (0.1 of 0.2). */
const PSI_WARNING_FRACTION = 0.5;
/** Evidently's sample size between the test regime and the distance regime. */
const SMALL_REFERENCE = 1000;
/** Evidently treats a numeric column with this few distinct values as categorical. */
const FEW_DISTINCT = 5;
/** Evidently's floor for the reference's standard deviation in normed Wasserstein. */
const MIN_WASSERSTEIN_NORM = 0.001;
/** Evidently's default: the dataset drifts when at least this share of its features drifts. */
export const DEFAULT_DATASET_DRIFT_SHARE = 0.5;

export type FeatureWindow =
  | { kind: 'numeric'; values: Sample }
  | { kind: 'categorical'; counts: CategoryCounts };

export type FeatureStatus = 'ok' | 'warning' | 'drifted';
export type ModelDriftStatus = FeatureStatus | 'no-data';

export interface DriftOverride {
  method?: DriftMethod;
  threshold?: number;
  /** A model-wide method: used where it applies to the feature's kind, with `preferredThreshold`. */
  preferredMethod?: DriftMethod;
  preferredThreshold?: number;
}

export interface FeatureDrift {
  method: DriftMethod;
  statistic: number;
  /** For tests (KS, chi-squared); the status then compares it with the threshold. */
  pValue?: number;
  threshold: number;
  status: FeatureStatus;
}

const METHODS_FOR: Record<FeatureWindow['kind'], DriftMethod[]> = {
  numeric: ['ks', 'wasserstein', 'jensenshannon', 'psi'],
  categorical: ['chisquare', 'jensenshannon', 'psi'],
};

function distinctCount(values: Sample, limit: number): number {
  const seen = new Set<number>();
  for (let i = 0; i < values.length && seen.size <= limit; i++)
    seen.add(values[i]);
  return seen.size;
}

function sizeOf(window: FeatureWindow): number {
  if (window.kind === 'numeric') return window.values.length;
  return Object.values(window.counts).reduce((a, b) => a + b, 0);
}

/**
 * Evidently treats a numeric feature whose reference has ≤ 5 distinct values as categorical:
 * each value is a category.
 */
function asEvaluated(
  window: FeatureWindow,
  fewDistinct: boolean,
): FeatureWindow {
  return window.kind === 'numeric' && fewDistinct
    ? { kind: 'categorical', counts: countCategories(window.values) }
    : window;
}

/**
 * Evidently's default choice: up to 1000 reference rows, a test (KS for numeric, chi-squared for
 * categorical, p < 0.05 drifts); above, a distance (normed Wasserstein for numeric,
 * Jensen–Shannon for categorical, ≥ 0.1 drifts). (Evidently's Z-test for binary columns is not
 * used: chi-squared covers them.)
 */
export function defaultDriftMethod(reference: FeatureWindow): DriftMethod {
  const small = sizeOf(reference) <= SMALL_REFERENCE;
  if (reference.kind === 'categorical')
    return small ? 'chisquare' : 'jensenshannon';
  return small ? 'ks' : 'wasserstein';
}

function statusOf(
  method: DriftMethod,
  value: number,
  threshold: number,
): FeatureStatus {
  if (DRIFT_METHOD_INFO[method].decidesBy === 'p-value')
    return value < threshold ? 'drifted' : 'ok';
  if (value >= threshold) return 'drifted';
  if (method === 'psi' && value >= threshold * PSI_WARNING_FRACTION)
    return 'warning';
  return 'ok';
}

function numericStatistic(
  method: DriftMethod,
  reference: Sample,
  current: Sample,
): { statistic: number; pValue?: number } {
  switch (method) {
    case 'ks': {
      const { statistic, pValue } = kolmogorovSmirnov(reference, current);
      return { statistic, pValue };
    }
    case 'wasserstein':
      return {
        statistic:
          wasserstein1(reference, current) /
          Math.max(standardDeviation(reference), MIN_WASSERSTEIN_NORM),
      };
    case 'psi':
      return { statistic: populationStabilityIndex(reference, current) };
    default: {
      // Jensen–Shannon over the same reference-decile bins PSI uses.
      const bins = psiBins(reference);
      return {
        statistic: jensenShannonDistance(
          bins.counts(reference),
          bins.counts(current),
        ),
      };
    }
  }
}

function categoricalStatistic(
  method: DriftMethod,
  reference: CategoryCounts,
  current: CategoryCounts,
): { statistic: number; pValue?: number } {
  switch (method) {
    case 'chisquare':
      return chiSquaredTest(reference, current);
    case 'psi':
      return { statistic: categoricalPsi(reference, current) };
    default:
      return { statistic: categoricalJensenShannon(reference, current) };
  }
}

/**
 * One feature's drift: the method (the override's, else Evidently's default), its statistic,
 * p-value for tests, the threshold it was judged by and the status. `feature` names the feature
 * in errors.
 */
export function evaluateFeatureDrift(
  feature: string,
  reference: FeatureWindow,
  current: FeatureWindow,
  override: DriftOverride = {},
): FeatureDrift {
  if (reference.kind !== current.kind) {
    throw new InputError(
      `${feature}: the reference is ${reference.kind}, the current window ${current.kind}`,
    );
  }
  if (reference.kind === 'numeric' && current.kind === 'numeric') {
    checkSample(`${feature}.reference`, reference.values);
    checkSample(`${feature}.current`, current.values);
  }
  const fewDistinct =
    reference.kind === 'numeric' &&
    distinctCount(reference.values, FEW_DISTINCT) <= FEW_DISTINCT;
  const ref = asEvaluated(reference, fewDistinct);
  const cur = asEvaluated(current, fewDistinct);
  const preferred =
    override.preferredMethod &&
    METHODS_FOR[ref.kind].includes(override.preferredMethod)
      ? override.preferredMethod
      : undefined;
  const method = override.method ?? preferred ?? defaultDriftMethod(ref);
  if (!METHODS_FOR[ref.kind].includes(method)) {
    throw new InputError(
      `${feature}: ${method} does not apply to ${ref.kind} features${
        fewDistinct ? ' (5 or fewer distinct values count as categorical)' : ''
      }; use ${METHODS_FOR[ref.kind].join(', ')}`,
    );
  }
  const threshold =
    override.threshold ??
    (method === preferred ? override.preferredThreshold : undefined) ??
    DRIFT_METHOD_INFO[method].threshold;
  if (!Number.isFinite(threshold) || threshold <= 0) {
    throw new InputError(`${feature}: threshold ${threshold} must be above 0`);
  }
  const result =
    ref.kind === 'numeric' && cur.kind === 'numeric'
      ? numericStatistic(method, ref.values, cur.values)
      : categoricalStatistic(
          method,
          (ref as { counts: CategoryCounts }).counts,
          (cur as { counts: CategoryCounts }).counts,
        );
  const decisive =
    DRIFT_METHOD_INFO[method].decidesBy === 'p-value'
      ? result.pValue!
      : result.statistic;
  return {
    method,
    ...result,
    threshold,
    status: statusOf(method, decisive, threshold),
  };
}

/**
 * A model's status from its features': drifted when at least `datasetDriftShare` of them drift
 * (Evidently's dataset drift), warning when some drift or warn, ok otherwise; no data without
 * evaluated features.
 */
export function modelDriftStatus(
  features: Pick<FeatureDrift, 'status'>[],
  datasetDriftShare = DEFAULT_DATASET_DRIFT_SHARE,
): { status: ModelDriftStatus; driftedShare: number } {
  if (features.length === 0) return { status: 'no-data', driftedShare: 0 };
  const drifted = features.filter(f => f.status === 'drifted').length;
  const driftedShare = drifted / features.length;
  if (driftedShare >= datasetDriftShare)
    return { status: 'drifted', driftedShare };
  if (drifted > 0 || features.some(f => f.status === 'warning'))
    return { status: 'warning', driftedShare };
  return { status: 'ok', driftedShare };
}
