/** A GPU model's power range, for estimates where no power was observed. */
export interface GpuPowerRange {
  gpuModel: string;
  idleWatts: number;
  maxWatts: number;
}

/** Watts × milliseconds are millijoules; a kWh is 3.6 MJ. */
export const MILLIJOULES_PER_KWH = 3_600_000_000;

const DEFAULT_MAX_GAP_MS = 5 * 60_000;

export function millijoulesToKwh(millijoules: number): number {
  return millijoules / MILLIJOULES_PER_KWH;
}

/** Energy of GPUs drawing `meanWatts` in total (sum over GPUs of their mean power) for `hours`. */
export function kwhFromMeanPower(meanWatts: number, hours: number): number {
  return (meanWatts * hours) / 1000;
}

const isNonNegative = (n: number) => Number.isFinite(n) && n >= 0;

/**
 * kWh from timestamped power samples (ms, W): trapezoids between consecutive samples (sorted
 * by time first); a gap longer than maxGapMs (default 5 minutes) adds nothing, since the
 * exporter was down and nothing says what was drawn meanwhile; fewer than 2 samples → 0.
 * Throws RangeError naming the sample index for NaN/negative/infinite watts or times.
 */
export function kwhFromPowerSamples(
  samples: ReadonlyArray<{ at: number; watts: number }>,
  options?: { maxGapMs?: number },
): number {
  const maxGapMs = options?.maxGapMs ?? DEFAULT_MAX_GAP_MS;
  if (Number.isNaN(maxGapMs) || maxGapMs < 0) {
    throw new RangeError(`maxGapMs must be ≥ 0, not ${maxGapMs}`);
  }
  samples.forEach(({ at, watts }, i) => {
    if (!isNonNegative(at)) {
      throw new RangeError(`sample ${i}: time ${at} is not a time in ms`);
    }
    if (!isNonNegative(watts)) {
      throw new RangeError(`sample ${i}: ${watts} W is not a power`);
    }
  });
  const sorted = [...samples].sort((a, b) => a.at - b.at);
  let millijoules = 0;
  for (let i = 1; i < sorted.length; i++) {
    const ms = sorted[i].at - sorted[i - 1].at;
    if (ms <= maxGapMs) {
      millijoules += ((sorted[i - 1].watts + sorted[i].watts) / 2) * ms;
    }
  }
  return millijoulesToKwh(millijoules);
}

/** Power at utilization u (clamped to [0,1]): idle + u × (max − idle). */
export function estimatedPowerWatts(
  range: GpuPowerRange,
  utilization: number,
): number {
  if (Number.isNaN(utilization)) {
    throw new RangeError('utilization is NaN');
  }
  const u = Math.min(1, Math.max(0, utilization));
  return range.idleWatts + u * (range.maxWatts - range.idleWatts);
}

/**
 * Energy of `gpuHours` GPU-hours of which `busyGpuHours` were busy (clamped to [0, gpuHours]):
 * idle power over all hours plus (max − idle) over the busy hours, in kWh.
 */
export function estimatedEnergyKwh(
  range: GpuPowerRange,
  usage: { gpuHours: number; busyGpuHours: number },
): number {
  const { gpuHours, busyGpuHours } = usage;
  if (!isNonNegative(gpuHours)) {
    throw new RangeError(`gpuHours must be ≥ 0, not ${gpuHours}`);
  }
  if (Number.isNaN(busyGpuHours)) {
    throw new RangeError('busyGpuHours is NaN');
  }
  const busy = Math.min(gpuHours, Math.max(0, busyGpuHours));
  return (
    kwhFromMeanPower(range.idleWatts, gpuHours) +
    kwhFromMeanPower(range.maxWatts - range.idleWatts, busy)
  );
}

/** Factors of the site a cluster runs in. */
export interface SiteFactors {
  /** Power usage effectiveness: facility energy over IT energy. */
  pue: number;
  /** g CO₂e per kWh drawn from the grid. */
  gridGramsPerKwh: number;
  /** Water usage effectiveness, litres per facility kWh. */
  waterLitresPerKwh?: number;
}

/** facility = IT × PUE; carbon (g CO₂e) = facility × grid intensity; water = facility × water factor (0 without one). */
export function footprint(
  itEnergyKwh: number,
  factors: SiteFactors,
): { facilityEnergyKwh: number; carbonGrams: number; waterLitres: number } {
  const facilityEnergyKwh = itEnergyKwh * factors.pue;
  return {
    facilityEnergyKwh,
    carbonGrams: facilityEnergyKwh * factors.gridGramsPerKwh,
    waterLitres: facilityEnergyKwh * (factors.waterLitresPerKwh ?? 0),
  };
}

/**
 * Problems with site factors, as `field: message` strings (PUE must be a number ≥ 1, grid
 * intensity ≥ 0, water ≥ 0); [] when fine. `where` prefixes each, e.g.
 * `aiPlatform.spend.energy.clusters[0]`.
 */
export function checkSiteFactors(
  factors: SiteFactors,
  where: string,
): string[] {
  const field = (name: string) => (where ? `${where}.${name}` : name);
  const isNumber = (v: unknown): v is number =>
    typeof v === 'number' && Number.isFinite(v);
  // Quoted when a string, so that `"300"` from YAML does not read as 300.
  const shown = (v: unknown) =>
    typeof v === 'string' ? JSON.stringify(v) : String(v);
  const problems: string[] = [];
  // No facility uses less than its IT load: a PUE below 1 is a typo, not a good site.
  if (!isNumber(factors.pue) || factors.pue < 1) {
    problems.push(
      `${field('pue')}: must be a number ≥ 1, not ${shown(factors.pue)}`,
    );
  }
  if (!isNumber(factors.gridGramsPerKwh) || factors.gridGramsPerKwh < 0) {
    problems.push(
      `${field(
        'gridGramsPerKwh',
      )}: must be a number ≥ 0 (g CO₂e/kWh), not ${shown(
        factors.gridGramsPerKwh,
      )}`,
    );
  }
  if (
    factors.waterLitresPerKwh !== undefined &&
    (!isNumber(factors.waterLitresPerKwh) || factors.waterLitresPerKwh < 0)
  ) {
    problems.push(
      `${field('waterLitresPerKwh')}: must be a number ≥ 0 (L/kWh), not ${shown(
        factors.waterLitresPerKwh,
      )}`,
    );
  }
  return problems;
}
