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

/** Below this, the built-in sort wins over the radix sort's fixed cost. */
const RADIX_MIN = 4096;
const DIGIT_BITS = 16;
const BUCKETS = 1 << DIGIT_BITS;

/**
 * A sorted copy, as float64: the order of `Float64Array.prototype.sort` (−0 before +0), made
 * by an LSD radix sort on the IEEE 754 bits for large samples. The built-in comparison sort
 * takes ~100 ms for a million values; four 16-bit passes take a fraction of that, and need one
 * scratch buffer the size of the copy. (Callers have refused NaN already.)
 */
export function sortedCopy(values: Sample): Float64Array {
  const n = values.length;
  if (n < RADIX_MIN) return Float64Array.from(values).sort();
  const sorted = new Float64Array(n);
  sorted.set(values);
  // Little-endian words: [low, high] per value. Map each value to an unsigned key that sorts
  // like the number: positive → set the sign bit; negative → flip every bit.
  let keys = new Uint32Array(sorted.buffer);
  for (let i = 0; i < 2 * n; i += 2) {
    const high = keys[i + 1];
    if (high & 0x80000000) {
      keys[i] = ~keys[i];
      keys[i + 1] = ~high;
    } else {
      keys[i + 1] = high | 0x80000000;
    }
  }
  const counts = new Uint32Array(4 * BUCKETS);
  for (let i = 0; i < 2 * n; i += 2) {
    const low = keys[i];
    const high = keys[i + 1];
    counts[low & 0xffff]++;
    counts[BUCKETS + (low >>> 16)]++;
    counts[2 * BUCKETS + (high & 0xffff)]++;
    counts[3 * BUCKETS + (high >>> 16)]++;
  }
  let scratch = new Uint32Array(2 * n);
  for (let pass = 0; pass < 4; pass++) {
    const base = pass * BUCKETS;
    const word = pass >> 1;
    const shift = (pass & 1) * DIGIT_BITS;
    // A digit that is the same for every value leaves the order as it is.
    if (counts[base + ((keys[word] >>> shift) & 0xffff)] === n) continue;
    let offset = 0;
    for (let d = 0; d < BUCKETS; d++) {
      const count = counts[base + d];
      counts[base + d] = offset;
      offset += count;
    }
    for (let i = 0; i < 2 * n; i += 2) {
      const at = 2 * counts[base + ((keys[i + word] >>> shift) & 0xffff)]++;
      scratch[at] = keys[i];
      scratch[at + 1] = keys[i + 1];
    }
    [keys, scratch] = [scratch, keys];
  }
  for (let i = 0; i < 2 * n; i += 2) {
    const high = keys[i + 1];
    if (high & 0x80000000) {
      keys[i + 1] = high & 0x7fffffff;
    } else {
      keys[i] = ~keys[i];
      keys[i + 1] = ~high;
    }
  }
  return new Float64Array(keys.buffer);
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
