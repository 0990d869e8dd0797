import { checkSample, Sample, sortedCopy, standardDeviation } from './samples';

/**
 * Wasserstein-1 (earth mover's) distance between two empirical distributions: the area between
 * their CDFs, as `scipy.stats.wasserstein_distance(u, v)` computes it. O((n + m) log(n + m)).
 */
export function wasserstein1(reference: Sample, current: Sample): number {
  checkSample('reference', reference);
  checkSample('current', current);
  const a = sortedCopy(reference);
  const b = sortedCopy(current);
  const n = a.length;
  const m = b.length;
  let i = 0;
  let j = 0;
  let previous = Math.min(a[0], b[0]);
  // Neumaier-compensated sum: many small areas, and the tests match scipy to 1e-9.
  let sum = 0;
  let compensation = 0;
  while (i < n || j < m) {
    const x = j >= m || (i < n && a[i] <= b[j]) ? a[i] : b[j];
    const term = Math.abs(i / n - j / m) * (x - previous);
    const t = sum + term;
    compensation +=
      Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
    sum = t;
    while (i < n && a[i] === x) i++;
    while (j < m && b[j] === x) j++;
    previous = x;
  }
  return sum + compensation;
}

/**
 * Wasserstein-1 divided by the reference's standard deviation, so one threshold (Evidently's
 * 0.1) fits features of any scale. Undefined for a constant reference: returns undefined, and
 * the engine then judges the feature by another statistic.
 */
export function normedWasserstein1(
  reference: Sample,
  current: Sample,
): number | undefined {
  const distance = wasserstein1(reference, current);
  const std = standardDeviation(reference);
  return std > 0 ? distance / std : undefined;
}
