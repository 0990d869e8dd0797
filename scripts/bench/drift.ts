/**
 * `yarn bench:drift`: the drift engine against scipy on the same 1 000 000 × 1 000 000 samples,
 * in the same run. Each case runs in a fresh Node process (peak memory is then its own); scipy
 * runs through /usr/bin/python3. Where scipy is missing the bench installs Debian's python3-scipy
 * (as root, with apt-get) or stops naming the command: a table without the baseline measures
 * nothing. Prints one table; exits 1 if a target is missed. Targets (issue 5): KS and Wasserstein
 * ≥ 2× faster than scipy, peak extra memory ≤ 3× the input's bytes.
 */
import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { seededSample } from '../../plugins/ai-platform-common/src/drift/seeded';

const SIZE = Number(process.env.BENCH_DRIFT_SIZE ?? 1_000_000);
const REPEATS = 5;
const PYTHON = '/usr/bin/python3';

const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function hasScipy(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import scipy'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** scipy is the baseline: installs Debian's python3-scipy where it can, else exits 1 naming how. */
function ensureScipy() {
  if (hasScipy()) return;
  const canInstall =
    process.getuid?.() === 0 &&
    spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' })
      .status === 0;
  if (canInstall) {
    const install =
      'apt-get update -qq && apt-get install -y -qq python3-scipy';
    console.log(`scipy not found at ${PYTHON}: installing it (${install})`);
    const { status } = spawnSync('sh', ['-c', install], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (status === 0 && hasScipy()) return;
  }
  console.error(
    `bench:drift compares against scipy, and ${PYTHON} cannot import it${
      canInstall ? ' after installing python3-scipy' : ''
    }. Install it as root with:\n\n  apt-get install -y python3-scipy\n`,
  );
  process.exit(1);
}

ensureScipy();

const dir = mkdtempSync(join(tmpdir(), 'bench-drift-'));
try {
  const referencePath = join(dir, 'reference.f64');
  const currentPath = join(dir, 'current.f64');
  const write = (path: string, values: Float64Array) =>
    writeFileSync(path, Buffer.from(values.buffer));
  write(
    referencePath,
    seededSample({ shape: 'bell', n: SIZE, seed: 1, centre: 0, scale: 1 }),
  );
  write(
    currentPath,
    seededSample({ shape: 'bell', n: SIZE, seed: 2, centre: 0.01, scale: 1.1 }),
  );
  const inputBytes = 2 * SIZE * 8;

  const rows = (['ks', 'psi', 'wasserstein'] as const).map(statistic => {
    const ours = JSON.parse(
      execFileSync(
        process.execPath,
        [
          '--expose-gc',
          '--require',
          require.resolve('@backstage/cli/config/nodeTransform.cjs'),
          join(__dirname, 'drift-case.ts'),
          statistic,
          referencePath,
          currentPath,
          String(REPEATS),
        ],
        { encoding: 'utf8', maxBuffer: 1 << 20 },
      ),
    );
    // scipy has no PSI; PSI has only the memory target.
    const theirs =
      statistic !== 'psi'
        ? JSON.parse(
            execFileSync(
              PYTHON,
              [
                join(__dirname, 'drift_scipy.py'),
                statistic,
                referencePath,
                currentPath,
                String(REPEATS),
              ],
              { encoding: 'utf8' },
            ),
          )
        : undefined;
    const oursMs = median(ours.times);
    const scipyMs = theirs ? median(theirs.times) : undefined;
    const speedup = scipyMs !== undefined ? scipyMs / oursMs : undefined;
    const memory = ours.peakExtra / inputBytes;
    const pass =
      (statistic === 'psi' || (speedup !== undefined && speedup >= 2)) &&
      memory <= 3;
    return {
      statistic,
      oursMs,
      scipyMs,
      speedup,
      memory,
      peakExtra: ours.peakExtra,
      pass,
    };
  });

  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
  console.log(
    `\ndrift engine vs scipy, ${SIZE.toLocaleString(
      'en-US',
    )} × ${SIZE.toLocaleString('en-US')} float64 (${mb(
      inputBytes,
    )} MiB of input), median of ${REPEATS}\n`,
  );
  const header = [
    'statistic',
    'ours ms',
    'scipy ms',
    'speed-up',
    'target',
    'peak extra MiB',
    '× input',
    'target',
    'ok',
  ];
  const table = rows.map(r => [
    r.statistic,
    r.oursMs.toFixed(1),
    r.scipyMs?.toFixed(1) ?? '–',
    r.speedup ? `${r.speedup.toFixed(2)}×` : '–',
    r.statistic === 'psi' ? '–' : '≥ 2×',
    mb(r.peakExtra),
    r.memory.toFixed(2),
    '≤ 3',
    r.pass ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...table.map(row => row[i].length)),
  );
  const line = (cells: string[]) =>
    cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(line(header));
  console.log(widths.map(w => '-'.repeat(w)).join('  '));
  table.forEach(row => console.log(line(row)));
  if (rows.some(r => !r.pass)) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
