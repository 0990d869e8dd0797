import { createApiRef } from '@backstage/core-plugin-api';
import {
  ComplianceCheck,
  ComplianceExemption,
  ComplianceHeatmap,
  EntityScorecard,
  ExemptionInput,
  TeamRollup,
} from '@ai-platform/plugin-ai-platform-common';

/** The evidence pack's formats. */
export type EvidenceFormat = 'md' | 'pdf';

/** Compliance scorecards: per entity, per team, across the org, and the evidence pack. */
export interface ComplianceApi {
  /** An entity's scorecard; undefined when no check applies to the entity yet. */
  getScorecard(entityRef: string): Promise<EntityScorecard | undefined>;
  /** Evaluates the entity's checks now and answers its new scorecard. */
  evaluate(entityRef: string): Promise<EntityScorecard>;
  /** A team's entities rolled up. */
  getTeamRollup(teamRef: string): Promise<TeamRollup>;
  /** Team × category pass rates and the pass rate over time. */
  getHeatmap(): Promise<ComplianceHeatmap>;
  /** Every declared check. */
  listChecks(): Promise<ComplianceCheck[]>;
  /** Exemptions, of one entity when given. */
  listExemptions(entityRef?: string): Promise<ComplianceExemption[]>;
  createExemption(input: ExemptionInput): Promise<ComplianceExemption>;
  /**
   * A model's evidence pack, fetched with the user's Backstage token (a plain link would not
   * carry it); offer it with `URL.createObjectURL`.
   */
  getEvidencePack(entityRef: string, format: EvidenceFormat): Promise<Blob>;
}

export const complianceApiRef = createApiRef<ComplianceApi>({
  id: 'plugin.ai-platform.compliance',
});
