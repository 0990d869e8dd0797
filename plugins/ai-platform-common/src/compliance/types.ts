import { DocumentationAreaId } from '../modelRegistry/euAiAct';

/** The levels a scorecard reaches, each needing every check of its level and those below. */
export const COMPLIANCE_LEVELS = ['bronze', 'silver', 'gold'] as const;
export type ComplianceLevel = (typeof COMPLIANCE_LEVELS)[number];

/** How a check compares its fact: present, equal, at least, at most, no older than N days, a regex. */
export const CHECK_OPERATORS = [
  'exists',
  'equals',
  'gte',
  'lte',
  'withinDays',
  'matches',
] as const;
export type CheckOperator = (typeof CHECK_OPERATORS)[number];

/** A declarative check, from config or a catalog entity. */
export interface ComplianceCheck {
  id: string;
  title: string;
  description: string;
  /** The entities it applies to: a kind and, optionally, their `spec.type`s. */
  appliesTo: { kind: string; types?: string[] }[];
  /** Only where this fact equals this value (e.g. the risk class is high). */
  when?: { fact: string; equals: string | number | boolean };
  /** The fact it reads, e.g. `modelCard.area.human-oversight` or `entity.spec.owner`. */
  fact: string;
  operator: CheckOperator;
  /** The operand: the value to equal, the bound, the days, the pattern. */
  value?: string | number | boolean;
  level: ComplianceLevel;
  category: string;
  /** What to do when it fails, in words, and where to read more. */
  remediation: string;
  remediationUrl?: string;
}

/** A fact as a source read it; `problem` says why it could not be read (a malformed model card). */
export interface FactValue {
  value?: string | number | boolean | null;
  /** Where it came from: `catalog`, `model card README.md`, `drift`, `audit trail`, … */
  source: string;
  problem?: string;
}
export type Facts = Record<string, FactValue>;

export type CheckStatus = 'pass' | 'fail' | 'exempt' | 'error';

/** An exemption from one check for one entity, approved by someone, until a date. */
export interface ComplianceExemption {
  id: string;
  entityRef: string;
  checkId: string;
  reason: string;
  approvedBy: string;
  expiresAt: string;
  createdBy: string;
  createdAt: string;
}

export interface CheckResult {
  checkId: string;
  title: string;
  level: ComplianceLevel;
  category: string;
  status: CheckStatus;
  /** The fact's value, numbers shown as they are. */
  value?: string | number | boolean | null;
  /** What the check wanted, in words ("at least 0.8"). */
  expected: string;
  /** Why it passed or failed, in words. */
  message: string;
  remediation: string;
  remediationUrl?: string;
  exemption?: ComplianceExemption;
}

/** One entity's scorecard. */
export interface EntityScorecard {
  entityRef: string;
  title?: string;
  kind: string;
  type?: string;
  ownerRef?: string;
  /** The highest level whose checks (and those below) all pass or are exempt. */
  level: ComplianceLevel | 'none';
  counts: Record<CheckStatus, number>;
  results: CheckResult[];
  evaluatedAt: string;
}

/** A team's entities rolled up. */
export interface TeamRollup {
  teamRef: string;
  entities: number;
  levels: Record<ComplianceLevel | 'none', number>;
  categories: { category: string; passed: number; failed: number }[];
  scorecards: EntityScorecard[];
}

/** The heat map's row of entities that name no owner, in place of a team's ref. */
export const NO_OWNER = 'unowned';

/** The org page: team × category pass rates, and the pass rate over time. */
export interface ComplianceHeatmap {
  categories: string[];
  teams: {
    teamRef: string;
    cells: { category: string; passRate: number | null; failed: number }[];
  }[];
  trend: { date: string; passRate: number; entities: number }[];
}

/** The nine areas of a model card, as a parser read them. */
export interface ParsedModelCard {
  format: 'huggingface' | 'model-card-toolkit';
  /** Each area: documented (with where) or missing. */
  areas: Record<
    DocumentationAreaId,
    { documented: boolean; evidence?: string }
  >;
  /** Front matter or JSON fields the checks read (license, datasets, metrics, …). */
  fields: Record<string, string | number | boolean | null>;
  /** What was wrong with the card, each naming where. */
  problems: string[];
}
