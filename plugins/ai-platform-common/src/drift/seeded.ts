/**
 * Reproducible samples, bit for bit the same in TypeScript and in Python
 * (`scripts/drift/generate_fixtures.py` has the twin): an xorshift32 stream, and shapes built
 * from it with integer and power-of-two arithmetic only, so no libm call can round differently.
 * The scipy fixtures describe their large samples by these specs instead of storing the values,
 * and the portal's demo data uses them to stay the same on every start.
 */
export type SeededSampleSpec =
  /** Approximately normal (Irwin–Hall of 4 uniforms): centre + scale · (Σu − 2), u ∈ [0, 1). */
  | { shape: 'bell'; n: number; seed: number; centre: number; scale: number }
  /** Uniform on [low, low + width). */
  | { shape: 'uniform'; n: number; seed: number; low: number; width: number }
  /** Integers low … low + count − 1, for ties and categories. */
  | { shape: 'integers'; n: number; seed: number; low: number; count: number };

const TWO_24 = 16777216;

function xorshift32(seed: number): () => number {
  // Spread small seeds over all 32 bits and run in, so seeds 1 and 2 do not start alike.
  let x = Math.imul(seed, 0x9e3779b1) >>> 0 || 1;
  const step = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    // The top 24 bits: exact in a double, and the better bits of xorshift.
    return x >>> 8;
  };
  for (let i = 0; i < 16; i++) step();
  return step;
}

export function seededSample(spec: SeededSampleSpec): Float64Array {
  const next = xorshift32(spec.seed);
  const out = new Float64Array(spec.n);
  for (let i = 0; i < spec.n; i++) {
    switch (spec.shape) {
      case 'bell': {
        const sum = next() + next() + next() + next();
        out[i] = spec.centre + (spec.scale * (sum - 2 * TWO_24)) / TWO_24;
        break;
      }
      case 'uniform':
        out[i] = spec.low + (spec.width * next()) / TWO_24;
        break;
      default:
        out[i] = spec.low + (next() % spec.count);
    }
  }
  return out;
}
