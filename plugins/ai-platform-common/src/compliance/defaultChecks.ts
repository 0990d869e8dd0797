/**
 * The check set the suite ships with.
 *
 * FACTS these checks read (the backend's fact sources produce them, one `FactValue` each with its
 * `source`; a fact that could not be read carries a `problem` and its checks show an error):
 *
 * | Fact                            | Entities             | Value                                                                                         |
 * | ------------------------------- | -------------------- | --------------------------------------------------------------------------------------------- |
 * | `entity.owner`                  | any owned entity     | `spec.owner` as an entity ref, unset when missing                                             |
 * | `entity.onCall`                 | Component (any)      | who is on call: `pagerduty.com/service-id`, `opsgenie.com/team` or `ai-platform.io/on-call`  |
 * | `entity.lifecycle`              | any                  | `spec.lifecycle` (`production`, `experimental`, …)                                             |
 * | `entity.riskClass`              | Resource `ai-model`  | `ai-platform.io/risk-level` or the registry's risk class: minimal, limited, high, unacceptable |
 * | `entity.humanOversightContact`  | Resource `ai-model`  | `ai-platform.io/human-oversight` or the registry's human oversight contact                    |
 * | `modelCard.present`             | Resource `ai-model`  | boolean: a model card was found (`ai-platform.io/model-card` or the registry's card)          |
 * | `modelCard.completeness`        | Resource `ai-model`  | number 0…1: documented areas / 9                                                              |
 * | `modelCard.area.<areaId>`       | Resource `ai-model`  | boolean per EU AI Act area (ids of `EU_AI_ACT_DOCUMENTATION_AREAS`)                           |
 * | `modelCard.license`             | Resource `ai-model`  | the card's license id                                                                         |
 * | `modelCard.datasets`            | Resource `ai-model`  | number of datasets the card names                                                             |
 * | `drift.monitored`               | Resource `ai-model`  | boolean: drift monitoring is configured                                                       |
 * | `drift.status`                  | Resource `ai-model`  | the model's latest drift status: `ok`, `warning`, `drifted`                                   |
 * | `lineage.present`               | Resource `ai-model`  | boolean: the model reaches at least one dataset (model → feature views → datasets)            |
 * | `lineage.datasets`              | Resource `ai-model`  | number of datasets reached (read by the evidence pack; no default check)                      |
 * | `dataset.residency`             | Resource `dataset`   | `ai-platform.io/data-residency` (e.g. `eu-west-1`)                                            |
 * | `dataset.encryption`            | Resource `dataset`   | `ai-platform.io/encryption` (e.g. `aws-kms`, `none`)                                          |
 * | `team.budgetSet`                | Group `team`         | boolean: `ai-platform.io/monthly-budget` is set to a valid amount                             |
 * | `quota.approvals`               | Resource `gpu-quota` | number of approvals in the audit trail (read by the evidence pack; no default check)          |
 *
 * No default check reads `quota.approvals`: "at least 0 approvals" passes for every count, so it
 * would say nothing. The evidence pack lists the approvals themselves.
 */
import { EU_AI_ACT_DOCUMENTATION_AREAS } from '../modelRegistry/euAiAct';
import type { DocumentationAreaId } from '../modelRegistry/euAiAct';
import { ComplianceCheck, ComplianceLevel } from './types';

/** Regulation (EU) 2024/1689 on eur-lex: Annex IV, and the articles the checks cite. */
const AI_ACT =
  'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32024R1689';
const ANNEX_IV = `${AI_ACT}#anx_IV`;
const article = (n: number) => `${AI_ACT}#art_${n}`;
const BACKSTAGE_ANNOTATIONS =
  'https://backstage.io/docs/features/software-catalog/well-known-annotations';
const BACKSTAGE_OWNER =
  'https://backstage.io/docs/features/software-catalog/descriptor-format#specowner-required';
const HF_MODEL_CARDS = 'https://huggingface.co/docs/hub/model-cards';

const MODELS = [{ kind: 'Resource', types: ['ai-model'] }];
const DATASETS = [{ kind: 'Resource', types: ['dataset'] }];

const areaTitle = (id: DocumentationAreaId) =>
  EU_AI_ACT_DOCUMENTATION_AREAS.find(a => a.id === id)!.title;

/**
 * Per area: its level, the Hugging Face template headings (or Model Card Toolkit fields) that
 * also document it, and the Annex IV point or article to read.
 */
const AREAS: Record<
  DocumentationAreaId,
  { level: ComplianceLevel; alsoAs: string; url: string }
> = {
  'general-description': {
    level: 'bronze',
    alsoAs:
      '"Model Details" / "Uses" in a Hugging Face card, or model_details.overview and considerations.use_cases in Model Card Toolkit JSON',
    url: ANNEX_IV,
  },
  development: {
    level: 'gold',
    alsoAs:
      '"Training Details" / "Training Procedure" / "Technical Specifications" / "Environmental Impact" (hardware and hours), or model_parameters.model_architecture',
    url: ANNEX_IV,
  },
  'monitoring-control': {
    level: 'gold',
    alsoAs:
      '"Bias, Risks, and Limitations" / "Out-of-Scope Use" / "Model Examination", or considerations.limitations with model_parameters.input_format',
    url: ANNEX_IV,
  },
  'performance-metrics': {
    level: 'silver',
    alsoAs:
      '"Evaluation" / "Results" with model-index metrics in the front matter, or quantitative_analysis.performance_metrics',
    url: ANNEX_IV,
  },
  'risk-management': {
    level: 'gold',
    alsoAs:
      '"Bias, Risks, and Limitations" with its "Recommendations", or considerations.ethical_considerations with their mitigation_strategy',
    url: article(9),
  },
  'data-governance': {
    level: 'silver',
    alsoAs:
      '"Training Data" / "Testing Data" with `datasets` in the front matter, or model_parameters.data',
    url: article(10),
  },
  'human-oversight': {
    level: 'silver',
    alsoAs:
      'a "Human oversight" section (the Hugging Face template has none), and the ai-platform.io/human-oversight annotation',
    url: article(14),
  },
  'lifecycle-changes': {
    level: 'gold',
    alsoAs:
      'a "Changelog" or "Version history" section, or model_details.version',
    url: ANNEX_IV,
  },
  'post-market-monitoring': {
    level: 'gold',
    alsoAs: 'a "Post-market monitoring" or "Monitoring" section',
    url: article(72),
  },
};

const areaChecks: ComplianceCheck[] = EU_AI_ACT_DOCUMENTATION_AREAS.map(
  ({ id, title }) => ({
    id: `eu-ai-act.area.${id}`,
    title: `Model card documents: ${title}`,
    description: `The model card documents "${title}", one of the nine areas of the technical documentation in Annex IV of the EU AI Act.`,
    appliesTo: MODELS,
    fact: `modelCard.area.${id}`,
    operator: 'equals',
    value: true,
    level: AREAS[id].level,
    category: 'eu-ai-act',
    remediation: `Add a "## ${areaTitle(
      id,
    )}" section with real content (not "[More Information Needed]") to the model card, or ${
      AREAS[id].alsoAs
    }.`,
    remediationUrl: AREAS[id].url,
  }),
);

/** The checks the suite ships with; each valid under `complianceCheckSchema`. */
export const DEFAULT_COMPLIANCE_CHECKS: ComplianceCheck[] = [
  ...areaChecks,
  {
    id: 'model-card.present',
    title: 'Model card present',
    description:
      'A model card (Hugging Face README.md or Model Card Toolkit JSON) is found for the model.',
    appliesTo: MODELS,
    fact: 'modelCard.present',
    operator: 'equals',
    value: true,
    level: 'bronze',
    category: 'documentation',
    remediation:
      'Add a model card next to catalog-info.yaml (README.md with Hugging Face front matter, or model_card.json of the Model Card Toolkit) and point the ai-platform.io/model-card annotation at it; or register the model in the model registry, which renders one.',
    remediationUrl: HF_MODEL_CARDS,
  },
  {
    id: 'model-card.completeness.silver',
    title: 'Model card documents at least 60% of the areas',
    description:
      'At least 6 of the 9 areas of the technical documentation (Annex IV) are documented in the model card.',
    appliesTo: MODELS,
    fact: 'modelCard.completeness',
    operator: 'gte',
    value: 0.6,
    level: 'silver',
    category: 'documentation',
    remediation:
      'Fill in the model card sections the "Model card documents" checks list as failing until at least 6 of the 9 areas are documented.',
    remediationUrl: ANNEX_IV,
  },
  {
    id: 'model-card.completeness.gold',
    title: 'Model card documents every area',
    description:
      'All 9 areas of the technical documentation (Annex IV) are documented in the model card.',
    appliesTo: MODELS,
    fact: 'modelCard.completeness',
    operator: 'gte',
    value: 1,
    level: 'gold',
    category: 'documentation',
    remediation:
      'Fill in every model card section the "Model card documents" checks list as failing.',
    remediationUrl: ANNEX_IV,
  },
  {
    id: 'ownership.owner',
    title: 'Owner set',
    description: 'The entity names the team that owns it in spec.owner.',
    appliesTo: [
      { kind: 'Resource' },
      { kind: 'Component' },
      { kind: 'API' },
      { kind: 'System' },
      { kind: 'Domain' },
    ],
    fact: 'entity.owner',
    operator: 'exists',
    level: 'bronze',
    category: 'ownership',
    remediation:
      'Set spec.owner in catalog-info.yaml to the owning Group (e.g. group:default/fraud-team).',
    remediationUrl: BACKSTAGE_OWNER,
  },
  {
    id: 'ownership.on-call',
    title: 'On-call set',
    description: 'Someone is on call for the component.',
    appliesTo: [{ kind: 'Component' }],
    fact: 'entity.onCall',
    operator: 'exists',
    level: 'silver',
    category: 'ownership',
    remediation:
      'Add the pagerduty.com/service-id or opsgenie.com/team annotation to catalog-info.yaml, or ai-platform.io/on-call naming the on-call rotation or person.',
    remediationUrl: BACKSTAGE_ANNOTATIONS,
  },
  {
    id: 'monitoring.drift-monitored',
    title: 'Drift monitored in production',
    description:
      'A model in production has drift monitoring configured (post-market monitoring, Article 72).',
    appliesTo: MODELS,
    when: { fact: 'entity.lifecycle', equals: 'production' },
    fact: 'drift.monitored',
    operator: 'equals',
    value: true,
    level: 'silver',
    category: 'monitoring',
    remediation:
      "Configure drift monitoring for the model on the portal's Drift page (a reference window and the features to watch), or set spec.lifecycle to experimental if it is not in production.",
    remediationUrl: article(72),
  },
  {
    id: 'monitoring.drift-status',
    title: 'No drift detected',
    description: "The model's latest drift evaluation is ok or a warning.",
    appliesTo: MODELS,
    fact: 'drift.status',
    operator: 'matches',
    value: '^(ok|warning)$',
    level: 'gold',
    category: 'monitoring',
    remediation:
      "Open the model's drift card, find the drifted features and retrain or recalibrate the model on recent data; switch drift monitoring on first if it has no status.",
    remediationUrl: article(72),
  },
  {
    id: 'lineage.present',
    title: 'Lineage recorded',
    description:
      'The model reaches its training data in the catalog: model → feature views → datasets.',
    appliesTo: MODELS,
    fact: 'lineage.present',
    operator: 'equals',
    value: true,
    level: 'silver',
    category: 'data',
    remediation:
      "List the model's training data in its registry entry (trainingData), or add dependsOn relations in catalog-info.yaml from the model to its feature views or datasets (resource:default/<name>).",
    remediationUrl: article(10),
  },
  {
    id: 'data.residency',
    title: 'Data residency declared',
    description: 'The dataset says where its data is kept.',
    appliesTo: DATASETS,
    fact: 'dataset.residency',
    operator: 'exists',
    level: 'silver',
    category: 'data',
    remediation:
      'Add the ai-platform.io/data-residency annotation to the dataset in catalog-info.yaml with the region its data is kept in (e.g. eu-west-1 or EU).',
    remediationUrl: article(10),
  },
  {
    id: 'data.encryption',
    title: 'Data encrypted at rest',
    description:
      'The dataset declares encryption at rest (a KMS key, server-side encryption or a customer-managed key).',
    appliesTo: DATASETS,
    fact: 'dataset.encryption',
    operator: 'matches',
    value: '^(at-rest|kms|cmek|sse(-[a-z0-9]+)*|[a-z0-9]+-kms)$',
    level: 'silver',
    category: 'data',
    remediation:
      'Encrypt the dataset at rest and set the ai-platform.io/encryption annotation to how (at-rest, kms, aws-kms, gcp-kms, azure-kms, cmek or sse-s3); "none" fails.',
  },
  {
    id: 'eu-ai-act.risk-class',
    title: 'Risk class set',
    description:
      'The model states its EU AI Act risk class, which decides its obligations.',
    appliesTo: MODELS,
    fact: 'entity.riskClass',
    operator: 'matches',
    value: '^(minimal|limited|high|unacceptable)$',
    level: 'bronze',
    category: 'eu-ai-act',
    remediation:
      'Set the ai-platform.io/risk-level annotation to minimal, limited, high or unacceptable (Article 6 and Annex III say which), or set riskClass in the model registry.',
    remediationUrl: article(6),
  },
  {
    id: 'eu-ai-act.human-oversight-contact',
    title: 'Human oversight contact for a high-risk system',
    description:
      'A high-risk model names the person or team who oversees it (Article 14).',
    appliesTo: MODELS,
    when: { fact: 'entity.riskClass', equals: 'high' },
    fact: 'entity.humanOversightContact',
    operator: 'exists',
    level: 'bronze',
    category: 'eu-ai-act',
    remediation:
      'Set the ai-platform.io/human-oversight annotation to the user or group who oversees the system (e.g. user:default/ana.lopez), or humanOversightContact in the model registry.',
    remediationUrl: article(14),
  },
  {
    id: 'cost.team-budget',
    title: 'Team budget set',
    description: 'The team has a monthly compute budget.',
    appliesTo: [{ kind: 'Group', types: ['team'] }],
    fact: 'team.budgetSet',
    operator: 'equals',
    value: true,
    level: 'silver',
    category: 'cost',
    remediation:
      'Add the ai-platform.io/monthly-budget annotation to the team\'s Group in catalog-info.yaml: a non-negative amount in the configured currency (e.g. "12000").',
  },
];
