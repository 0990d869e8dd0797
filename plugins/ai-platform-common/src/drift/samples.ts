import { InputError } from '@backstage/errors';

/** Numbers in, as arrays or typed arrays. */
export type Sample = ArrayLike<number>;

/**
 * Refuses what no drift statistic can be computed on: an empty sample, or NaN or ±Infinity in
 * it. `name` says which sample, e.g. `reference` or `current`, and errors name the index.
 */
export function checkSample(name: string, values: Sample): void {
  if (values.length === 0) {
    throw new InputError(`${name}: the sample is empty`);
  }
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new InputError(
        `${name}[${i}]: ${values[i]} is not a finite number`,
      );
    }
  }
}

/** A sorted copy, as float64. */
export function sortedCopy(values: Sample): Float64Array {
  return Float64Array.from(values).sort();
}

/** Population standard deviation (numpy's `np.std`, ddof 0), by Welford's update. */
export function standardDeviation(values: Sample): number {
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < values.length; i++) {
    const delta = values[i] - mean;
    mean += delta / (i + 1);
    m2 += delta * (values[i] - mean);
  }
  return Math.sqrt(m2 / values.length);
}
