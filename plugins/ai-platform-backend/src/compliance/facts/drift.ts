import {
  Facts,
  ModelDriftSummary,
} from '@ai-platform/plugin-ai-platform-common';

/** Drift facts of a model: whether drift results exist for it, and its status. */
export function driftFacts(summary?: ModelDriftSummary): Facts {
  return {
    'drift.monitored': { value: Boolean(summary), source: 'drift' },
    'drift.status': { value: summary?.status ?? null, source: 'drift' },
    'drift.evaluatedAt': {
      value: summary?.evaluatedAt ?? null,
      source: 'drift',
    },
  };
}
