import { InputError } from '@backstage/errors';

function relativeEntropy(x: number, y: number): number {
  if (x === 0) return 0;
  return x * Math.log(x / y);
}

function normalised(name: string, weights: ArrayLike<number>): number[] {
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (!Number.isFinite(w) || w < 0) {
      throw new InputError(
        `${name}[${i}]: ${w} is not a finite, non-negative weight`,
      );
    }
    total += w;
  }
  if (total === 0) {
    throw new InputError(`${name}: the weights add up to 0`);
  }
  return Array.from(weights, w => w / total);
}

/**
 * Jensen–Shannon distance between two discrete distributions over the same bins, as
 * `scipy.spatial.distance.jensenshannon(p, q, base)` computes it: weights are normalised
 * first, and the natural logarithm is used unless `base` is given (base 2 bounds it by 1).
 */
export function jensenShannonDistance(
  p: ArrayLike<number>,
  q: ArrayLike<number>,
  base?: number,
): number {
  if (p.length !== q.length) {
    throw new InputError(
      `current: has ${q.length} bins, the reference ${p.length}`,
    );
  }
  const pn = normalised('reference', p);
  const qn = normalised('current', q);
  let divergence = 0;
  for (let i = 0; i < pn.length; i++) {
    const mid = (pn[i] + qn[i]) / 2;
    divergence += relativeEntropy(pn[i], mid) + relativeEntropy(qn[i], mid);
  }
  if (base !== undefined) {
    divergence /= Math.log(base);
  }
  return Math.sqrt(divergence / 2);
}
