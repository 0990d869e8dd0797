import { FabricCounter, FabricHealth } from './types';

/**
 * Errors per second above which a link is degraded, per counter. `linkDowned` has none: any
 * link-down in the window makes the link down.
 */
export type FabricThresholds = Partial<
  Record<Exclude<FabricCounter, 'linkDowned'>, number>
>;

/**
 * Defaults, per second over the scrape window. Symbol errors and receive errors at 0.01/s are
 * some 36 an hour, far above a healthy NDR cable's handful a day; one link error recovery (a
 * retrain) every quarter hour is a flapping cable. Transmit wait is congestion, not a fault, so
 * it has no default.
 */
export const DEFAULT_FABRIC_THRESHOLDS: FabricThresholds = {
  symbolErrors: 0.01,
  linkErrorRecovery: 0.001,
  portRcvErrors: 0.01,
  portXmitDiscards: 0.1,
  nvlinkCrcFlitErrors: 1,
  nvlinkCrcDataErrors: 0.01,
  nvlinkReplayErrors: 0.01,
  nvlinkRecoveryErrors: 0.001,
};

/** The words a reason uses for each counter. */
export const FABRIC_COUNTER_LABELS: Record<FabricCounter, string> = {
  symbolErrors: 'symbol errors',
  linkDowned: 'link downed',
  linkErrorRecovery: 'link error recovery',
  portRcvErrors: 'receive errors',
  portXmitDiscards: 'transmit discards',
  portXmitWait: 'transmit wait',
  nvlinkCrcFlitErrors: 'NVLink CRC flit errors',
  nvlinkCrcDataErrors: 'NVLink CRC data errors',
  nvlinkReplayErrors: 'NVLink replay errors',
  nvlinkRecoveryErrors: 'NVLink recovery errors',
};

/** A raw counter read at a time (epoch ms), for sources that hand counters rather than rates. */
export interface CounterSample {
  value: number;
  at: number;
}

/**
 * The per-second rate between two reads of a counter. A counter that went down was reset (a
 * restart, a cleared port): it counted from zero since, so the rate is its current value over
 * the window, never a negative or wrapped burst. A counter at its saturation value (InfiniBand's
 * PMA counters stop there rather than wrap) says nothing about the window: undefined.
 */
export function counterRate(
  prev: CounterSample | undefined,
  cur: CounterSample,
  saturatedAt?: number,
): number | undefined {
  if (!prev || cur.at <= prev.at) return undefined;
  if (saturatedAt !== undefined && cur.value >= saturatedAt) return undefined;
  const seconds = (cur.at - prev.at) / 1000;
  const increase = cur.value >= prev.value ? cur.value - prev.value : cur.value;
  return increase / seconds;
}

const RANK: Record<FabricHealth, number> = {
  healthy: 0,
  unknown: 0,
  degraded: 1,
  down: 2,
};

/** How bad a state is, for "worsens": healthy and unknown 0, degraded 1, down 2. */
export function healthRank(health: FabricHealth): number {
  return RANK[health];
}

/** A rate as reasons print it: three significant digits. */
export function formatRate(value: number): string {
  return String(Number(value.toPrecision(3)));
}

const entriesOf = new WeakMap<
  FabricThresholds,
  Array<[keyof FabricThresholds, number]>
>();

/** A thresholds object's entries, listed once rather than for every link judged. */
function thresholdEntries(thresholds: FabricThresholds) {
  let entries = entriesOf.get(thresholds);
  if (!entries) {
    entries = Object.entries(thresholds) as Array<
      [keyof FabricThresholds, number]
    >;
    entriesOf.set(thresholds, entries);
  }
  return entries;
}

/** What a link's sources say, merged. */
export interface LinkReading {
  up?: boolean;
  speedGbps?: number;
  width?: number;
  rates: Partial<Record<FabricCounter, number>>;
  bytesPerSecond?: number;
}

/** What a link should negotiate, from its fabric's entity. */
export interface LinkExpectation {
  speedGbps?: number;
  width?: number;
}

export interface LinkJudgement {
  health: FabricHealth;
  reasons: string[];
  /** How far past its worst limit the link is (1 at a threshold), to rank the worst links. */
  severity: number;
}

/** Whether a reading holds anything measured at all. */
function measured(reading: LinkReading): boolean {
  if (
    reading.up !== undefined ||
    reading.speedGbps !== undefined ||
    reading.width !== undefined ||
    reading.bytesPerSecond !== undefined
  ) {
    return true;
  }
  for (const key in reading.rates) {
    if (Object.prototype.hasOwnProperty.call(reading.rates, key)) return true;
  }
  return false;
}

/**
 * A link's health from what was read of it: down when a source says so or it went down within
 * the window; degraded when it negotiated below the expected speed or width or a counter is over
 * its threshold; unknown when nothing was measured; healthy otherwise. Every reason is in words.
 */
export function judgeLink(
  reading: LinkReading,
  expected: LinkExpectation,
  thresholds: FabricThresholds,
): LinkJudgement {
  if (!measured(reading)) {
    return { health: 'unknown', reasons: ['nothing measured'], severity: 0 };
  }
  const reasons: string[] = [];
  let down = false;
  let severity = 0;
  if (reading.up === false) {
    down = true;
    reasons.push('link is down');
  }
  const downed = reading.rates.linkDowned ?? 0;
  if (downed > 0) {
    down = true;
    reasons.push(`link downed ${formatRate(downed)}/s`);
  }
  if (reading.up !== false) {
    if (
      expected.width !== undefined &&
      reading.width !== undefined &&
      reading.width < expected.width
    ) {
      reasons.push(`width ${reading.width}×, expected ${expected.width}×`);
      severity = Math.max(severity, expected.width / reading.width);
    }
    if (
      expected.speedGbps !== undefined &&
      reading.speedGbps !== undefined &&
      reading.speedGbps < expected.speedGbps
    ) {
      reasons.push(
        `speed ${formatRate(reading.speedGbps)} Gb/s, expected ${formatRate(
          expected.speedGbps,
        )} Gb/s`,
      );
      severity = Math.max(
        severity,
        expected.speedGbps / Math.max(reading.speedGbps, 1e-9),
      );
    }
  }
  for (const [counter, threshold] of thresholdEntries(thresholds)) {
    const rate = reading.rates[counter];
    if (rate !== undefined && rate > threshold) {
      reasons.push(
        `${FABRIC_COUNTER_LABELS[counter]} ${formatRate(
          rate,
        )}/s (threshold ${formatRate(threshold)}/s)`,
      );
      severity = Math.max(severity, rate / threshold);
    }
  }
  if (down) return { health: 'down', reasons, severity: Infinity };
  return reasons.length
    ? { health: 'degraded', reasons, severity }
    : { health: 'healthy', reasons, severity: 0 };
}

/**
 * The state of a device or fabric from its links: unknown when none is known; down when every
 * known link is down; degraded when any is degraded or down; healthy otherwise.
 */
export function rollUpHealth(healths: Iterable<FabricHealth>): FabricHealth {
  let known = 0;
  let down = 0;
  let degraded = 0;
  for (const health of healths) {
    if (health === 'unknown') continue;
    known++;
    if (health === 'down') down++;
    else if (health === 'degraded') degraded++;
  }
  if (known === 0) return 'unknown';
  if (down === known) return 'down';
  return down + degraded > 0 ? 'degraded' : 'healthy';
}

/** Links per state. */
export function countHealth(
  healths: Iterable<FabricHealth>,
): Record<FabricHealth, number> {
  const counts = { healthy: 0, degraded: 0, down: 0, unknown: 0 };
  for (const health of healths) counts[health]++;
  return counts;
}

/** The share of known links that are degraded or down; 0 when none is known. */
export function degradedShare(counts: Record<FabricHealth, number>): number {
  const known = counts.healthy + counts.degraded + counts.down;
  return known ? (counts.degraded + counts.down) / known : 0;
}

/**
 * Share of a link's capacity in use: the bytes a port sends and receives over both directions
 * of a full-duplex link of `capacityGbps` each way, 0 to 1.
 */
export function utilization(
  bytesPerSecond: number | undefined,
  capacityGbps: number | undefined,
): number | undefined {
  if (bytesPerSecond === undefined || !capacityGbps) return undefined;
  return Math.min(
    1,
    Math.max(0, (bytesPerSecond * 8) / (2 * capacityGbps * 1e9)),
  );
}
