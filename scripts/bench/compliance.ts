/**
 * `yarn bench:compliance`: 5 000 catalog entities (teams, datasets, feature views, models and
 * model servers) × 30 checks (the shipped set padded with configured ones), evaluated by the
 * compliance service with its store writes (latest scorecards and history), on SQLite and on
 * PostgreSQL. The baseline, measured in the same run on the same database: the engine alone over
 * the same facts, prepared beforehand, plus a plain multi-row insert of the same scorecards into a
 * bare table. Then one changed entity re-evaluated (p50/p95 of 50 runs). Exits 1 if a target is
 * missed: a full evaluation ≤ 10 s, one entity ≤ 100 ms (p95).
 *
 * BENCH_COMPLIANCE_ENTITIES sets the entity count (default 5 000); PostgreSQL is
 * BENCH_COMPLIANCE_PG (default postgresql://postgres@127.0.0.1:5432), skipped with a note if down.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import knexFactory, { Knex } from 'knex';
import { freshPostgres } from './postgres';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  compileChecks,
  ComplianceCheck,
  DEFAULT_COMPLIANCE_CHECKS,
  EntityScorecard,
  Facts,
  scorecardOf,
} from '../../plugins/ai-platform-common/src';
import { ComplianceService } from '../../plugins/ai-platform-backend/src/compliance/ComplianceService';
import { DatabaseComplianceStore } from '../../plugins/ai-platform-backend/src/compliance/DatabaseComplianceStore';
import { foundCardFacts } from '../../plugins/ai-platform-backend/src/compliance/cardFacts';

const ENTITIES = Number(process.env.BENCH_COMPLIANCE_ENTITIES ?? 5_000);
const PG =
  process.env.BENCH_COMPLIANCE_PG ?? 'postgresql://postgres@127.0.0.1:5432';
const CHECKS = 30;
const ONE_RUNS = 50;
const MIGRATIONS = join(
  __dirname,
  '../../plugins/ai-platform-backend/migrations',
);
const TARGET_ALL_MS = 10_000;
const TARGET_ONE_MS = 100;

/** The shipped checks, padded to 30 with configured ones on models and model servers. */
function checkSet(): ComplianceCheck[] {
  const checks: ComplianceCheck[] = [...DEFAULT_COMPLIANCE_CHECKS];
  const padding: Array<Pick<ComplianceCheck, 'fact' | 'operator' | 'value'>> = [
    {
      fact: 'entity.lifecycle',
      operator: 'matches',
      value: '^(production|experimental)$',
    },
    { fact: 'lineage.datasets', operator: 'gte', value: 1 },
    { fact: 'drift.evaluatedAt', operator: 'withinDays', value: 7 },
    { fact: 'entity.owner', operator: 'matches', value: '^group:' },
    { fact: 'team.monthlyBudget', operator: 'lte', value: 50_000 },
    { fact: 'entity.riskClass', operator: 'equals', value: 'minimal' },
  ];
  for (let i = 0; checks.length < CHECKS; i++) {
    const p = padding[i % padding.length];
    checks.push({
      id: `bench.check-${i}`,
      title: `Bench check ${i}`,
      description: '',
      appliesTo: [
        { kind: 'Resource', types: ['ai-model'] },
        { kind: 'Component' },
      ],
      ...p,
      level: (['bronze', 'silver', 'gold'] as const)[i % 3],
      category: ['documentation', 'monitoring', 'ownership'][i % 3],
      remediation: 'Fix it',
    });
  }
  return checks;
}

/** A catalog of `ENTITIES` entities: 2 % teams, 20 % datasets, 20 % feature views, 30 % models, the rest servers. */
function catalogEntities(): Entity[] {
  const n = (share: number) => Math.floor(ENTITIES * share);
  const teams = n(0.02);
  const datasets = n(0.2);
  const views = n(0.2);
  const models = n(0.3);
  const servers = ENTITIES - teams - datasets - views - models;
  const team = (i: number) => `group:default/team-${i % teams}`;
  const out: Entity[] = [];
  const resource = (name: string, spec: object, annotations = {}): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': '/bench/catalog/catalog-info.yaml',
        ...annotations,
      },
    },
    spec,
  });
  for (let i = 0; i < teams; i++) {
    out.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: {
        name: `team-${i}`,
        namespace: 'default',
        annotations:
          i % 3 ? { 'ai-platform.io/monthly-budget': String(1000 * i) } : {},
      },
      spec: { type: 'team', children: [] },
    });
  }
  for (let i = 0; i < datasets; i++) {
    out.push(
      resource(
        `dataset-${i}`,
        { type: 'dataset', owner: team(i) },
        i % 4
          ? {
              'ai-platform.io/data-residency': 'eu-west-1',
              'ai-platform.io/encryption': i % 5 ? 'aws-kms' : 'none',
            }
          : {},
      ),
    );
  }
  for (let i = 0; i < views; i++) {
    out.push(
      resource(`view-${i}`, {
        type: 'feature-view',
        owner: team(i),
        dependsOn: [`resource:default/dataset-${i % datasets}`],
      }),
    );
  }
  for (let i = 0; i < models; i++) {
    out.push(
      resource(
        `model-${i}`,
        {
          type: 'ai-model',
          owner: team(i),
          lifecycle: i % 2 ? 'production' : 'experimental',
          dependsOn: i % 7 ? [`resource:default/view-${i % views}`] : [],
        },
        {
          'ai-platform.io/risk-level': ['minimal', 'limited', 'high'][i % 3],
          ...(i % 2
            ? { 'ai-platform.io/human-oversight': 'user:default/ana' }
            : {}),
          ...(i % 3
            ? { 'ai-platform.io/model-card': `./cards/model-${i}.md` }
            : {}),
        },
      ),
    );
  }
  for (let i = 0; i < servers; i++) {
    out.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `server-${i}`,
        namespace: 'default',
        annotations: i % 2 ? { 'pagerduty.com/service-id': `P${i}` } : {},
      },
      spec: {
        type: 'model-server',
        lifecycle: 'production',
        owner: team(i),
        dependsOn: [`resource:default/model-${i % models}`],
      },
    });
  }
  return out;
}

/** The catalog as an in-memory service: what the compliance service calls of it. */
function memoryCatalog(entities: Entity[]) {
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  return {
    byRef,
    catalog: {
      async getEntities() {
        return { items: entities };
      },
      async getEntityByRef(ref: string) {
        return byRef.get(ref);
      },
      async getEntitiesByRefs({ entityRefs }: { entityRefs: string[] }) {
        return { items: entityRefs.map(r => byRef.get(r)) };
      },
    } as any,
  };
}

const CARD = `---\nlicense: apache-2.0\n---\n# Model card\n\n## Uses\n\nScoring.\n`;

function serviceOn(db: Knex, entities: Entity[], checks: ComplianceCheck[]) {
  const { catalog } = memoryCatalog(entities);
  const day = new Date().toISOString();
  return new ComplianceService({
    store: new DatabaseComplianceStore(db),
    catalog,
    auth: { getOwnServiceCredentials: async () => ({}) } as any,
    logger: console as any,
    checks,
    sources: {
      driftModels: async () =>
        entities
          .filter((e, i) => (e.spec as any)?.type === 'ai-model' && i % 2)
          .map(e => ({
            modelRef: stringifyEntityRef(e),
            status: 'ok',
            evaluatedAt: day,
          })) as any,
      registryEntries: async () => [],
      registryCard: async () => undefined,
      quotaApprovals: async () => [],
    },
    readers: { readFile: async () => CARD },
    parseCard: foundCardFacts,
  });
}

/** The baseline: the engine over facts prepared beforehand, then a plain insert of the cards. */
async function baseline(
  db: Knex,
  entities: Entity[],
  checks: ComplianceCheck[],
) {
  const compiled = compileChecks(checks);
  const now = new Date();
  const facts: Facts = {
    'entity.owner': { value: 'group:default/team-1', source: 'catalog' },
    'entity.lifecycle': { value: 'production', source: 'catalog' },
    'entity.riskClass': { value: 'high', source: 'catalog' },
    'modelCard.present': { value: true, source: 'card' },
    'drift.monitored': { value: true, source: 'drift' },
    'lineage.present': { value: true, source: 'catalog' },
  };
  const prepared = entities.map(e => ({
    entity: e,
    ref: stringifyEntityRef(e),
    facts: { ...facts },
  }));
  await db.schema.createTable('bench_baseline', t => {
    t.string('entity_ref', 255);
    t.text('scorecard');
  });
  const began = performance.now();
  const cards: EntityScorecard[] = [];
  for (const p of prepared) {
    const target = { kind: p.entity.kind, type: (p.entity.spec as any)?.type };
    if (!compiled.applicable(target).length) continue;
    const results = compiled.evaluate(target, p.facts, [], now);
    cards.push(
      scorecardOf({ entityRef: p.ref, kind: p.entity.kind }, results, now),
    );
  }
  await db.transaction(async tx => {
    for (let i = 0; i < cards.length; i += 500) {
      await tx('bench_baseline').insert(
        cards.slice(i, i + 500).map(c => ({
          entity_ref: c.entityRef,
          scorecard: JSON.stringify(c),
        })),
      );
    }
  });
  const ms = performance.now() - began;
  await db.schema.dropTable('bench_baseline');
  return ms;
}

async function run(name: string, db: Knex) {
  await db.migrate.latest({ directory: MIGRATIONS });
  const checks = checkSet();
  const entities = catalogEntities();
  const service = serviceOn(db, entities, checks);
  console.error(`${name}: baseline…`);
  const baselineMs = await baseline(db, entities, checks);
  console.error(`${name}: evaluating ${entities.length} entities…`);
  // A first run warms the history's indexes and the JIT; the second is measured.
  await service.evaluateAll();
  const began = performance.now();
  const { evaluated } = await service.evaluateAll();
  const allMs = performance.now() - began;
  const models = entities.filter(e => (e.spec as any)?.type === 'ai-model');
  const times: number[] = [];
  for (let i = 0; i < ONE_RUNS + 5; i++) {
    const model = models[(i * 37) % models.length];
    // The entity changed: a new risk class.
    model.metadata.annotations!['ai-platform.io/risk-level'] =
      i % 2 ? 'high' : 'limited';
    const t = performance.now();
    await service.evaluateOne(stringifyEntityRef(model));
    if (i >= 5) times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return {
    name,
    evaluated,
    checks: checks.length,
    allMs,
    baselineMs,
    oneP50: at(0.5),
    oneP95: at(0.95),
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-compliance-'));
  const rows: Awaited<ReturnType<typeof run>>[] = [];
  try {
    const sqlite = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: join(dir, 'compliance.sqlite') },
      useNullAsDefault: true,
    });
    rows.push(await run('SQLite', sqlite));
    await sqlite.destroy();
    const pg = await freshPostgres(PG, 'bench_compliance');
    if (pg) {
      rows.push(await run('PostgreSQL', pg));
      await pg.destroy();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const fmt = (ms: number) => `${ms.toFixed(ms < 100 ? 1 : 0)} ms`;
  const table = rows.map(r => ({
    database: r.name,
    entities: r.evaluated,
    checks: r.checks,
    'evaluate all': fmt(r.allMs),
    'baseline (engine + plain insert)': fmt(r.baselineMs),
    ratio: `${(r.allMs / r.baselineMs).toFixed(2)}×`,
    'one entity p50': fmt(r.oneP50),
    'one entity p95': fmt(r.oneP95),
    target:
      r.allMs <= TARGET_ALL_MS && r.oneP95 <= TARGET_ONE_MS ? 'met' : 'MISSED',
  }));
  console.table(table);
  console.log(
    `Targets: evaluate all ≤ ${
      TARGET_ALL_MS / 1000
    } s, one changed entity ≤ ${TARGET_ONE_MS} ms (p95).`,
  );
  if (table.some(t => t.target !== 'met')) process.exit(1);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
