import fs from 'node:fs';
import path from 'node:path';
import { parseNvidiaSmiCsv, parseNvidiaSmiXml } from '../pools/nvidiaSmi';
import {
  checkSiteFactors,
  estimatedEnergyKwh,
  estimatedPowerWatts,
  footprint,
  GpuPowerRange,
  kwhFromMeanPower,
  kwhFromPowerSamples,
  millijoulesToKwh,
  MILLIJOULES_PER_KWH,
} from './energy';

// Real captures from an H100 (shared/fixtures, beside the repository).
const fixtures = path.resolve(
  __dirname,
  '../../../../../shared/fixtures/nvidia-smi/h100',
);
const read = (name: string) =>
  fs.readFileSync(path.join(fixtures, name), 'utf8');

/**
 * Samples of `nvidia-smi --query-gpu=timestamp,…,power.draw --format=csv -l 1`. The timestamp
 * is the node's local time without a zone; read as UTC, the differences are still right.
 */
function csvSamples(csv: string) {
  const [header, ...rows] = csv.trim().split('\n');
  const columns = header.split(',').map(c => c.trim());
  const time = columns.indexOf('timestamp');
  const power = columns.indexOf('power.draw [W]');
  return rows.map(row => {
    const fields = row.split(',').map(f => f.trim());
    const [y, mo, d, h, mi, s] = fields[time].split(/[/ :]/).map(Number);
    return {
      at: Date.UTC(y, mo - 1, d, h, mi) + Math.round(s * 1000),
      watts: Number(fields[power].replace(/ W$/, '')),
    };
  });
}

/** `nvidia-smi dmon` prints one row a second; `pwr` is in W. */
function dmonSamples(text: string) {
  const lines = text.split('\n');
  const columns = lines[0].replace(/^#/, '').trim().split(/\s+/);
  const pwr = columns.indexOf('pwr');
  return lines
    .filter(line => line.trim() !== '' && !line.startsWith('#'))
    .map((line, i) => ({
      at: i * 1000,
      watts: Number(line.trim().split(/\s+/)[pwr]),
    }));
}

describe('H100 captures', () => {
  const [load] = parseNvidiaSmiXml(read('load-q.xml'));
  const [idle] = parseNvidiaSmiXml(read('idle-q.xml'));
  const h100: GpuPowerRange = {
    gpuModel: load.gpuModel,
    idleWatts: idle.powerDrawW!,
    maxWatts: load.powerLimitW!,
  };

  it('reads the power the captures show', () => {
    expect(load.powerDrawW).toBe(697.78);
    expect(load.powerLimitW).toBe(700);
    expect(load.utilizationPercent).toBe(100);
    expect(idle.powerDrawW).toBe(119.31);
    expect(idle.utilizationPercent).toBe(0);
  });

  it('integrates the query-gpu samples by trapezoids', () => {
    const text = read('load-query-gpu.csv');
    const samples = csvSamples(text);
    expect(samples).toHaveLength(10);
    // The repository's parser keeps the last sample of a GPU; ours must agree with it.
    expect(parseNvidiaSmiCsv(text)[0].powerDrawW).toBe(samples[9].watts);

    // Intervals (ms) and mean of each pair (W), from the file:
    //   1009 × 696.54  = 702 808.86    1000 × 697.535 = 697 535
    //   1000 × 696.445 = 696 445       1000 × 695.795 = 695 795
    //   1001 × 696.14  = 696 836.14    1000 × 695.815 = 695 815
    //   1000 × 697.665 = 697 665       1001 × 698.29  = 698 988.29
    //   1000 × 697.33  = 697 330
    // Σ = 6 279 218.29 mJ over 9 011 ms; / 3.6e9 = 0.00174422730… kWh.
    const kwh = kwhFromPowerSamples(samples);
    expect(kwh).toBeCloseTo(0.0017442273, 10);
    const meanWatts = (kwh * MILLIJOULES_PER_KWH) / 9011;
    expect(meanWatts).toBeCloseTo(696.839, 3);
    expect(meanWatts).toBeGreaterThan(696);
    expect(meanWatts).toBeLessThan(698);
  });

  it('integrates dmon samples', () => {
    const loadSamples = dmonSamples(read('load-dmon.txt'));
    expect(loadSamples.map(s => s.watts)).toEqual([
      695, 694, 695, 696, 694, 695, 698, 701, 700, 696,
    ]);
    // Pair means 694.5 + 694.5 + 695.5 + 695 + 694.5 + 696.5 + 699.5 + 700.5 + 698 = 6 268.5 J
    // over 9 s; / 3.6e6 = 0.00174125 kWh, within 0.2 % of the query-gpu figure above.
    expect(kwhFromPowerSamples(loadSamples)).toBeCloseTo(0.00174125, 10);

    // 115 W at start, then 69 W: (92 + 69 + 69 + 69) = 299 J over 4 s.
    const idleSamples = dmonSamples(read('idle-dmon.txt'));
    expect(kwhFromPowerSamples(idleSamples)).toBeCloseTo(299 / 3.6e6, 12);
  });

  it('turns an hour at the average draw into kWh', () => {
    expect(kwhFromMeanPower(load.powerDrawW!, 1)).toBeCloseTo(0.69778, 10);
    expect(kwhFromMeanPower(idle.powerDrawW!, 1)).toBeCloseTo(0.11931, 10);
  });

  it('estimates the measured draw from utilization', () => {
    const busy = estimatedPowerWatts(h100, load.utilizationPercent! / 100);
    expect(busy).toBe(700);
    expect(Math.abs(busy - load.powerDrawW!) / load.powerDrawW!).toBeLessThan(
      0.01,
    );
    expect(estimatedPowerWatts(h100, idle.utilizationPercent! / 100)).toBe(
      119.31,
    );
  });

  it('estimates the energy of partly busy GPU-hours', () => {
    // 8 h × 119.31 W = 954.48 Wh idle, plus 6 h × (700 − 119.31) = 3 484.14 Wh busy:
    // 4 438.62 Wh = 4.43862 kWh.
    expect(
      estimatedEnergyKwh(h100, { gpuHours: 8, busyGpuHours: 6 }),
    ).toBeCloseTo(4.43862, 10);
  });
});

describe('conversions', () => {
  it('turns millijoules into kWh', () => {
    expect(millijoulesToKwh(3.6e9)).toBe(1);
    expect(millijoulesToKwh(0)).toBe(0);
  });

  it('goes from GPU power to carbon and water', () => {
    // 8 × 650 W = 5 200 W for 24 h = 124.8 kWh IT.
    const it = kwhFromMeanPower(8 * 650, 24);
    expect(it).toBeCloseTo(124.8, 10);
    const result = footprint(it, {
      pue: 1.25,
      gridGramsPerKwh: 350,
      waterLitresPerKwh: 1.8,
    });
    // 124.8 × 1.25 = 156 kWh; × 350 g = 54 600 g (54.6 kg); × 1.8 L = 280.8 L.
    expect(result.facilityEnergyKwh).toBeCloseTo(156, 10);
    expect(result.carbonGrams).toBeCloseTo(54_600, 8);
    expect(result.waterLitres).toBeCloseTo(280.8, 10);
  });

  it('counts no water without a water factor', () => {
    expect(footprint(10, { pue: 1.1, gridGramsPerKwh: 0 })).toEqual({
      facilityEnergyKwh: 11,
      carbonGrams: 0,
      waterLitres: 0,
    });
  });
});

describe('kwhFromPowerSamples', () => {
  const minute = 60_000;

  it('is 0 for fewer than two samples', () => {
    expect(kwhFromPowerSamples([])).toBe(0);
    expect(kwhFromPowerSamples([{ at: 0, watts: 700 }])).toBe(0);
  });

  it('sorts samples by time first', () => {
    const sorted = [
      { at: 0, watts: 100 },
      { at: minute, watts: 300 },
      { at: 2 * minute, watts: 500 },
    ];
    // 200 W × 1 min + 400 W × 1 min = 36 000 000 mJ = 0.01 kWh.
    expect(kwhFromPowerSamples(sorted)).toBeCloseTo(0.01, 12);
    expect(kwhFromPowerSamples([sorted[2], sorted[0], sorted[1]])).toBeCloseTo(
      0.01,
      12,
    );
  });

  it('counts nothing across a gap longer than maxGapMs', () => {
    const samples = [
      { at: 0, watts: 600 },
      { at: 5 * minute, watts: 600 },
      { at: 5 * minute + 1 + 5 * minute, watts: 600 },
    ];
    // The first 5 minutes count (exactly the default limit); the next 5 min 1 ms do not.
    expect(kwhFromPowerSamples(samples)).toBeCloseTo(0.05, 12);
    expect(kwhFromPowerSamples(samples, { maxGapMs: 10 * minute })).toBeCloseTo(
      0.1 + 600 / MILLIJOULES_PER_KWH,
      12,
    );
    expect(kwhFromPowerSamples(samples, { maxGapMs: minute })).toBe(0);
  });

  it('counts nothing between samples at the same time', () => {
    expect(
      kwhFromPowerSamples([
        { at: 1000, watts: 700 },
        { at: 1000, watts: 100 },
      ]),
    ).toBe(0);
  });

  it('names the index of a bad sample', () => {
    const good = { at: 0, watts: 1 };
    expect(() =>
      kwhFromPowerSamples([good, good, { at: 1, watts: NaN }]),
    ).toThrow(new RangeError('sample 2: NaN W is not a power'));
    expect(() => kwhFromPowerSamples([good, { at: 1, watts: -5 }])).toThrow(
      'sample 1: -5 W is not a power',
    );
    expect(() =>
      kwhFromPowerSamples([{ at: 0, watts: Infinity }, good]),
    ).toThrow('sample 0: Infinity W is not a power');
    expect(() => kwhFromPowerSamples([good, { at: -1, watts: 1 }])).toThrow(
      'sample 1: time -1 is not a time in ms',
    );
    expect(() =>
      kwhFromPowerSamples([{ at: Infinity, watts: 1 }, good]),
    ).toThrow(RangeError);
    // Even a lone bad sample, which would add nothing, is refused.
    expect(() => kwhFromPowerSamples([{ at: NaN, watts: 1 }])).toThrow(
      'sample 0: time NaN is not a time in ms',
    );
  });

  it('refuses a negative gap limit', () => {
    expect(() => kwhFromPowerSamples([], { maxGapMs: -1 })).toThrow(RangeError);
  });
});

describe('estimates', () => {
  const range: GpuPowerRange = {
    gpuModel: 'NVIDIA-A100-SXM4-80GB',
    idleWatts: 60,
    maxWatts: 400,
  };

  it('clamps utilization to [0, 1]', () => {
    expect(estimatedPowerWatts(range, 0.5)).toBe(230);
    expect(estimatedPowerWatts(range, 1.7)).toBe(400);
    expect(estimatedPowerWatts(range, -0.2)).toBe(60);
    expect(() => estimatedPowerWatts(range, NaN)).toThrow(RangeError);
  });

  it('clamps busy hours to [0, gpuHours]', () => {
    // 10 h × 60 W = 0.6 kWh; all busy adds 10 h × 340 W = 3.4 kWh.
    expect(
      estimatedEnergyKwh(range, { gpuHours: 10, busyGpuHours: 25 }),
    ).toBeCloseTo(4, 12);
    expect(
      estimatedEnergyKwh(range, { gpuHours: 10, busyGpuHours: -3 }),
    ).toBeCloseTo(0.6, 12);
    expect(estimatedEnergyKwh(range, { gpuHours: 0, busyGpuHours: 0 })).toBe(0);
  });

  it('refuses negative or unknown hours', () => {
    expect(() =>
      estimatedEnergyKwh(range, { gpuHours: -1, busyGpuHours: 0 }),
    ).toThrow('gpuHours must be ≥ 0, not -1');
    expect(() =>
      estimatedEnergyKwh(range, { gpuHours: 1, busyGpuHours: NaN }),
    ).toThrow(RangeError);
  });
});

describe('checkSiteFactors', () => {
  const where = 'aiPlatform.spend.energy.clusters[0]';

  it('accepts sound factors', () => {
    expect(checkSiteFactors({ pue: 1, gridGramsPerKwh: 0 }, where)).toEqual([]);
    expect(
      checkSiteFactors(
        { pue: 1.3, gridGramsPerKwh: 420, waterLitresPerKwh: 0 },
        where,
      ),
    ).toEqual([]);
  });

  it('names every bad field under `where`', () => {
    expect(
      checkSiteFactors(
        { pue: 0.9, gridGramsPerKwh: -1, waterLitresPerKwh: -0.5 },
        where,
      ),
    ).toEqual([
      'aiPlatform.spend.energy.clusters[0].pue: must be a number ≥ 1, not 0.9',
      'aiPlatform.spend.energy.clusters[0].gridGramsPerKwh: must be a number ≥ 0 (g CO₂e/kWh), not -1',
      'aiPlatform.spend.energy.clusters[0].waterLitresPerKwh: must be a number ≥ 0 (L/kWh), not -0.5',
    ]);
  });

  it('refuses what is not a finite number', () => {
    expect(
      checkSiteFactors(
        { pue: NaN, gridGramsPerKwh: '300' as unknown as number },
        '',
      ),
    ).toEqual([
      'pue: must be a number ≥ 1, not NaN',
      'gridGramsPerKwh: must be a number ≥ 0 (g CO₂e/kWh), not "300"',
    ]);
  });
});
