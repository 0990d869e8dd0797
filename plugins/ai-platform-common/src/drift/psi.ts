import { checkSample, Sample, sortedCopy } from './samples';

/** The share an empty bin counts as, in either sample, so the logarithm stays finite (Evidently's choice). */
export const PSI_EMPTY_BIN_SHARE = 1e-4;

/** numpy's default (linear) quantile of sorted values. */
function quantile(sorted: Float64Array, q: number): number {
  const position = q * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, sorted.length - 1);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

/** Index of the bin `x` falls in: the number of cut points below it (a value on a cut point goes below). */
function binOf(edges: number[], x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Bins cut at the reference's deciles (or `bins`-quantiles); repeated cut points, from ties, merge. */
export function psiBins(reference: Sample, bins = 10) {
  const sorted = sortedCopy(reference);
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const edge = quantile(sorted, k / bins);
    if (edges.length === 0 || edge !== edges[edges.length - 1])
      edges.push(edge);
  }
  return {
    edges,
    counts(values: Sample): Float64Array {
      const counts = new Float64Array(edges.length + 1);
      for (let i = 0; i < values.length; i++)
        counts[binOf(edges, values[i])] += 1;
      return counts;
    },
  };
}

/**
 * Population Stability Index of `current` against `reference`: Σ (c − r) · ln(c / r) over
 * {@link psiBins}; a bin empty in a sample counts as {@link PSI_EMPTY_BIN_SHARE} of it.
 * Thresholds: 0.1 warns, 0.2 is drift.
 */
export function populationStabilityIndex(
  reference: Sample,
  current: Sample,
  bins = 10,
): number {
  checkSample('reference', reference);
  checkSample('current', current);
  const cut = psiBins(reference, bins);
  const shares = (values: Sample) =>
    Array.from(cut.counts(values), c =>
      c === 0 ? PSI_EMPTY_BIN_SHARE : c / values.length,
    );
  const r = shares(reference);
  const c = shares(current);
  let psi = 0;
  for (let i = 0; i < r.length; i++)
    psi += (c[i] - r[i]) * Math.log(c[i] / r[i]);
  return psi;
}
