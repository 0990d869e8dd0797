import {
  ComplianceExemption,
  EntityScorecard,
} from '@ai-platform/plugin-ai-platform-common';

/** One day of the history: the share of checks that passed, over the entities evaluated. */
export interface TrendPoint {
  date: string;
  passRate: number;
  entities: number;
}

export interface ComplianceStore {
  /** Stores each scorecard as its entity's latest and adds it to the history. */
  saveScorecards(scorecards: EntityScorecard[]): Promise<void>;
  getScorecard(entityRef: string): Promise<EntityScorecard | undefined>;
  /** The latest scorecards, all or of the given owners. */
  listScorecards(filter?: { ownerRefs?: string[] }): Promise<EntityScorecard[]>;
  /** Per day since `since`, each entity's last evaluation of the day. */
  trend(since: Date): Promise<TrendPoint[]>;
  /** Drops history older than `before`; returns how many evaluations went. */
  prune(before: Date): Promise<number>;
  addExemption(exemption: ComplianceExemption): Promise<ComplianceExemption>;
  /** Exemptions, newest first, all or of one entity. */
  listExemptions(filter?: {
    entityRef?: string;
  }): Promise<ComplianceExemption[]>;
}
