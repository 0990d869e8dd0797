import { InputError } from '@backstage/errors';
import { DRIFT_METHODS, DriftMethod, DriftOverride } from './evaluate';

/** Annotations on an `ai-model` entity that change how its drift is judged. */
export const DRIFT_ANNOTATIONS = {
  /** Method for every feature it applies to, e.g. `psi`. */
  method: 'ai-platform.io/drift-method',
  /** Threshold that goes with `drift-method`, e.g. `0.15`. */
  threshold: 'ai-platform.io/drift-threshold',
  /** Per feature: `amount=psi:0.25; country=jensenshannon; age=:0.01`. */
  features: 'ai-platform.io/drift-features',
  /** Share of drifted features from which the model counts as drifted, e.g. `0.3`. */
  share: 'ai-platform.io/drift-share',
} as const;

export interface DriftSettings {
  model: { method?: DriftMethod; threshold?: number };
  features: Record<string, DriftOverride>;
  datasetDriftShare?: number;
}

/** The override for one feature: its own annotation entry, over the model-wide method. */
export function driftOverrideFor(
  settings: DriftSettings,
  feature: string,
): DriftOverride {
  return {
    ...settings.features[feature],
    preferredMethod: settings.model.method,
    preferredThreshold: settings.model.threshold,
  };
}

function method(value: string, where: string): DriftMethod {
  if (!(DRIFT_METHODS as readonly string[]).includes(value)) {
    throw new InputError(
      `${where}: "${value}" is not a drift method (${DRIFT_METHODS.join(
        ', ',
      )})`,
    );
  }
  return value as DriftMethod;
}

function positive(value: string, where: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    throw new InputError(`${where}: "${value}" must be a number above 0`);
  }
  return n;
}

/** Reads the drift annotations; a malformed one is an InputError naming the annotation. */
export function readDriftSettings(
  annotations: Record<string, string> = {},
): DriftSettings {
  const settings: DriftSettings = { model: {}, features: {} };
  const m = annotations[DRIFT_ANNOTATIONS.method]?.trim();
  if (m) settings.model.method = method(m, DRIFT_ANNOTATIONS.method);
  const t = annotations[DRIFT_ANNOTATIONS.threshold]?.trim();
  if (t) {
    if (!m) {
      throw new InputError(
        `${DRIFT_ANNOTATIONS.threshold}: goes with ${DRIFT_ANNOTATIONS.method}; set per feature in ${DRIFT_ANNOTATIONS.features} otherwise`,
      );
    }
    settings.model.threshold = positive(t, DRIFT_ANNOTATIONS.threshold);
  }
  const s = annotations[DRIFT_ANNOTATIONS.share]?.trim();
  if (s) {
    const share = positive(s, DRIFT_ANNOTATIONS.share);
    if (share > 1) {
      throw new InputError(
        `${DRIFT_ANNOTATIONS.share}: "${s}" must be at most 1`,
      );
    }
    settings.datasetDriftShare = share;
  }
  for (const entry of (annotations[DRIFT_ANNOTATIONS.features] ?? '').split(
    /[;\n]/,
  )) {
    if (!entry.trim()) continue;
    const where = `${DRIFT_ANNOTATIONS.features} "${entry.trim()}"`;
    const match = /^\s*([^=]+?)\s*=\s*([a-z]*)\s*(?::\s*(\S+))?\s*$/.exec(
      entry,
    );
    if (!match)
      throw new InputError(`${where}: write feature=method[:threshold]`);
    const [, feature, featureMethod, threshold] = match;
    settings.features[feature] = {
      ...(featureMethod ? { method: method(featureMethod, where) } : {}),
      ...(threshold ? { threshold: positive(threshold, where) } : {}),
    };
  }
  return settings;
}
