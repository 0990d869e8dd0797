import { createApiRef } from '@backstage/core-plugin-api';
import {
  ModelDriftDetail,
  ModelDriftSummary,
} from '@ai-platform/plugin-ai-platform-common';

/** Drift results of the catalog's AI models. */
export interface DriftApi {
  /** Every model with a drift status. */
  listModelDrift(): Promise<ModelDriftSummary[]>;
  /** A model's drift per feature, or undefined when it has no results yet. */
  getModelDrift(modelRef: string): Promise<ModelDriftDetail | undefined>;
}

export const driftApiRef = createApiRef<DriftApi>({
  id: 'plugin.ai-platform.drift',
});
