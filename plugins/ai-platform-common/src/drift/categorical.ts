import { InputError } from '@backstage/errors';
import { chiSquaredSf } from './gamma';
import { jensenShannonDistance } from './jensenShannon';
import { PSI_EMPTY_BIN_SHARE } from './psi';

/** How often each category occurs in a window. */
export type CategoryCounts = Record<string, number>;

/** Counts labels; numbers count by their decimal form (for numeric features treated as categories). */
export function countCategories(
  values: ArrayLike<string | number>,
): CategoryCounts {
  const counts: CategoryCounts = {};
  for (let i = 0; i < values.length; i++) {
    const key = String(values[i]);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

function total(name: string, counts: CategoryCounts): number {
  let sum = 0;
  for (const [category, count] of Object.entries(counts)) {
    if (!Number.isFinite(count) || count < 0) {
      throw new InputError(
        `${name}.${category}: ${count} is not a finite, non-negative count`,
      );
    }
    sum += count;
  }
  if (sum === 0) throw new InputError(`${name}: no values counted`);
  return sum;
}

/** Both windows' shares over the union of their categories, in one (sorted) order. */
function aligned(reference: CategoryCounts, current: CategoryCounts) {
  const nRef = total('reference', reference);
  const nCur = total('current', current);
  const keys = [
    ...new Set([...Object.keys(reference), ...Object.keys(current)]),
  ].sort();
  return {
    nCur,
    observed: keys.map(k => current[k] ?? 0),
    ref: keys.map(k => (reference[k] ?? 0) / nRef),
    cur: keys.map(k => (current[k] ?? 0) / nCur),
  };
}

/** A share of 0 counts as {@link PSI_EMPTY_BIN_SHARE}, so logarithms and divisions stay finite. */
const smoothed = (share: number) => (share === 0 ? PSI_EMPTY_BIN_SHARE : share);

/**
 * Pearson's chi-squared goodness-of-fit of the current counts against the reference's shares,
 * as `scipy.stats.chisquare(observed, expected)`. A category the reference never saw is expected
 * at {@link PSI_EMPTY_BIN_SHARE} of it (shares then renormalised): the test stays finite and such
 * a category weighs heavily, as a new category should. One category in all: statistic 0, p 1.
 */
export function chiSquaredTest(
  reference: CategoryCounts,
  current: CategoryCounts,
): { statistic: number; pValue: number } {
  const { nCur, observed, ref } = aligned(reference, current);
  if (ref.length === 1) return { statistic: 0, pValue: 1 };
  const norm = ref.reduce((sum, r) => sum + smoothed(r), 0);
  let statistic = 0;
  for (let i = 0; i < ref.length; i++) {
    const expected = (nCur * smoothed(ref[i])) / norm;
    statistic +=
      ((observed[i] - expected) * (observed[i] - expected)) / expected;
  }
  return { statistic, pValue: chiSquaredSf(statistic, ref.length - 1) };
}

/** Jensen–Shannon distance (natural log) between the two windows' category shares. */
export function categoricalJensenShannon(
  reference: CategoryCounts,
  current: CategoryCounts,
): number {
  const { ref, cur } = aligned(reference, current);
  return jensenShannonDistance(ref, cur);
}

/** PSI over categories; a category missing from a window counts as {@link PSI_EMPTY_BIN_SHARE} of it. */
export function categoricalPsi(
  reference: CategoryCounts,
  current: CategoryCounts,
): number {
  const { ref, cur } = aligned(reference, current);
  let psi = 0;
  for (let i = 0; i < ref.length; i++) {
    const r = smoothed(ref[i]);
    const c = smoothed(cur[i]);
    psi += (c - r) * Math.log(c / r);
  }
  return psi;
}
