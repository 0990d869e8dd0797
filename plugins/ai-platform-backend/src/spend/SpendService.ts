import { createHash, randomUUID } from 'crypto';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringify } from 'csv-stringify/sync';
import {
  BILLING_SOURCES,
  ENERGY_SOURCES,
  EnergyFigures,
  EntityEnergyResponse,
  SpendSourceKind,
  BudgetStatus,
  budgetState,
  daysInMonth,
  forecastMonth,
  FocusRowProblem,
  idleGpuHours,
  IdleCost,
  IngestResult,
  rateFor,
  SpendDimension,
  SpendGranularity,
  SpendSeries,
  SpendSourceStatus,
  SpendTeamsResponse,
  TeamSpend,
} from '@ai-platform/plugin-ai-platform-common';
import { TeamMapping } from './attribution';
import { SpendConfig } from './config';
import { parseFocusCsv } from './connectors/focus';
import { DAY } from './connectors/types';
import { ContributorLookup } from './energyContributors';
import { AggregateRow, RollupDimension, SpendStore } from './SpendStore';

/** Teams a caller may see; `undefined` is every team, the unallocated bucket included. */
export type Visibility = readonly string[] | undefined;

export interface Range {
  from: string;
  to: string;
}

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (day: string, n: number) => dayOf(dayMs(day) + n * DAY);

/** Every day or month of a range, oldest first. */
export function periodsOf(
  range: Range,
  granularity: SpendGranularity,
): string[] {
  const out: string[] = [];
  if (granularity === 'day') {
    for (let d = range.from; d <= range.to; d = addDays(d, 1)) out.push(d);
    return out;
  }
  let [year, month] = range.from.slice(0, 7).split('-').map(Number);
  const last = range.to.slice(0, 7);
  for (;;) {
    const m = `${year}-${String(month).padStart(2, '0')}`;
    if (m > last) return out;
    out.push(m);
    month = month === 12 ? 1 : month + 1;
    year = month === 1 ? year + 1 : year;
  }
}

const DIMENSION_KEY: Record<SpendDimension, RollupDimension> = {
  team: 'team',
  resourceType: 'resourceType',
  gpuModel: 'gpuModel',
  cluster: 'cluster',
  source: 'source',
};

const SUMMED = [
  'cost',
  'gpuHours',
  'usedGpuHours',
  'energyKwh',
  'estimatedEnergyKwh',
  'facilityEnergyKwh',
  'carbonGrams',
  'waterLitres',
] as const;

type EnergySums = Pick<
  AggregateRow,
  | 'energyKwh'
  | 'estimatedEnergyKwh'
  | 'facilityEnergyKwh'
  | 'carbonGrams'
  | 'waterLitres'
>;

const NO_ENERGY: EnergyFigures = {
  energyKwh: 0,
  estimatedEnergyKwh: 0,
  facilityEnergyKwh: 0,
  carbonKg: 0,
  waterLitres: 0,
};

/** Store sums (grams) as the API's figures (kg). */
export function energyFigures(sums: EnergySums): EnergyFigures {
  return {
    energyKwh: sums.energyKwh,
    estimatedEnergyKwh: sums.estimatedEnergyKwh,
    facilityEnergyKwh: sums.facilityEnergyKwh,
    carbonKg: sums.carbonGrams / 1000,
    waterLitres: sums.waterLitres,
  };
}

function addFigures(a: EnergyFigures, b: EnergyFigures): EnergyFigures {
  return {
    energyKwh: a.energyKwh + b.energyKwh,
    estimatedEnergyKwh: a.estimatedEnergyKwh + b.estimatedEnergyKwh,
    facilityEnergyKwh: a.facilityEnergyKwh + b.facilityEnergyKwh,
    carbonKg: a.carbonKg + b.carbonKg,
    waterLitres: a.waterLitres + b.waterLitres,
  };
}

/** Energy-source rows with GPU-hours or energy: power or utilization was seen. */
const sawEnergy = (row: AggregateRow) => row.gpuHours > 0 || row.energyKwh > 0;

export type FocusImportOutcome =
  | { ok: true; importId: string; rows: number; result: IngestResult }
  | { ok: false; problems: FocusRowProblem[] };

/** Spend questions answered from the rollups, and billing imports. */
export class SpendService {
  constructor(
    private readonly options: {
      store: SpendStore;
      config: SpendConfig;
      mapping: () => Promise<TeamMapping>;
      /** Without it, no entity has training energy. */
      contributors?: ContributorLookup;
      now?: () => number;
    },
  ) {}

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  get currency() {
    return this.options.config.currency;
  }

  /** Imports a FOCUS file whole, or refuses it whole with every bad line. */
  async importFocus(input: {
    text: string;
    fileName: string;
    importedBy: string;
  }): Promise<FocusImportOutcome> {
    const { rows, problems } = parseFocusCsv(input.text, {
      config: this.options.config,
      mapping: await this.options.mapping(),
    });
    if (problems.length) return { ok: false, problems };
    const importId = randomUUID();
    const result = await this.options.store.ingest(rows, {
      importRecord: {
        id: importId,
        fileSha256: createHash('sha256').update(input.text).digest('hex'),
        fileName: input.fileName,
        importedBy: input.importedBy,
      },
    });
    return { ok: true, importId, rows: rows.length, result };
  }

  /**
   * Sums over a range without periods: whole months from the monthly rollup, the days at
   * either end from the daily one, so a year is a few hundred rows whatever the raw volume.
   */
  async rangeTotals(
    range: Range,
    groupBy: RollupDimension[],
    teams: Visibility,
    sources: readonly SpendSourceKind[] = BILLING_SOURCES,
  ): Promise<AggregateRow[]> {
    const { store } = this.options;
    const firstWhole = range.from.endsWith('-01')
      ? range.from
      : `${nextMonth(range.from.slice(0, 7))}-01`;
    const afterTo = addDays(range.to, 1);
    const lastWholeEnd = afterTo.endsWith('-01')
      ? afterTo
      : `${afterTo.slice(0, 7)}-01`;
    const base = { groupBy, teams, sources };
    const parts: Promise<AggregateRow[]>[] = [];
    if (firstWhole < lastWholeEnd) {
      parts.push(
        store.aggregate({
          ...base,
          from: firstWhole,
          to: addDays(lastWholeEnd, -1),
          granularity: 'month',
        }),
      );
      if (range.from < firstWhole) {
        parts.push(
          store.aggregate({
            ...base,
            from: range.from,
            to: addDays(firstWhole, -1),
            granularity: 'day',
          }),
        );
      }
      if (lastWholeEnd <= range.to) {
        parts.push(
          store.aggregate({
            ...base,
            from: lastWholeEnd,
            to: range.to,
            granularity: 'day',
          }),
        );
      }
    } else {
      parts.push(store.aggregate({ ...base, ...range, granularity: 'day' }));
    }
    const merged = new Map<string, AggregateRow>();
    for (const row of (await Promise.all(parts)).flat()) {
      const key = groupBy.map(d => row[d]).join('\u0000');
      const sum = merged.get(key);
      if (sum) {
        for (const field of SUMMED) sum[field] += row[field];
      } else {
        merged.set(key, { ...row });
      }
    }
    return [...merged.values()];
  }

  async series(
    query: Range & { granularity: SpendGranularity; dimension: SpendDimension },
    teams: Visibility,
  ): Promise<SpendSeries> {
    const dimension = DIMENSION_KEY[query.dimension];
    const base = {
      from: query.from,
      to: query.to,
      granularity: query.granularity,
      groupBy: ['period', dimension] as RollupDimension[],
      teams,
    };
    // Cost and GPU-hours from billing, energy from what GPUs drew: one point per key.
    const [billed, drawn] = await Promise.all([
      this.options.store.aggregate({ ...base, sources: BILLING_SOURCES }),
      this.options.store.aggregate({ ...base, sources: ENERGY_SOURCES }),
    ]);
    const points = new Map<string, SpendSeries['points'][number]>();
    const point = (r: AggregateRow) => {
      const key = `${r.period}\u0000${r[dimension] ?? ''}`;
      let p = points.get(key);
      if (!p) {
        p = {
          period: r.period!,
          key: r[dimension] ?? '',
          cost: 0,
          gpuHours: 0,
          ...NO_ENERGY,
        };
        points.set(key, p);
      }
      return p;
    };
    for (const r of billed) {
      const p = point(r);
      p.cost = r.cost;
      p.gpuHours = r.gpuHours;
    }
    for (const r of drawn.filter(sawEnergy)) {
      Object.assign(point(r), energyFigures(r));
    }
    return {
      currency: this.currency,
      granularity: query.granularity,
      dimension: query.dimension,
      periods: periodsOf(query, query.granularity),
      points: [...points.values()].sort(
        (a, b) =>
          a.period.localeCompare(b.period) || a.key.localeCompare(b.key),
      ),
    };
  }

  /** Each team's spend over the range, against the range of the same length before it. */
  async teams(range: Range, teams: Visibility): Promise<SpendTeamsResponse> {
    const length = Math.round((dayMs(range.to) - dayMs(range.from)) / DAY) + 1;
    const previous = {
      from: addDays(range.from, -length),
      to: addDays(range.from, -1),
    };
    const [current, before, idle, drawn] = await Promise.all([
      this.rangeTotals(range, ['team'], teams),
      this.rangeTotals(previous, ['team'], teams),
      this.idle(range, teams),
      this.rangeTotals(range, ['team'], teams, ENERGY_SOURCES),
    ]);
    const byTeam = new Map<string, TeamSpend>();
    const line = (team: string) => {
      let t = byTeam.get(team);
      if (!t) {
        t = {
          team,
          cost: 0,
          previousCost: 0,
          change: 0,
          gpuHours: 0,
          idleGpuHours: 0,
          idleCost: 0,
        };
        byTeam.set(team, t);
      }
      return t;
    };
    for (const r of current) {
      const t = line(r.team!);
      t.cost = r.cost;
      t.gpuHours = r.gpuHours;
    }
    for (const r of before) line(r.team!).previousCost = r.cost;
    for (const r of drawn.filter(sawEnergy)) {
      line(r.team!).energy = energyFigures(r);
    }
    for (const r of idle) {
      const t = line(r.team);
      t.idleGpuHours += r.idleGpuHours;
      t.idleCost += r.idleCost;
    }
    const items = [...byTeam.values()]
      .map(t => ({ ...t, change: t.cost - t.previousCost }))
      .sort((a, b) => b.cost - a.cost || a.team.localeCompare(b.team));
    const sum = (f: (t: TeamSpend) => number) =>
      items.reduce((s, t) => s + f(t), 0);
    return {
      currency: this.currency,
      ...range,
      items,
      total: {
        cost: sum(t => t.cost),
        previousCost: sum(t => t.previousCost),
        gpuHours: sum(t => t.gpuHours),
        idleCost: sum(t => t.idleCost),
        energy: items.reduce(
          (s, t) => (t.energy ? addFigures(s, t.energy) : s),
          NO_ENERGY,
        ),
      },
    };
  }

  /** The teams whose spend moved most, up or down. */
  async movers(
    range: Range,
    teams: Visibility,
    limit: number,
  ): Promise<TeamSpend[]> {
    const { items } = await this.teams(range, teams);
    return items
      .filter(t => t.change !== 0)
      .sort((a, b) => Math.abs(b.change) - Math.abs(a.change))
      .slice(0, limit);
  }

  /**
   * Idle GPU cost: per team, day and GPU model, reserved or allocated GPU-hours minus those
   * utilization shows busy. Only where utilization was observed: no data is not idleness.
   */
  async idle(range: Range, teams: Visibility): Promise<IdleCost[]> {
    const rows = await this.options.store.aggregate({
      ...range,
      granularity: 'day',
      groupBy: ['period', 'team', 'gpuModel', 'source'],
      teams,
      sources: ['quota', 'prometheus'],
    });
    const cells = new Map<
      string,
      {
        team: string;
        gpuModel: string;
        reserved: number;
        allocated: number;
        used: number;
        seen: boolean;
      }
    >();
    for (const r of rows) {
      const key = `${r.period}\u0000${r.team}\u0000${r.gpuModel}`;
      const cell = cells.get(key) ?? {
        team: r.team!,
        gpuModel: r.gpuModel!,
        reserved: 0,
        allocated: 0,
        used: 0,
        seen: false,
      };
      if (r.source === 'quota') cell.reserved += r.gpuHours;
      else {
        cell.allocated += r.gpuHours;
        cell.used += r.usedGpuHours;
        cell.seen = true;
      }
      cells.set(key, cell);
    }
    const out = new Map<string, IdleCost>();
    for (const cell of cells.values()) {
      if (!cell.seen) continue;
      const idle = idleGpuHours(cell);
      const pricing =
        cell.reserved >= cell.allocated ? 'reserved' : 'on-demand';
      const rate =
        rateFor(this.options.config.rates, cell.gpuModel, pricing) ?? 0;
      const key = `${cell.team}\u0000${cell.gpuModel}`;
      const sum = out.get(key) ?? {
        team: cell.team,
        gpuModel: cell.gpuModel,
        capacityGpuHours: 0,
        usedGpuHours: 0,
        idleGpuHours: 0,
        idleCost: 0,
      };
      sum.capacityGpuHours += Math.max(cell.reserved, cell.allocated);
      sum.usedGpuHours += cell.used;
      sum.idleGpuHours += idle;
      sum.idleCost += idle * rate;
      out.set(key, sum);
    }
    return [...out.values()].sort(
      (a, b) => b.idleCost - a.idleCost || a.team.localeCompare(b.team),
    );
  }

  /** Month-to-date spend, burn rate and forecast against each team's budget. */
  async budgets(
    month: string | undefined,
    teams: Visibility,
  ): Promise<BudgetStatus[]> {
    const now = this.now();
    const thisMonth = dayOf(now).slice(0, 7);
    const m = month ?? thisMonth;
    const from = `${m}-01`;
    const end = `${m}-${String(daysInMonth(m)).padStart(2, '0')}`;
    const to = m === thisMonth ? dayOf(now) : end;
    if (from > to) return [];
    const rows = await this.options.store.aggregate({
      from,
      to,
      granularity: 'day',
      groupBy: ['period', 'team'],
      teams,
    });
    const mapping = await this.options.mapping();
    const budgets = new Map([
      ...mapping.budgets,
      ...this.options.config.budgets,
    ]);
    const days = periodsOf({ from, to }, 'day');
    const daily = new Map<string, number[]>();
    const visible = (team: string) => !teams || teams.includes(team);
    for (const team of budgets.keys())
      if (visible(team))
        daily.set(
          team,
          days.map(() => 0),
        );
    for (const r of rows) {
      const series = daily.get(r.team!) ?? days.map(() => 0);
      series[days.indexOf(r.period!)] += r.cost;
      daily.set(r.team!, series);
    }
    const todayElapsed = m === thisMonth ? (now - dayMs(dayOf(now))) / DAY : 1;
    return [...daily.entries()]
      .map(([team, series]) => {
        const budget = budgets.get(team);
        const { spent, burnRate, forecast } = forecastMonth({
          daily: series,
          daysInMonth: daysInMonth(m),
          todayElapsed,
        });
        return {
          team,
          month: m,
          budget,
          spent,
          burnRate,
          forecast,
          state: budgetState(budget, spent, forecast),
        };
      })
      .sort((a, b) => a.team.localeCompare(b.team));
  }

  /** Every rollup row of the range as CSV, for spreadsheets and finance tools. */
  async exportCsv(
    range: Range,
    granularity: SpendGranularity,
    teams: Visibility,
  ): Promise<string> {
    const rows = await this.options.store.aggregate({
      ...range,
      granularity,
      groupBy: [
        'period',
        'team',
        'resourceType',
        'gpuModel',
        'cluster',
        'source',
      ],
      teams,
    });
    return stringify(
      rows.map(r => [
        r.period,
        r.team,
        r.resourceType,
        r.gpuModel,
        r.cluster,
        r.source,
        r.cost.toFixed(6),
        r.gpuHours.toFixed(6),
        r.usedGpuHours.toFixed(6),
        r.energyKwh.toFixed(6),
        r.estimatedEnergyKwh.toFixed(6),
        r.facilityEnergyKwh.toFixed(6),
        (r.carbonGrams / 1000).toFixed(6),
        r.waterLitres.toFixed(3),
      ]),
      {
        header: true,
        columns: [
          granularity,
          'team',
          'resource_type',
          'gpu_model',
          'cluster',
          'source',
          `cost_${this.currency.toLowerCase()}`,
          'gpu_hours',
          'used_gpu_hours',
          'energy_kwh',
          'estimated_energy_kwh',
          'facility_energy_kwh',
          'carbon_kg',
          'water_l',
        ],
      },
    );
  }

  /**
   * Energy used in the namespaces of an entity's contributors (an `ai-model`'s pipelines), by
   * month: the training energy shown on its page and in its evidence pack.
   */
  async entityEnergy(
    query: Range & { entityRef: string },
    teams: Visibility,
    credentials: BackstageCredentials,
  ): Promise<EntityEnergyResponse> {
    const contributors =
      (await this.options.contributors?.contributorsOf(
        query.entityRef,
        credentials,
      )) ?? [];
    const namespaces = [...new Set(contributors.flatMap(c => c.namespaces))];
    const months = namespaces.length
      ? await this.options.store.energyByAttribution({
          attributions: namespaces.map(n => `namespace:${n}`),
          from: query.from,
          to: query.to,
          teams,
        })
      : [];
    const seen = months.filter(m => m.rows > 0);
    const byMonth = seen.map(m => ({ month: m.month, ...energyFigures(m) }));
    return {
      entityRef: query.entityRef,
      from: query.from,
      to: query.to,
      contributors,
      energy: byMonth.length
        ? byMonth.reduce<EnergyFigures>((sum, m) => addFigures(sum, m), NO_ENERGY)
        : undefined,
      byMonth,
    };
  }

  /** The configured pull sources and whether their data is current. */
  async sources(): Promise<SpendSourceStatus[]> {
    const now = this.now();
    const states = new Map(
      (await this.options.store.listSources()).map(s => [s.id, s]),
    );
    const iso = (ms?: number) =>
      ms === undefined ? undefined : new Date(ms).toISOString();
    return this.options.config.sources.map(source => {
      const s = states.get(source.id);
      return {
        id: source.id,
        kind: source.kind,
        watermark: iso(s?.watermark),
        lastSuccessAt: iso(s?.lastSuccessAt),
        lastAttemptAt: iso(s?.lastAttemptAt),
        lastError: s?.lastError,
        failures: s?.failures ?? 0,
        nextAttemptAt: iso(s?.nextAttemptAt),
        stale:
          !s?.lastSuccessAt ||
          (s.failures ?? 0) > 0 ||
          now - s.lastSuccessAt > this.options.config.staleAfterMs,
      };
    });
  }
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
