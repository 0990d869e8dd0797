/**
 * `yarn bench:spend`: 10 million raw usage rows (200 teams, hourly, six resource types from
 * OpenCost plus one Prometheus GPU row carrying energy, cluster and carbon; about ten months)
 * on SQLite and on PostgreSQL. Prints one table: ingest rows/s through the spend store
 * (raw rows and both rollups, one transaction per batch) next to a raw bulk insert of the same
 * rows into a table of the same shape and indexes, on the same database in the same run, batch
 * by batch in turn so both see the same machine load; and
 * p50/p95 of (a) one team's 12-month monthly spend, (b) all teams by month, both with their
 * energy. Exits 1 if a target
 * is missed: ingest ≥ 50 % of the baseline, p95 ≤ 50 ms for (a) and ≤ 150 ms for (b).
 *
 * BENCH_SPEND_ROWS sets the row count (default 10 000 000); PostgreSQL is
 * BENCH_SPEND_PG (default postgresql://postgres@127.0.0.1:5432), skipped with a note if down.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import knexFactory, { Knex } from 'knex';
import { freshPostgres } from './postgres';
import { RESOURCE_TYPES } from '../../plugins/ai-platform-common/src/spend/types';
import {
  DatabaseSpendStore,
  INSERT_CHUNK,
  yieldToEventLoop,
} from '../../plugins/ai-platform-backend/src/spend/DatabaseSpendStore';
import { SpendService } from '../../plugins/ai-platform-backend/src/spend/SpendService';
import { TeamMapping } from '../../plugins/ai-platform-backend/src/spend/attribution';
import { readSpendConfig } from '../../plugins/ai-platform-backend/src/spend/config';
import { UsageRow } from '../../plugins/ai-platform-backend/src/spend/SpendStore';
import { ConfigReader } from '@backstage/config';

const ROWS = Number(process.env.BENCH_SPEND_ROWS ?? 10_000_000);
const PG = process.env.BENCH_SPEND_PG ?? 'postgresql://postgres@127.0.0.1:5432';
const TEAMS = 200;
const BATCH = 10_000;
const QUERY_RUNS = 200;
const HOUR = 3_600_000;
const YEAR_START = Date.parse('2025-01-01T00:00:00Z');
const MIGRATIONS = join(
  __dirname,
  '../../plugins/ai-platform-backend/migrations',
);
const GPU_MODELS = ['NVIDIA H100 80GB HBM3', 'NVIDIA A100-SXM4-80GB'];
/** Name, PUE, grid g CO₂e/kWh, water L/kWh (0: no water factor). */
const CLUSTERS = [
  { name: 'cluster-a', pue: 1.1, carbon: 350, water: 1.8 },
  { name: 'cluster-b', pue: 1.25, carbon: 120, water: 0 },
  { name: 'cluster-c', pue: 1.4, carbon: 450, water: 2.2 },
];
const ROWS_PER_TEAM_HOUR = RESOURCE_TYPES.length + 1;

const team = (i: number) => `group:default/team-${String(i).padStart(3, '0')}`;

/** What a team's GPUs drew in an hour, as the energy model fills it in before ingest. */
function energy(t: number) {
  const cluster = CLUSTERS[t % CLUSTERS.length];
  const energyKwh = ((t % 8) + 1) * 0.55;
  const facilityEnergyKwh = energyKwh * cluster.pue;
  return {
    cluster: cluster.name,
    energyKwh,
    // Every fourth team's GPUs report no power: utilization × TDP.
    estimatedEnergyKwh: t % 4 === 0 ? energyKwh : 0,
    facilityEnergyKwh,
    carbonGrams: facilityEnergyKwh * cluster.carbon,
    waterLitres: facilityEnergyKwh * cluster.water,
  };
}

/** The rows of one team in one hour: OpenCost's resource types, Prometheus' GPU energy. */
function teamHour(start: number, t: number): UsageRow[] {
  const common = {
    periodStart: start,
    periodEnd: start + HOUR,
    team: team(t),
    attribution: `namespace:team-${t}`,
    pricingClass: 'on-demand' as const,
  };
  const gpuHours = (t % 8) + 1;
  return [
    ...RESOURCE_TYPES.map(resourceType => {
      const gpu = resourceType === 'gpu';
      return {
        ...common,
        sourceKey: `bench|${start}|${t}|${resourceType}`,
        source: 'opencost' as const,
        resourceType,
        gpuModel: gpu ? GPU_MODELS[t % 2] : '',
        cluster: gpu ? CLUSTERS[t % CLUSTERS.length].name : '',
        cost: ((t % 17) + 1) * (gpu ? 4.1 : 0.35),
        gpuHours: gpu ? gpuHours : 0,
        usedGpuHours: 0,
      };
    }),
    {
      ...common,
      sourceKey: `bench|${start}|${t}|dcgm`,
      source: 'prometheus',
      resourceType: 'gpu',
      gpuModel: GPU_MODELS[t % 2],
      cost: 0,
      gpuHours,
      usedGpuHours: gpuHours * 0.75,
      ...energy(t),
    },
  ];
}

/** Rows in hour order: every team's rows, each hour from the start of the year. */
function* rows(): Generator<UsageRow[]> {
  let batch: UsageRow[] = [];
  let n = 0;
  for (let h = 0; n < ROWS; h++) {
    const start = YEAR_START + h * HOUR;
    for (let t = 0; t < TEAMS && n < ROWS; t++) {
      for (const usage of teamHour(start, t)) {
        if (n >= ROWS) break;
        batch.push(usage);
        n++;
        if (batch.length === BATCH) {
          yield batch;
          batch = [];
        }
      }
    }
  }
  if (batch.length) yield batch;
}

const BASELINE_COLUMNS = `source varchar(16) not null, source_id varchar(100) not null, source_key varchar(255) not null,
  period_start bigint not null, period_end bigint not null, day varchar(10) not null,
  team varchar(255) not null, attribution varchar(255) not null, resource_type varchar(16) not null,
  gpu_model varchar(100) not null, pricing_class varchar(16) not null, cost_micros bigint not null,
  gpu_micro_hours bigint not null, used_gpu_micro_hours bigint not null,
  cluster varchar(100) not null default '', energy_micro_kwh bigint not null default 0,
  estimated_energy_micro_kwh bigint not null default 0, facility_energy_micro_kwh bigint not null default 0,
  carbon_mg bigint not null default 0, water_ml bigint not null default 0, import_id varchar(64)`;

/** The baseline's table: the store's usage table's shape and indexes, under another name. */
async function createBaseline(db: Knex) {
  await db.raw(
    `create table bench_baseline (id ${
      db.client.config.client === 'pg' ? 'bigserial' : 'integer'
    } primary key, ${BASELINE_COLUMNS})`,
  );
  await db.raw(
    'create unique index bench_baseline_key on bench_baseline (source_key)',
  );
  await db.raw(
    'create index bench_baseline_window on bench_baseline (source_id, period_start)',
  );
  await db.raw(
    'create index bench_baseline_attr on bench_baseline (attribution, period_start)',
  );
}

/** The baseline: one batch, as the store would write its rows, in plain multi-row inserts. */
async function baselineInsert(db: Knex, batch: UsageRow[]) {
  const dbRows = batch.map(r => ({
    source: r.source,
    source_id: 'bench',
    source_key: r.sourceKey,
    period_start: r.periodStart,
    period_end: r.periodEnd,
    day: new Date(r.periodStart).toISOString().slice(0, 10),
    team: r.team,
    attribution: r.attribution,
    resource_type: r.resourceType,
    gpu_model: r.gpuModel,
    pricing_class: r.pricingClass,
    cost_micros: Math.round(r.cost * 1e6),
    gpu_micro_hours: Math.round(r.gpuHours * 1e6),
    used_gpu_micro_hours: Math.round(r.usedGpuHours * 1e6),
    cluster: r.cluster ?? '',
    energy_micro_kwh: Math.round((r.energyKwh ?? 0) * 1e6),
    estimated_energy_micro_kwh: Math.round((r.estimatedEnergyKwh ?? 0) * 1e6),
    facility_energy_micro_kwh: Math.round((r.facilityEnergyKwh ?? 0) * 1e6),
    carbon_mg: Math.round((r.carbonGrams ?? 0) * 1e3),
    water_ml: Math.round((r.waterLitres ?? 0) * 1e3),
    import_id: null,
  }));
  await db.transaction(async tx => {
    for (let i = 0; i < dbRows.length; i += INSERT_CHUNK) {
      await tx('bench_baseline').insert(dbRows.slice(i, i + INSERT_CHUNK));
      await yieldToEventLoop();
    }
  });
}

/**
 * Each batch into the baseline table, then through the store, timed apart: both see the same
 * machine load, so the ratio holds on a busy machine. Also the energy ingested, for the check.
 */
async function insertBoth(db: Knex, store: DatabaseSpendStore) {
  await createBaseline(db);
  let baselineMs = 0;
  let ingestMs = 0;
  let energyMicroKwh = 0;
  for (const batch of rows()) {
    let began = performance.now();
    await baselineInsert(db, batch);
    baselineMs += performance.now() - began;
    began = performance.now();
    await store.ingest(batch);
    ingestMs += performance.now() - began;
    for (const r of batch)
      energyMicroKwh += Math.round((r.energyKwh ?? 0) * 1e6);
  }
  await db.raw('drop table bench_baseline');
  return {
    baselineRate: ROWS / (baselineMs / 1000),
    ingestRate: ROWS / (ingestMs / 1000),
    energyKwh: energyMicroKwh / 1e6,
  };
}

async function percentiles(fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 10; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < QUERY_RUNS; i++) {
    const began = performance.now();
    await fn(i);
    times.push(performance.now() - began);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { p50: at(0.5), p95: at(0.95) };
}

async function run(name: string, db: Knex) {
  await db.migrate.latest({ directory: MIGRATIONS });
  const store = new DatabaseSpendStore(db);
  console.error(
    `${name}: ${ROWS.toLocaleString(
      'en',
    )} rows, each batch as a baseline insert and through the spend store…`,
  );
  const { baselineRate, ingestRate, energyKwh } = await insertBoth(db, store);
  console.error(
    `${name}: ingested (peak RSS ${Math.round(
      process.resourceUsage().maxRSS / 1024,
    )} MB)`,
  );
  if (db.client.config.client === 'pg') await db.raw('analyze');
  const service = new SpendService({
    store,
    config: readSpendConfig(new ConfigReader({})),
    mapping: async () => TeamMapping.fromEntities([]),
  });
  const year = {
    from: '2025-01-01',
    to: '2025-12-31',
    granularity: 'month' as const,
  };
  const teamYear = await percentiles(i =>
    service.series({ ...year, dimension: 'resourceType' }, [
      team((i * 37) % TEAMS),
    ]),
  );
  const org = await percentiles(() =>
    service.series({ ...year, dimension: 'team' }, undefined),
  );
  const check = await service.series({ ...year, dimension: 'team' }, undefined);
  const raw = await store.rawTotals();
  const rolled = check.points.reduce((s, p) => s + p.cost, 0);
  if (raw.rows !== ROWS || Math.abs(rolled - raw.cost) > 1e-6 * raw.cost) {
    throw new Error(
      `${name}: rollups (${rolled}) do not add up to the raw rows (${raw.cost}, ${raw.rows} rows)`,
    );
  }
  const drawn = check.points.reduce((s, p) => s + p.energyKwh, 0);
  if (Math.abs(drawn - energyKwh) > 1e-6 * energyKwh) {
    throw new Error(
      `${name}: energy of the series (${drawn} kWh) is not that ingested (${energyKwh} kWh)`,
    );
  }
  return { name, baselineRate, ingestRate, teamYear, org };
}

/** One database in this process; prints its result as JSON on the last line. */
async function runOne(which: string) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-spend-'));
  try {
    if (which === 'sqlite') {
      const sqlite = knexFactory({
        client: 'better-sqlite3',
        connection: { filename: join(dir, 'spend.sqlite') },
        useNullAsDefault: true,
      });
      const result = await run('SQLite', sqlite);
      await sqlite.destroy();
      return result;
    }
    const pg = await freshPostgres(PG, 'bench_spend');
    if (!pg) return undefined;
    const result = await run('PostgreSQL', pg);
    await pg.destroy();
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const only = process.env.BENCH_SPEND_DB;
  if (only) {
    const result = await runOne(only);
    console.log(JSON.stringify(result ?? null));
    process.exit(0);
  }
  // Each database in its own process, so neither inherits the other's memory.
  type Result = Awaited<ReturnType<typeof run>>;
  const results: Result[] = [];
  for (const db of ['sqlite', 'pg']) {
    const out = execFileSync(
      process.execPath,
      process.execArgv.concat(process.argv.slice(1)),
      {
        env: { ...process.env, BENCH_SPEND_DB: db },
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 64 * 1024 * 1024,
      },
    ).toString();
    const lines = out.trim().split('\n');
    lines.slice(0, -1).forEach(line => console.log(line));
    const result = JSON.parse(lines[lines.length - 1]);
    if (result) results.push(result);
  }

  const ms = (v: number) => v.toFixed(1);
  console.log(
    `\nyarn bench:spend — ${ROWS.toLocaleString(
      'en',
    )} raw rows, ${TEAMS} teams, hourly, ${
      RESOURCE_TYPES.length
    } resource types and a GPU energy row (${ROWS_PER_TEAM_HOUR} rows a team-hour)\n`,
  );
  console.log(
    '| database | baseline insert rows/s | ingest rows/s | ratio (≥ 50 %) | (a) team 12 months p50 / p95 ms (≤ 50) | (b) org by month p50 / p95 ms (≤ 150) |',
  );
  console.log('|---|---:|---:|---:|---:|---:|');
  let ok = true;
  for (const r of results) {
    const ratio = r.ingestRate / r.baselineRate;
    ok &&= ratio >= 0.5 && r.teamYear.p95 <= 50 && r.org.p95 <= 150;
    console.log(
      `| ${r.name} | ${Math.round(r.baselineRate).toLocaleString(
        'en',
      )} | ${Math.round(r.ingestRate).toLocaleString('en')} | ${(
        ratio * 100
      ).toFixed(0)} % | ${ms(r.teamYear.p50)} / ${ms(r.teamYear.p95)} | ${ms(
        r.org.p50,
      )} / ${ms(r.org.p95)} |`,
    );
  }
  console.log(ok ? '\nAll targets met.' : '\nA target was missed.');
  process.exit(ok ? 0 : 1);
}

main().catch(error => {
  // Knex puts the whole statement in its errors: the first lines say enough.
  console.error(String(error?.stack ?? error).slice(0, 2000));
  process.exit(1);
});
