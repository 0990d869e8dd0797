/**
 * One benchmark case in a fresh process, so its peak memory is its own: reads the two samples
 * from raw float64 files (no copy beyond the input itself), runs the statistic `repeats` times
 * and prints the times and the peak RSS of the first run above what the process held before it.
 */
import { readFileSync } from 'fs';
import {
  kolmogorovSmirnov,
  populationStabilityIndex,
  wasserstein1,
} from '../../plugins/ai-platform-common/src/drift';

const [statistic, referencePath, currentPath, repeatsArg] =
  process.argv.slice(2);
const load = (path: string) => {
  const bytes = readFileSync(path);
  return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.length / 8);
};
const reference = load(referencePath);
const current = load(currentPath);
const run: Record<string, () => unknown> = {
  ks: () => kolmogorovSmirnov(reference, current),
  psi: () => populationStabilityIndex(reference, current),
  wasserstein: () => wasserstein1(reference, current),
};
// Peak memory from the first run alone: later runs would add the garbage of earlier ones,
// which a collection between runs frees but RSS does not give back.
global.gc?.();
const before = process.memoryUsage().rss;
const times: number[] = [];
let value: unknown;
let peakExtra = 0;
for (let i = 0; i < Number(repeatsArg); i++) {
  const start = process.hrtime.bigint();
  value = run[statistic]();
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
  if (i === 0)
    peakExtra = Math.max(0, process.resourceUsage().maxRSS * 1024 - before);
  global.gc?.();
}
process.stdout.write(`${JSON.stringify({ times, peakExtra, value })}\n`);
