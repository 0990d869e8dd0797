import { Knex } from 'knex';
import {
  CheckResult,
  ComplianceExemption,
  EntityScorecard,
} from '@ai-platform/plugin-ai-platform-common';
import { ComplianceStore, TrendPoint } from './ComplianceStore';

const SCORECARDS = 'ai_compliance_scorecards';
const HISTORY = 'ai_compliance_history';
const EXEMPTIONS = 'ai_compliance_exemptions';
/** Rows per insert: well under SQLite's bound-variable limit. */
const CHUNK = 500;

type Timestamp = Date | string | number;
// SQLite hands timestamps back as epoch milliseconds or strings, PostgreSQL as Date.
const iso = (value: Timestamp) => new Date(value).toISOString();

interface ExemptionRow {
  id: string;
  entity_ref: string;
  check_id: string;
  reason: string;
  approved_by: string;
  expires_at: Timestamp;
  created_by: string;
  created_at: Timestamp;
}

/** Passed and failed checks per category; exempt counts as passed, errors as failed. */
export function categoryCounts(results: CheckResult[]) {
  const counts: Record<string, [number, number]> = {};
  for (const r of results) {
    const c = (counts[r.category] ??= [0, 0]);
    if (r.status === 'pass' || r.status === 'exempt') c[0]++;
    else c[1]++;
  }
  return counts;
}

export class DatabaseComplianceStore implements ComplianceStore {
  constructor(private readonly db: Knex) {}

  async saveScorecards(scorecards: EntityScorecard[]): Promise<void> {
    const passed = (s: EntityScorecard) => s.counts.pass + s.counts.exempt;
    const failed = (s: EntityScorecard) => s.counts.fail + s.counts.error;
    // An entity given twice keeps its last scorecard as the latest; both enter the history.
    const latest = [...new Map(scorecards.map(s => [s.entityRef, s])).values()];
    await this.db.transaction(async tx => {
      for (let i = 0; i < latest.length; i += CHUNK) {
        const chunk = latest.slice(i, i + CHUNK);
        await tx(SCORECARDS)
          .insert(
            chunk.map(s => ({
              entity_ref: s.entityRef,
              kind: s.kind,
              type: s.type ?? null,
              owner_ref: s.ownerRef ?? null,
              level: s.level,
              passed: passed(s),
              failed: failed(s),
              scorecard: JSON.stringify(s),
              evaluated_at: new Date(s.evaluatedAt),
            })),
          )
          .onConflict('entity_ref')
          .merge();
      }
      for (let i = 0; i < scorecards.length; i += CHUNK) {
        const chunk = scorecards.slice(i, i + CHUNK);
        await tx(HISTORY).insert(
          chunk.map(s => ({
            entity_ref: s.entityRef,
            owner_ref: s.ownerRef ?? null,
            level: s.level,
            passed: s.counts.pass,
            failed: failed(s),
            exempt: s.counts.exempt,
            categories: JSON.stringify(categoryCounts(s.results)),
            evaluated_at: new Date(s.evaluatedAt),
          })),
        );
      }
    });
  }

  async getScorecard(entityRef: string) {
    const row = await this.db(SCORECARDS)
      .where({ entity_ref: entityRef })
      .first('scorecard');
    return row ? (JSON.parse(row.scorecard) as EntityScorecard) : undefined;
  }

  async listScorecards(filter: { ownerRefs?: string[] } = {}) {
    const query = this.db(SCORECARDS).select('scorecard').orderBy('entity_ref');
    if (filter.ownerRefs) query.whereIn('owner_ref', filter.ownerRefs);
    const rows: { scorecard: string }[] = await query;
    return rows.map(r => JSON.parse(r.scorecard) as EntityScorecard);
  }

  async trend(since: Date): Promise<TrendPoint[]> {
    const rows: Array<{
      entity_ref: string;
      passed: number;
      failed: number;
      exempt: number;
      evaluated_at: Timestamp;
    }> = await this.db(HISTORY)
      .where('evaluated_at', '>=', since)
      .orderBy('evaluated_at')
      .select('entity_ref', 'passed', 'failed', 'exempt', 'evaluated_at');
    // Each entity's last evaluation of each day.
    const days = new Map<string, Map<string, [number, number]>>();
    for (const r of rows) {
      const date = iso(r.evaluated_at).slice(0, 10);
      if (!days.has(date)) days.set(date, new Map());
      days
        .get(date)!
        .set(r.entity_ref, [
          Number(r.passed) + Number(r.exempt),
          Number(r.failed),
        ]);
    }
    return [...days.entries()].map(([date, entities]) => {
      let passed = 0;
      let total = 0;
      for (const [p, f] of entities.values()) {
        passed += p;
        total += p + f;
      }
      return {
        date,
        passRate: total ? passed / total : 0,
        entities: entities.size,
      };
    });
  }

  async prune(before: Date): Promise<number> {
    return this.db(HISTORY).where('evaluated_at', '<', before).delete();
  }

  async addExemption(e: ComplianceExemption) {
    await this.db<ExemptionRow>(EXEMPTIONS).insert({
      id: e.id,
      entity_ref: e.entityRef,
      check_id: e.checkId,
      reason: e.reason,
      approved_by: e.approvedBy,
      expires_at: new Date(e.expiresAt),
      created_by: e.createdBy,
      created_at: new Date(e.createdAt),
    } as any);
    return e;
  }

  async listExemptions(filter: { entityRef?: string } = {}) {
    const query = this.db<ExemptionRow>(EXEMPTIONS).orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ]);
    if (filter.entityRef) query.where({ entity_ref: filter.entityRef });
    const rows: ExemptionRow[] = await query;
    return rows.map(r => ({
      id: r.id,
      entityRef: r.entity_ref,
      checkId: r.check_id,
      reason: r.reason,
      approvedBy: r.approved_by,
      expiresAt: iso(r.expires_at),
      createdBy: r.created_by,
      createdAt: iso(r.created_at),
    }));
  }
}
