import { RiskLevel } from '../entities/model';

/**
 * The nine areas of an AI system's technical documentation under the EU AI Act (Annex IV),
 * in the Act's order. Model cards, scorecards and evidence packs are organised by them.
 */
export const EU_AI_ACT_DOCUMENTATION_AREAS = [
  {
    id: 'general-description',
    title: 'General description and intended purpose',
  },
  {
    id: 'development',
    title: 'Development methods, design choices and compute used',
  },
  { id: 'monitoring-control', title: 'Monitoring, functioning and control' },
  { id: 'performance-metrics', title: 'Performance metrics and why they fit' },
  { id: 'risk-management', title: 'Risk management' },
  { id: 'data-governance', title: 'Data governance' },
  { id: 'human-oversight', title: 'Human oversight' },
  { id: 'lifecycle-changes', title: 'Changes over the lifecycle' },
  { id: 'post-market-monitoring', title: 'Post-market monitoring' },
] as const;

export type DocumentationAreaId =
  (typeof EU_AI_ACT_DOCUMENTATION_AREAS)[number]['id'];

/** What each risk class of the EU AI Act implies, as the portal explains it to a model's owner. */
export const RISK_CLASS_INFO: Record<
  RiskLevel,
  { label: string; implies: string }
> = {
  unacceptable: {
    label: 'Prohibited',
    implies:
      'Prohibited practice (Article 5): the system may not be placed on the market, put into service or used in the EU. The portal does not register it.',
  },
  high: {
    label: 'High risk',
    implies:
      'High-risk system (Article 6, Annex III): risk management, data governance, technical documentation of all nine areas, record-keeping, transparency to deployers, human oversight, accuracy and robustness, conformity assessment, registration in the EU database and post-market monitoring.',
  },
  limited: {
    label: 'Limited risk',
    implies:
      'Transparency obligations (Article 50): people must be told they interact with an AI system, and generated or manipulated content must be marked as such.',
  },
  minimal: {
    label: 'Minimal risk',
    implies:
      'No obligations under the Act; voluntary codes of conduct apply. Documenting it is still good practice.',
  },
};
