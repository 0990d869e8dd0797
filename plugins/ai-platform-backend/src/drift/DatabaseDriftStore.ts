import { Knex } from 'knex';
import {
  DriftMethod,
  FeatureDriftResult,
  FeatureStatus,
  ModelDriftStatus,
} from '@ai-platform/plugin-ai-platform-common';
import {
  DriftEvaluationOutcome,
  DriftStore,
  ModelStatusRow,
  NewDriftWindow,
  StoredDriftWindow,
  StoredPayload,
} from './DriftStore';

const WINDOWS = 'ai_drift_windows';
const RESULTS = 'ai_drift_results';
const MODELS = 'ai_drift_models';

type Timestamp = Date | string | number;
// SQLite hands timestamps back as epoch milliseconds or strings, PostgreSQL as Date.
const iso = (value: Timestamp) => new Date(value).toISOString();

interface WindowRow {
  id: number;
  model_ref: string;
  feature: string;
  role: 'reference' | 'current';
  kind: 'numeric' | 'categorical';
  bins: string | null;
  payload: string;
  size: number;
  window_start: Timestamp | null;
  window_end: Timestamp;
  received_at: Timestamp;
}

interface ResultRow {
  id: number;
  model_ref: string;
  feature: string;
  window_end: Timestamp;
  evaluated_at: Timestamp;
  method: DriftMethod;
  statistic: number;
  p_value: number | null;
  threshold: number;
  status: FeatureStatus;
  reference_size: number;
  current_size: number;
}

interface ModelRow {
  model_ref: string;
  status: ModelDriftStatus;
  since: Timestamp;
  drifted_share: number;
  feature_count: number;
  evaluated_at: Timestamp;
}

function windowFromRow(row: WindowRow): StoredDriftWindow {
  const data = JSON.parse(row.payload);
  const payload: StoredPayload =
    row.kind === 'numeric'
      ? { kind: 'numeric', values: data }
      : {
          kind: 'categorical',
          counts: data,
          ...(row.bins ? { bins: JSON.parse(row.bins) } : {}),
        };
  return {
    id: Number(row.id),
    modelRef: row.model_ref,
    feature: row.feature,
    role: row.role,
    payload,
    size: Number(row.size),
    ...(row.window_start ? { windowStart: iso(row.window_start) } : {}),
    windowEnd: iso(row.window_end),
    receivedAt: iso(row.received_at),
  };
}

function resultFromRow(row: ResultRow): FeatureDriftResult {
  return {
    feature: row.feature,
    method: row.method,
    statistic: Number(row.statistic),
    ...(row.p_value === null ? {} : { pValue: Number(row.p_value) }),
    threshold: Number(row.threshold),
    status: row.status,
    referenceSize: Number(row.reference_size),
    currentSize: Number(row.current_size),
    windowEnd: iso(row.window_end),
    evaluatedAt: iso(row.evaluated_at),
  };
}

function modelFromRow(row: ModelRow): ModelStatusRow {
  return {
    modelRef: row.model_ref,
    status: row.status,
    since: iso(row.since),
    driftedShare: Number(row.drifted_share),
    featureCount: Number(row.feature_count),
    evaluatedAt: iso(row.evaluated_at),
  };
}

function sizeOf(payload: StoredPayload): number {
  return payload.kind === 'numeric'
    ? payload.values.length
    : Math.round(Object.values(payload.counts).reduce((a, b) => a + b, 0));
}

/** Drift windows, results and model statuses in the plugin's database. */
export class DatabaseDriftStore implements DriftStore {
  constructor(private readonly db: Knex) {}

  /** Stores a window; a new reference replaces the feature's previous one. */
  async addWindow(window: NewDriftWindow): Promise<number> {
    return this.db.transaction(async tx => {
      if (window.role === 'reference') {
        await tx(WINDOWS)
          .where({
            model_ref: window.modelRef,
            feature: window.feature,
            role: 'reference',
          })
          .delete();
      }
      const { payload } = window;
      const [row] = await tx(WINDOWS)
        .insert({
          model_ref: window.modelRef,
          feature: window.feature,
          role: window.role,
          kind: payload.kind,
          bins:
            payload.kind === 'categorical' && payload.bins
              ? JSON.stringify(payload.bins)
              : null,
          payload: JSON.stringify(
            payload.kind === 'numeric' ? payload.values : payload.counts,
          ),
          size: sizeOf(payload),
          window_start: window.windowStart
            ? new Date(window.windowStart)
            : null,
          window_end: new Date(window.windowEnd),
          received_at: new Date(window.receivedAt),
        })
        .returning('id');
      return Number(typeof row === 'object' ? row.id : row);
    });
  }

  async reference(
    modelRef: string,
    feature: string,
  ): Promise<StoredDriftWindow | undefined> {
    const row = await this.db<WindowRow>(WINDOWS)
      .where({ model_ref: modelRef, feature, role: 'reference' })
      .first();
    return row ? windowFromRow(row) : undefined;
  }

  async hasWindows(modelRef: string): Promise<boolean> {
    return Boolean(
      await this.db(WINDOWS).where({ model_ref: modelRef }).first('id'),
    );
  }

  /** Current windows not evaluated yet, oldest first. */
  async pendingWindows(limit: number): Promise<StoredDriftWindow[]> {
    const rows = await this.db<WindowRow>(WINDOWS)
      .where({ role: 'current' })
      .whereNull('evaluated_at')
      .orderBy('id')
      .limit(limit);
    return rows.map(windowFromRow);
  }

  /** Marks a window evaluated and stores its result (or why it could not be), in one transaction. */
  async recordEvaluation(
    window: StoredDriftWindow,
    outcome: DriftEvaluationOutcome,
    evaluatedAt: Date,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await tx(WINDOWS)
        .where({ id: window.id })
        .update({
          evaluated_at: evaluatedAt,
          error: 'error' in outcome ? outcome.error : null,
        });
      if ('result' in outcome) {
        const r = outcome.result;
        await tx(RESULTS).insert({
          model_ref: window.modelRef,
          feature: window.feature,
          window_id: window.id,
          window_end: new Date(window.windowEnd),
          evaluated_at: evaluatedAt,
          method: r.method,
          statistic: r.statistic,
          p_value: r.pValue ?? null,
          threshold: r.threshold,
          status: r.status,
          reference_size: r.referenceSize,
          current_size: r.currentSize,
        });
      }
    });
  }

  /** The latest result of each feature of a model (by window end). */
  async latestResults(modelRef: string): Promise<FeatureDriftResult[]> {
    return this.history(modelRef, 1);
  }

  /** A model's results, oldest first, at most `perFeature` per feature. */
  async history(
    modelRef: string,
    perFeature: number,
  ): Promise<FeatureDriftResult[]> {
    const rows = await this.db<ResultRow>(RESULTS)
      .where({ model_ref: modelRef })
      .orderBy([
        { column: 'window_end', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    const kept = new Map<string, number>();
    const out: FeatureDriftResult[] = [];
    for (const row of rows) {
      const n = kept.get(row.feature) ?? 0;
      if (n < perFeature) {
        kept.set(row.feature, n + 1);
        out.push(resultFromRow(row));
      }
    }
    return out.reverse();
  }

  async getModel(modelRef: string): Promise<ModelStatusRow | undefined> {
    const row = await this.db<ModelRow>(MODELS)
      .where({ model_ref: modelRef })
      .first();
    return row ? modelFromRow(row) : undefined;
  }

  async listModels(): Promise<ModelStatusRow[]> {
    const rows = await this.db<ModelRow>(MODELS).orderBy('model_ref');
    return rows.map(modelFromRow);
  }

  async saveModel(model: ModelStatusRow): Promise<void> {
    await this.db(MODELS)
      .insert({
        model_ref: model.modelRef,
        status: model.status,
        since: new Date(model.since),
        drifted_share: model.driftedShare,
        feature_count: model.featureCount,
        evaluated_at: new Date(model.evaluatedAt),
      })
      .onConflict('model_ref')
      .merge();
  }

  /** Drops results, and evaluated current windows, from before `before`. */
  async prune(before: Date): Promise<{ results: number; windows: number }> {
    const results = await this.db(RESULTS)
      .where('evaluated_at', '<', before)
      .delete();
    const windows = await this.db(WINDOWS)
      .where({ role: 'current' })
      .whereNotNull('evaluated_at')
      .where('evaluated_at', '<', before)
      .delete();
    return { results, windows };
  }
}
