import { Knex } from 'knex';
import {
  ENERGY_SOURCES,
  IngestResult,
} from '@ai-platform/plugin-ai-platform-common';
import {
  AggregateQuery,
  AggregateRow,
  AttributionEnergyQuery,
  AttributionEnergyRow,
  IngestOptions,
  RollupDimension,
  SourceState,
  SpendStore,
  UsageRow,
} from './SpendStore';

const USAGE = 'ai_spend_usage';
const DAILY = 'ai_spend_daily';
const MONTHLY = 'ai_spend_monthly';
const SOURCES = 'ai_spend_sources';
const IMPORTS = 'ai_spend_imports';

/**
 * Rows per INSERT: knex writes SQLite multi-row inserts as a compound SELECT, which SQLite
 * limits to 500 terms.
 */
export const INSERT_CHUNK = 500;
const CHUNK = INSERT_CHUNK;

/**
 * Lets the event loop turn between statements. better-sqlite3 (Node-API) frees a statement's
 * native memory in a finalizer that only runs when the loop turns; a long ingest whose awaits
 * all resolve synchronously would otherwise hold every statement it prepared (about 1 GB per
 * million rows).
 */
export const yieldToEventLoop = () =>
  new Promise<void>(resolve => setImmediate(resolve));

const MICRO = 1_000_000;
const MILLI = 1_000;
const micros = (value: number) => Math.round(value * MICRO);
const millis = (value: number) => Math.round(value * MILLI);
// PostgreSQL returns bigint and its sums as strings.
const units = (value: string | number | null) => Number(value ?? 0) / MICRO;
const milliUnits = (value: string | number | null) =>
  Number(value ?? 0) / MILLI;
const num = (value: string | number | null | undefined) =>
  value === null || value === undefined ? undefined : Number(value);

interface UsageDbRow {
  source: string;
  source_id: string;
  source_key: string;
  period_start: number | string;
  period_end: number | string;
  day: string;
  team: string;
  attribution: string;
  resource_type: string;
  gpu_model: string;
  pricing_class: string;
  cost_micros: number | string;
  gpu_micro_hours: number | string;
  used_gpu_micro_hours: number | string;
  cluster: string;
  energy_micro_kwh: number | string;
  estimated_energy_micro_kwh: number | string;
  facility_energy_micro_kwh: number | string;
  carbon_mg: number | string;
  water_ml: number | string;
  import_id: string | null;
}

interface SourceDbRow {
  id: string;
  kind: SourceState['kind'];
  watermark: number | string | null;
  last_success_at: number | string | null;
  last_attempt_at: number | string | null;
  failures: number;
  next_attempt_at: number | string | null;
  last_error: string | null;
}

const DAY = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function toDbRow(row: UsageRow, importId: string | null): UsageDbRow {
  const bar = row.sourceKey.indexOf('|');
  if (bar < 1) {
    throw new Error(
      `Source key must start with the source id and a |: ${row.sourceKey}`,
    );
  }
  return {
    source: row.source,
    source_id: row.sourceKey.slice(0, bar),
    source_key: row.sourceKey,
    period_start: row.periodStart,
    period_end: row.periodEnd,
    day: dayOf(row.periodStart),
    team: row.team,
    attribution: row.attribution,
    resource_type: row.resourceType,
    gpu_model: row.gpuModel,
    pricing_class: row.pricingClass,
    cost_micros: micros(row.cost),
    gpu_micro_hours: micros(row.gpuHours),
    used_gpu_micro_hours: micros(row.usedGpuHours),
    cluster: row.cluster ?? '',
    energy_micro_kwh: micros(row.energyKwh ?? 0),
    estimated_energy_micro_kwh: micros(row.estimatedEnergyKwh ?? 0),
    facility_energy_micro_kwh: micros(row.facilityEnergyKwh ?? 0),
    carbon_mg: millis(row.carbonGrams ?? 0),
    water_ml: millis(row.waterLitres ?? 0),
    import_id: importId,
  };
}

const VALUE_COLUMNS = [
  'period_start',
  'period_end',
  'team',
  'attribution',
  'resource_type',
  'gpu_model',
  'pricing_class',
  'cost_micros',
  'gpu_micro_hours',
  'used_gpu_micro_hours',
  'cluster',
  'energy_micro_kwh',
  'estimated_energy_micro_kwh',
  'facility_energy_micro_kwh',
  'carbon_mg',
  'water_ml',
] as const;

const sameValues = (a: UsageDbRow, b: UsageDbRow) =>
  VALUE_COLUMNS.every(c => String(a[c]) === String(b[c]));

/** Usage row columns the rollups sum; each rollup row also counts its usage rows. */
const ROLLUP_SUMS = [
  'cost_micros',
  'gpu_micro_hours',
  'used_gpu_micro_hours',
  'energy_micro_kwh',
  'estimated_energy_micro_kwh',
  'facility_energy_micro_kwh',
  'carbon_mg',
  'water_ml',
] as const;
const ROLLUP_KEY = [
  'team',
  'resource_type',
  'gpu_model',
  'cluster',
  'source',
] as const;

/** Sums of changes to the rollups, per rollup row. */
class RollupDelta {
  private readonly deltas = new Map<string, number[]>();

  add(row: UsageDbRow, sign: 1 | -1) {
    const key = [row.day, ...ROLLUP_KEY.map(c => row[c])].join('\u0000');
    const delta =
      this.deltas.get(key) ?? new Array(ROLLUP_SUMS.length + 1).fill(0);
    ROLLUP_SUMS.forEach((c, i) => (delta[i] += sign * Number(row[c])));
    delta[ROLLUP_SUMS.length] += sign;
    this.deltas.set(key, delta);
  }

  /** Rollup rows per table, in key order so that concurrent writers lock in one order. */
  rows(period: 'day' | 'month') {
    const merged = new Map<string, number[]>();
    for (const [key, delta] of this.deltas) {
      const [day, ...rest] = key.split('\u0000');
      const periodKey = [
        period === 'day' ? day : day.slice(0, 7),
        ...rest,
      ].join('\u0000');
      const sum =
        merged.get(periodKey) ?? new Array(ROLLUP_SUMS.length + 1).fill(0);
      delta.forEach((v, i) => (sum[i] += v));
      merged.set(periodKey, sum);
    }
    return [...merged.entries()]
      .filter(([, d]) => d.some(v => v !== 0))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, d]) => {
        const [p, ...rest] = key.split('\u0000');
        return {
          [period]: p,
          ...Object.fromEntries(ROLLUP_KEY.map((c, i) => [c, rest[i]])),
          ...Object.fromEntries(ROLLUP_SUMS.map((c, i) => [c, d[i]])),
          usage_rows: d[ROLLUP_SUMS.length],
        };
      });
  }
}

const ENERGY_SUMS = {
  energy: 'energy_micro_kwh',
  estimated: 'estimated_energy_micro_kwh',
  facility: 'facility_energy_micro_kwh',
  carbon: 'carbon_mg',
  water: 'water_ml',
};

/** Energy sums of a query row, in kWh, grams and litres. */
const energyOf = (row: Record<string, string | number | null>) => ({
  energyKwh: units(row.energy),
  estimatedEnergyKwh: units(row.estimated),
  facilityEnergyKwh: units(row.facility),
  carbonGrams: milliUnits(row.carbon),
  waterLitres: milliUnits(row.water),
});

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK)
    out.push(items.slice(i, i + CHUNK));
  return out;
}

const COLUMN_OF: Record<RollupDimension, string> = {
  period: 'period',
  team: 'team',
  resourceType: 'resource_type',
  gpuModel: 'gpu_model',
  cluster: 'cluster',
  source: 'source',
};

/** Spend rows and rollups in the plugin's database (SQLite or PostgreSQL). */
export class DatabaseSpendStore implements SpendStore {
  constructor(private readonly db: Knex) {}

  async ingest(
    rows: UsageRow[],
    options: IngestOptions = {},
  ): Promise<IngestResult> {
    const importId = options.importRecord?.id ?? null;
    const incoming = new Map<string, UsageDbRow>();
    for (const row of rows) {
      if (incoming.has(row.sourceKey)) {
        throw new Error(`Duplicate source key in one ingest: ${row.sourceKey}`);
      }
      incoming.set(row.sourceKey, toDbRow(row, importId));
    }

    return this.db.transaction(async tx => {
      const delta = new RollupDelta();
      const existing = new Map<string, UsageDbRow>();
      const { scope } = options;
      if (scope) {
        const inScope: UsageDbRow[] = await tx(USAGE)
          .where('source_id', scope.sourceId)
          .andWhere('period_start', '>=', scope.from)
          .andWhere('period_start', '<', scope.to);
        inScope.forEach(r => existing.set(r.source_key, r));
      }

      let inserted = 0;
      const conflicts: string[] = [];
      for (const chunk of chunks(
        [...incoming.values()].filter(r => !existing.has(r.source_key)),
      )) {
        const returned: Array<{ source_key: string }> = await tx(USAGE)
          .insert(chunk)
          .onConflict('source_key')
          .ignore()
          .returning('source_key');
        await yieldToEventLoop();
        const landed = new Set(returned.map(r => r.source_key));
        for (const row of chunk) {
          if (landed.has(row.source_key)) {
            delta.add(row, 1);
            inserted++;
          } else {
            conflicts.push(row.source_key);
          }
        }
      }
      for (const keys of chunks(conflicts)) {
        const found: UsageDbRow[] = await tx(USAGE).whereIn('source_key', keys);
        found.forEach(r => existing.set(r.source_key, r));
      }

      let updated = 0;
      let unchanged = 0;
      for (const [key, before] of existing) {
        const after = incoming.get(key);
        if (!after) continue;
        if (sameValues(before, after)) {
          unchanged++;
          continue;
        }
        await tx(USAGE).where({ source_key: key }).update(after);
        delta.add(before, -1);
        delta.add(after, 1);
        updated++;
      }
      const gone = [...existing.values()].filter(
        r => !incoming.has(r.source_key),
      );
      for (const batch of chunks(gone)) {
        await tx(USAGE)
          .whereIn(
            'source_key',
            batch.map(r => r.source_key),
          )
          .delete();
        batch.forEach(r => delta.add(r, -1));
      }

      await this.applyRollups(tx, DAILY, 'day', delta);
      await this.applyRollups(tx, MONTHLY, 'month', delta);

      if (options.watermark) {
        const now = Date.now();
        await tx(SOURCES)
          .insert({
            id: options.watermark.sourceId,
            kind: options.watermark.kind,
            watermark: options.watermark.watermark,
            last_success_at: now,
            last_attempt_at: now,
            failures: 0,
            next_attempt_at: null,
            last_error: null,
          })
          .onConflict('id')
          .merge();
      }
      if (options.importRecord) {
        const record = options.importRecord;
        await tx(IMPORTS).insert({
          id: record.id,
          file_sha256: record.fileSha256,
          file_name: record.fileName,
          imported_by: record.importedBy,
          imported_at: Date.now(),
          row_count: rows.length,
          inserted,
          updated,
          unchanged,
        });
      }
      return { inserted, updated, unchanged, deleted: gone.length };
    });
  }

  private async applyRollups(
    tx: Knex.Transaction,
    table: string,
    period: 'day' | 'month',
    delta: RollupDelta,
  ) {
    const sums = [...ROLLUP_SUMS, 'usage_rows'];
    for (const chunk of chunks(delta.rows(period))) {
      await tx(table)
        .insert(chunk)
        .onConflict([period, ...ROLLUP_KEY])
        .merge(
          Object.fromEntries(
            sums.map(c => [c, tx.raw(`${table}.${c} + excluded.${c}`)]),
          ),
        );
      await yieldToEventLoop();
    }
  }

  async aggregate(query: AggregateQuery): Promise<AggregateRow[]> {
    const monthly = query.granularity === 'month';
    const table = monthly ? MONTHLY : DAILY;
    const periodColumn = monthly ? 'month' : 'day';
    const from = monthly ? query.from.slice(0, 7) : query.from;
    const to = monthly ? query.to.slice(0, 7) : query.to;
    const columns = query.groupBy.map(d =>
      d === 'period' ? periodColumn : COLUMN_OF[d],
    );

    const q = this.db(table)
      .select(columns.map((c, i) => `${c} as ${query.groupBy[i]}`))
      .sum({ cost: 'cost_micros' })
      .sum({ gpu: 'gpu_micro_hours' })
      .sum({ used: 'used_gpu_micro_hours' })
      .sum(ENERGY_SUMS)
      .whereBetween(periodColumn, [from, to]);
    if (query.teams) q.whereIn('team', [...query.teams]);
    if (query.sources) q.whereIn('source', [...query.sources]);
    if (columns.length) q.groupBy(columns).orderBy(columns);

    const rows: Array<Record<string, string | number | null>> = await q;
    return rows.map(row => {
      const out: AggregateRow = {
        cost: units(row.cost),
        gpuHours: units(row.gpu),
        usedGpuHours: units(row.used),
        ...energyOf(row),
      };
      for (const d of query.groupBy) out[d] = String(row[d]);
      return out;
    });
  }

  async energyByAttribution(
    query: AttributionEnergyQuery,
  ): Promise<AttributionEnergyRow[]> {
    if (!query.attributions.length) return [];
    const month = 'substr(day, 1, 7)';
    // By period_start rather than day, so that the (attribution, period_start) index serves.
    const q = this.db(USAGE)
      .select(this.db.raw(`${month} as month`))
      .count({ rows: '*' })
      .sum(ENERGY_SUMS)
      .whereIn('attribution', [...query.attributions])
      .andWhere('period_start', '>=', Date.parse(`${query.from}T00:00:00Z`))
      .andWhere('period_start', '<', Date.parse(`${query.to}T00:00:00Z`) + DAY)
      .whereIn('source', [...ENERGY_SOURCES])
      .groupByRaw(month)
      .orderBy('month');
    if (query.teams) q.whereIn('team', [...query.teams]);
    const rows: Array<Record<string, string | number | null>> = await q;
    return rows.map(row => ({
      month: String(row.month),
      rows: Number(row.rows),
      ...energyOf(row),
    }));
  }

  async rawTotals() {
    const [row] = await this.db(USAGE)
      .count({ rows: '*' })
      .sum({ cost: 'cost_micros' });
    return {
      rows: Number(row.rows),
      cost: units(row.cost as string | number | null),
    };
  }

  async getSource(id: string): Promise<SourceState | undefined> {
    const row: SourceDbRow | undefined = await this.db(SOURCES)
      .where({ id })
      .first();
    return row && fromSourceRow(row);
  }

  async listSources(): Promise<SourceState[]> {
    const rows: SourceDbRow[] = await this.db(SOURCES).orderBy('id');
    return rows.map(fromSourceRow);
  }

  async recordAttempt(state: SourceState): Promise<void> {
    await this.db(SOURCES)
      .insert({
        id: state.id,
        kind: state.kind,
        watermark: state.watermark ?? null,
        last_success_at: state.lastSuccessAt ?? null,
        last_attempt_at: state.lastAttemptAt ?? null,
        failures: state.failures,
        next_attempt_at: state.nextAttemptAt ?? null,
        last_error: state.lastError ?? null,
      })
      .onConflict('id')
      .merge([
        'kind',
        'last_attempt_at',
        'failures',
        'next_attempt_at',
        'last_error',
      ]);
  }
}

function fromSourceRow(row: SourceDbRow): SourceState {
  return {
    id: row.id,
    kind: row.kind,
    watermark: num(row.watermark),
    lastSuccessAt: num(row.last_success_at),
    lastAttemptAt: num(row.last_attempt_at),
    failures: row.failures,
    nextAttemptAt: num(row.next_attempt_at),
    lastError: row.last_error ?? undefined,
  };
}
