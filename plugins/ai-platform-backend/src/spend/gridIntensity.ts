import { parse } from 'csv-parse/sync';

const HOUR_MS = 3_600_000;

/** Carbon intensity of one UTC hour of a grid. */
export interface GridIntensityPoint {
  /** Epoch ms of a whole UTC hour. */
  hourStart: number;
  gramsPerKwh: number;
}

export interface GridIntensityProblem {
  line: number;
  column?: string;
  message: string;
}

// Electricity Maps' data portal has named its hourly CSV columns `Datetime (UTC)`, `Carbon
// Intensity gCO₂eq/kWh (direct)` and `… (LCA)` (2021–23 exports), later `Carbon intensity
// gCO₂eq/kWh (Life cycle)`, and its page lists `(life cycle assessment)`; times read
// `2021-01-01 00:00:00`, UTC by the column's name.
const LIFE_CYCLE = /^carbon[ _-]?intensity\b.*\((lca|life[ -]?cycle[^)]*)\)$/;
const DIRECT = /^carbon[ _-]?intensity\b.*\(direct\)$/;

const LOOKED_FOR =
  '`datetime` and `gco2e_per_kwh`, or an Electricity Maps export with `Datetime (UTC)` and ' +
  '`Carbon intensity gCO₂eq/kWh (Life cycle)`, `… (LCA)` or `… (direct)`';

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

interface Layout {
  time: number;
  intensity: number;
  /** Electricity Maps writes UTC times without a zone; the two-column format must carry one. */
  zoneRequired: boolean;
}

function layoutOf(header: string[]): Layout | undefined {
  const names = header.map(h => h.trim().toLowerCase());
  const plainTime = names.indexOf('datetime');
  const plainIntensity = names.indexOf('gco2e_per_kwh');
  if (plainTime >= 0 && plainIntensity >= 0) {
    return { time: plainTime, intensity: plainIntensity, zoneRequired: true };
  }
  const time = names.indexOf('datetime (utc)');
  const lifeCycle = names.findIndex(n => LIFE_CYCLE.test(n));
  const intensity =
    lifeCycle >= 0 ? lifeCycle : names.findIndex(n => DIRECT.test(n));
  if (time >= 0 && intensity >= 0) {
    return { time, intensity, zoneRequired: false };
  }
  return undefined;
}

/** Epoch ms of an ISO 8601 date-time, or a message saying why it is not one. */
function parseTime(value: string, zoneRequired: boolean): number | string {
  const m = value.match(DATE_TIME);
  if (!m || (zoneRequired && !m[8])) {
    return zoneRequired
      ? `"${value}" is not an ISO 8601 date-time with a time zone (Z or ±hh:mm)`
      : `"${value}" is not a date-time like 2024-01-01 00:00:00`;
  }
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(v => Number(v ?? 0));
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (
    day.getUTCFullYear() !== y ||
    day.getUTCMonth() !== mo - 1 ||
    day.getUTCDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59
  ) {
    return `"${value}" is not a date and time that exist`;
  }
  const zone = m[8]?.toUpperCase() ?? 'Z';
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes =
      (zone[0] === '-' ? -1 : 1) *
      (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
  }
  const ms = day.getTime() + (h * 60 + mi - offsetMinutes) * 60_000 + s * 1000;
  // A half-hour zone such as +05:30 can put a whole local hour off the UTC hour.
  if (/[1-9]/.test(m[7] ?? '') || ms % HOUR_MS !== 0) {
    return `"${value}" is not the start of a UTC hour`;
  }
  return ms;
}

/**
 * Reads hourly grid carbon intensity from (a) two columns `datetime` + `gco2e_per_kwh`
 * (header names case-insensitive, extra columns ignored; datetime ISO 8601 with Z or offset),
 * or (b) an Electricity Maps hourly export, preferring its life-cycle intensity to the direct
 * one. The whole file is refused with every bad line, numbered as in the file (header = 1).
 * `column` says which intensity column was read.
 */
export function parseGridIntensityCsv(text: string): {
  points: GridIntensityPoint[];
  problems: GridIntensityProblem[];
  column?: string;
} {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      trim: true,
      // A short row is one bad line, not a reason to stop reading the rest.
      relax_column_count: true,
    });
  } catch (error) {
    const e = error as { lines?: number; message: string };
    return {
      points: [],
      problems: [{ line: e.lines ?? 1, message: e.message }],
    };
  }
  const header = records[0]?.record ?? [];
  const layout = layoutOf(header);
  if (!layout) {
    return {
      points: [],
      problems: [
        {
          line: 1,
          message: records.length
            ? `No usable columns: looked for ${LOOKED_FOR}`
            : `The file is empty: looked for a header with ${LOOKED_FOR}`,
        },
      ],
    };
  }
  const timeColumn = header[layout.time];
  const column = header[layout.intensity];
  if (records.length === 1) {
    return {
      points: [],
      problems: [{ line: 1, message: 'The file has a header but no hours' }],
      column,
    };
  }

  const points: GridIntensityPoint[] = [];
  const problems: GridIntensityProblem[] = [];
  const lineOfHour = new Map<number, number>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const time = parseTime(record[layout.time] ?? '', layout.zoneRequired);
    if (typeof time === 'string') {
      problems.push({ line, column: timeColumn, message: time });
    } else if (lineOfHour.has(time)) {
      problems.push({
        line,
        column: timeColumn,
        message: `the hour ${new Date(
          time,
        ).toISOString()} is also on line ${lineOfHour.get(time)}`,
      });
    } else {
      lineOfHour.set(time, line);
    }
    const value = record[layout.intensity] ?? '';
    let intensityProblem: string | undefined;
    if (value === '') intensityProblem = 'the intensity is missing';
    else if (!DECIMAL.test(value))
      intensityProblem = `"${value}" is not a number`;
    else if (Number(value) < 0) intensityProblem = `${value} is negative`;
    if (intensityProblem) {
      problems.push({ line, column, message: intensityProblem });
    } else if (typeof time === 'number') {
      points.push({ hourStart: time, gramsPerKwh: Number(value) });
    }
  }
  if (problems.length) return { points: [], problems, column };
  return {
    points: points.sort((a, b) => a.hourStart - b.hourStart),
    problems,
    column,
  };
}

/** Intensity by hour, falling back to a constant for hours the series does not cover. */
export class GridIntensitySeries {
  private readonly byHour = new Map<number, number>();
  private readonly fallback: number;

  constructor(
    points: readonly GridIntensityPoint[],
    fallbackGramsPerKwh: number,
  ) {
    const valid = (g: number) => Number.isFinite(g) && g >= 0;
    if (!valid(fallbackGramsPerKwh)) {
      throw new RangeError(
        `the fallback intensity must be ≥ 0 g/kWh, not ${fallbackGramsPerKwh}`,
      );
    }
    this.fallback = fallbackGramsPerKwh;
    points.forEach(({ hourStart, gramsPerKwh }, i) => {
      if (!Number.isFinite(hourStart) || hourStart % HOUR_MS !== 0) {
        throw new RangeError(
          `point ${i}: ${hourStart} is not a whole UTC hour`,
        );
      }
      if (!valid(gramsPerKwh)) {
        throw new RangeError(
          `point ${i}: ${gramsPerKwh} g/kWh is not an intensity`,
        );
      }
      if (this.byHour.has(hourStart)) {
        throw new RangeError(`point ${i}: a second point for the same hour`);
      }
      this.byHour.set(hourStart, gramsPerKwh);
    });
  }

  /** g CO₂e/kWh of the UTC hour containing `ms`. */
  at(ms: number): number {
    return this.byHour.get(Math.floor(ms / HOUR_MS) * HOUR_MS) ?? this.fallback;
  }

  get size(): number {
    return this.byHour.size;
  }
}
