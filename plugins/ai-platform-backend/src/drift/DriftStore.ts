import {
  CategoryCounts,
  FeatureDriftResult,
  ModelDriftStatus,
} from '@ai-platform/plugin-ai-platform-common';

/** A window as stored: numbers, or counts per category (labels and histogram bins alike). */
export type StoredPayload =
  | { kind: 'numeric'; values: number[] }
  | { kind: 'categorical'; counts: CategoryCounts; bins?: number[] };

export interface NewDriftWindow {
  modelRef: string;
  feature: string;
  role: 'reference' | 'current';
  payload: StoredPayload;
  windowStart?: string;
  windowEnd: string;
  receivedAt: string;
}

export interface StoredDriftWindow extends NewDriftWindow {
  id: number;
  size: number;
}

export interface ModelStatusRow {
  modelRef: string;
  status: ModelDriftStatus;
  since: string;
  driftedShare: number;
  featureCount: number;
  evaluatedAt: string;
}

/** A window's evaluation: its result, or why it could not be judged. */
export type DriftEvaluationOutcome =
  | {
      result: Omit<FeatureDriftResult, 'feature' | 'windowEnd' | 'evaluatedAt'>;
    }
  | { error: string };

/** Drift windows, per-window results and each model's status. */
export interface DriftStore {
  /** Stores a window; a new reference replaces the feature's previous one. */
  addWindow(window: NewDriftWindow): Promise<number>;
  reference(
    modelRef: string,
    feature: string,
  ): Promise<StoredDriftWindow | undefined>;
  hasWindows(modelRef: string): Promise<boolean>;
  /** Current windows not evaluated yet, oldest first. */
  pendingWindows(limit: number): Promise<StoredDriftWindow[]>;
  /** Marks a window evaluated and stores its outcome, in one transaction. */
  recordEvaluation(
    window: StoredDriftWindow,
    outcome: DriftEvaluationOutcome,
    evaluatedAt: Date,
  ): Promise<void>;
  /** The latest result of each feature of a model (by window end). */
  latestResults(modelRef: string): Promise<FeatureDriftResult[]>;
  /** A model's results, oldest first, at most `perFeature` per feature. */
  history(modelRef: string, perFeature: number): Promise<FeatureDriftResult[]>;
  getModel(modelRef: string): Promise<ModelStatusRow | undefined>;
  listModels(): Promise<ModelStatusRow[]>;
  saveModel(model: ModelStatusRow): Promise<void>;
  /** Drops results, and evaluated current windows, from before `before`. */
  prune(before: Date): Promise<{ results: number; windows: number }>;
}
