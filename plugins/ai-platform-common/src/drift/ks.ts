import { kolmogorovSf } from './kolmogorov';
import { checkSample, Sample, sortedCopy } from './samples';

/** How the p-value is computed: as `scipy.stats.ks_2samp`'s `method`. */
export type KsMode = 'auto' | 'exact' | 'asymptotic';

export interface KsResult {
  /** sup |F_reference − F_current|. */
  statistic: number;
  /** Two-sided p-value. */
  pValue: number;
  /** The mode that produced the p-value. */
  mode: 'exact' | 'asymptotic';
}

/** scipy's `auto` is exact up to this many values in the larger sample. */
const MAX_EXACT_AUTO = 10000;
const INT32_MAX = 2147483647;

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return x;
}

/** numpy's round: half to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * The largest gap between the two empirical CDFs, evaluated where either sample has a value.
 * Both sides of the gap are computed as count/size, as scipy does, so the same floats come out.
 */
function ecdfGap(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  const m = b.length;
  let i = 0;
  let j = 0;
  let max = 0;
  let min = 0;
  while (i < n || j < m) {
    const x = j >= m || (i < n && a[i] <= b[j]) ? a[i] : b[j];
    while (i < n && a[i] === x) i++;
    while (j < m && b[j] === x) j++;
    const gap = i / n - j / m;
    if (gap > max) max = gap;
    if (gap < min) min = gap;
  }
  return Math.max(max, -min);
}

/**
 * P(D ≥ h/n) for two samples of n each: the share of lattice paths leaving the band |x − y| < h,
 * by the reflection series 2·Σ (−1)^(k+1) C(2n, n − kh) / C(2n, n) in Horner form, which keeps
 * the alternating terms from cancelling.
 */
function equalSizesTail(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let ratio = 1;
    for (let j = 0; j < h; j++)
      ratio = ((n - k * h - j) * ratio) / (n + k * h + j + 1);
    p = ratio * (1 - p);
  }
  return 2 * p;
}

/**
 * P(D ≥ h/lcm) for samples of m and n: the share of monotone lattice paths from (0,0) to (m,n)
 * that leave the band |x/m − y/n| < h/lcm. Walks the columns keeping only the band, and carries
 * the share of paths that have *left* it (Viehmann 2021, arXiv:2102.08037), which stays in [0, 1]
 * and so neither overflows nor cancels the way counting the paths inside would.
 */
function unequalSizesTail(
  sizeA: number,
  sizeB: number,
  g: number,
  h: number,
): number {
  const m = Math.max(sizeA, sizeB);
  const n = Math.min(sizeA, sizeB);
  const mg = m / g;
  const ng = n / g;
  let previous = new Float64Array(n + 1);
  let current = new Float64Array(n + 1);
  // Column 0: points (0, j) with mg·j < h are inside; no path to them has left.
  let lo = 0;
  let hi = Math.min(Math.ceil(h / mg), n + 1);
  for (let i = 1; i <= m; i++) {
    const lastLo = lo;
    const lastHi = hi;
    [previous, current] = [current, previous];
    lo = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    hi = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (hi <= lo) return 1;
    // The point below the band is outside: every path to it has left.
    let below = lo === 0 ? 0 : 1;
    for (let j = lo; j < hi; j++) {
      const left = j < lastHi ? previous[j - lastLo] : 1;
      below = (left * i + below * j) / (i + j);
      current[j - lo] = below;
    }
  }
  return current[hi - lo - 1];
}

/**
 * Two-sample Kolmogorov–Smirnov test, two-sided, as `scipy.stats.ks_2samp(reference, current,
 * method=…)`: `auto` is exact when neither sample exceeds 10 000 values and asymptotic (the
 * one-sample Kolmogorov distribution at n = round(n₁n₂/(n₁+n₂))) above.
 */
export function kolmogorovSmirnov(
  reference: Sample,
  current: Sample,
  mode: KsMode = 'auto',
): KsResult {
  checkSample('reference', reference);
  checkSample('current', current);
  const a = sortedCopy(reference);
  const b = sortedCopy(current);
  const n1 = a.length;
  const n2 = b.length;
  let statistic = ecdfGap(a, b);
  const g = gcd(n1, n2);
  let exact =
    mode === 'exact' || (mode === 'auto' && Math.max(n1, n2) <= MAX_EXACT_AUTO);
  // The lattice has lcm(n₁, n₂) steps per unit; past int32 scipy gives up on exact, so do we.
  if (exact && n1 / g >= INT32_MAX / (n2 / g)) exact = false;
  if (exact) {
    const lcm = (n1 / g) * n2;
    const h = roundHalfEven(statistic * lcm);
    statistic = h / lcm;
    if (h === 0) return { statistic, pValue: 1, mode: 'exact' };
    const pValue =
      n1 === n2 ? equalSizesTail(n1, h) : unequalSizesTail(n1, n2, g, h);
    if (Number.isFinite(pValue) && pValue >= 0 && pValue <= 1) {
      return { statistic, pValue, mode: 'exact' };
    }
  }
  const en = (n1 * n2) / (n1 + n2);
  const pValue = kolmogorovSf(roundHalfEven(en), statistic);
  return { statistic, pValue, mode: 'asymptotic' };
}
