import {
  DocumentationAreaId,
  EU_AI_ACT_DOCUMENTATION_AREAS,
  RISK_CLASS_INFO,
} from './euAiAct';
import { ModelRegistryEntryInput } from './schemas';
import { MlflowRegistration } from './types';

/** What a model card shows beyond the entry's own fields; each is left out when unknown. */
export interface ModelCardFacts {
  /** Catalog titles by entity ref, for the training data and evaluation datasets. */
  titles?: Record<string, string>;
  /** The owning team as the catalog titles it. */
  ownerTitle?: string;
  createdAt?: string;
  createdBy?: string;
  mlflow?: MlflowRegistration;
  /** A Hugging Face license id (`apache-2.0`, …); the registry does not record one. */
  license?: string;
}

/** A registry entry (stored or about to be) and the facts around it. */
export type ModelCardInput = ModelRegistryEntryInput & ModelCardFacts;

/** Whether the entry documents an area of the EU AI Act's technical documentation. */
export type DocumentationStatus = 'documented' | 'missing';

type YamlValue =
  | string
  | number
  | boolean
  | null
  | YamlValue[]
  | { [key: string]: YamlValue | undefined };

// Keys such as `model-index` and `pipeline_tag` stay plain; anything else is quoted.
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function yamlScalar(value: string | number | boolean | null): string {
  // A JSON string, number, boolean or null is a YAML flow scalar, once the characters JSON
  // leaves raw but YAML may not hold (DEL, C1 controls, U+FFFE/F) are escaped too.
  return JSON.stringify(value).replace(
    /[\x7f-\x84\x86-\x9f\ufffe\uffff]/g,
    c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function yamlKey(key: string): string {
  return PLAIN_KEY.test(key) ? key : yamlScalar(key);
}

/** Block-style YAML of a JSON-like value, every string double-quoted (JSON escapes). */
function yamlLines(value: YamlValue, indent: string): string[] {
  if (Array.isArray(value)) {
    if (!value.length) return [`${indent}[]`];
    return value.flatMap(item => {
      const [first, ...rest] = yamlLines(item, `${indent}  `);
      return [`${indent}- ${first.trimStart()}`, ...rest];
    });
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(
      (entry): entry is [string, YamlValue] => entry[1] !== undefined,
    );
    if (!entries.length) return [`${indent}{}`];
    return entries.flatMap(([key, item]) => {
      const isBlock =
        item !== null &&
        typeof item === 'object' &&
        (Array.isArray(item) ? item.length : Object.keys(item).length);
      return isBlock
        ? [`${indent}${yamlKey(key)}:`, ...yamlLines(item, `${indent}  `)]
        : [`${indent}${yamlKey(key)}: ${yamlLines(item, '')[0]}`];
    });
  }
  return [`${indent}${yamlScalar(value)}`];
}

/** Text on one line of Markdown (a list item or table cell), read as text and nothing more. */
function inline(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>|]/g, c => (c === '<' ? '&lt;' : `\\${c}`));
}

/**
 * A paragraph of the entry's own words: its line breaks kept, but no line may open a heading,
 * a thematic break or raw HTML, so the card's `##` sections stay the only sections.
 */
function paragraph(text: string): string {
  return text
    .trim()
    .split(/\r?\n/)
    .map(line =>
      line
        .replace(/</g, '&lt;')
        .replace(/^(\s*)(#|[-=*_](\s*[-=*_])*\s*$)/, '$1\\$2'),
    )
    .join('\n');
}

/** A URL as a Markdown link's target: spaces, brackets and parentheses encoded, so it ends where it should. */
function linkTarget(url: string): string {
  return url.replace(
    /[\s()<>]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/** An id-like slug for Hugging Face's `type` fields: `F1 (macro)` is `f1-macro`. */
function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s || text;
}

/** One area's section: what the entry says, and what is missing from it. */
interface AreaSection {
  status: DocumentationStatus;
  lines: string[];
}

const missing = (what: string) => `**Missing:** ${what}`;

function areaSections(
  card: ModelCardInput,
): Record<DocumentationAreaId, AreaSection> {
  const title = (ref: string) => card.titles?.[ref];
  const named = (ref: string) => {
    const t = title(ref);
    return t ? `${inline(t)} (${inline(ref)})` : inline(ref);
  };
  const risk = RISK_CLASS_INFO[card.riskClass];
  const metrics = card.evaluationMetrics;

  const documented = (lines: string[]): AreaSection => ({
    status: 'documented',
    lines,
  });
  // Facts the entry has that do not document the area, then what would.
  const undocumented = (what: string, known: string[] = []): AreaSection => ({
    status: 'missing',
    lines: [...known, missing(what)],
  });

  return {
    'general-description': card.intendedPurpose.trim()
      ? documented([
          `**Intended purpose:** ${paragraph(card.intendedPurpose)}`,
          ...(card.description.trim() ? [paragraph(card.description)] : []),
          [
            `- **Task:** ${inline(card.task)}`,
            `- **Provider (team):** ${
              card.ownerTitle
                ? `${inline(card.ownerTitle)} (${inline(card.teamRef)})`
                : inline(card.teamRef)
            }`,
            ...(card.license ? [`- **License:** ${inline(card.license)}`] : []),
          ].join('\n'),
        ])
      : undocumented(
          'what the model is for: its intended purpose, who uses it and in what setting.',
        ),
    development: undocumented(
      'how the model was developed: architecture and training method, design choices and why they were made, and the compute used for training (hardware and hours).',
      card.sourceUri ? [`Artifacts: ${inline(card.sourceUri)}`] : [],
    ),
    'monitoring-control': undocumented(
      "how the system's functioning is monitored and controlled: its capabilities and limits of performance, foreseeable unintended outcomes and the specifications of its input data.",
    ),
    'performance-metrics': metrics.length
      ? documented([
          [
            '| Metric | Value | Evaluation data | Why it fits |',
            '| --- | --- | --- | --- |',
            ...metrics.map(
              m =>
                `| ${inline(m.name)} | ${m.value} | ${
                  m.dataset ? named(m.dataset) : '—'
                } | ${m.rationale ? inline(m.rationale) : '—'} |`,
            ),
          ].join('\n'),
          ...metrics.flatMap(m => [
            ...(m.dataset
              ? []
              : [
                  missing(
                    `the evaluation data ${inline(
                      m.name,
                    )} was measured on (the metric stays out of model-index until then).`,
                  ),
                ]),
            ...(m.rationale
              ? []
              : [missing(`why ${inline(m.name)} fits the intended purpose.`)]),
          ]),
        ])
      : undocumented(
          'the metrics the model was evaluated with, their values, the evaluation data and why each fits the intended purpose.',
        ),
    'risk-management': undocumented(
      'the risk management system (Article 9): the known and foreseeable risks to health, safety and fundamental rights, and the measures that address them.',
      [`Risk class: **${risk.label}**. ${risk.implies}`],
    ),
    'data-governance': card.trainingData.length
      ? documented([
          'Trained on:',
          card.trainingData.map(ref => `- ${named(ref)}`).join('\n'),
        ])
      : undocumented(
          'the data the model was trained on, as catalog datasets or feature views (trainingData), with their provenance, scope and preparation.',
        ),
    'human-oversight': card.humanOversightContact
      ? documented([`Overseen by ${inline(card.humanOversightContact)}.`])
      : undocumented(
          'who oversees the system (a human oversight contact) and how they can understand, monitor and override it (Article 14).',
        ),
    'lifecycle-changes': undocumented(
      'the changes made to the system over its lifecycle: versions, retraining and what changed in each.',
      card.mlflow?.version
        ? [
            `MLflow: ${inline(card.mlflow.registeredModel)} version ${inline(
              card.mlflow.version,
            )}.`,
          ]
        : [],
    ),
    'post-market-monitoring': undocumented(
      'the plan for monitoring the system once it is in use (Article 72): what is watched, how often and who acts on the findings.',
    ),
  };
}

/** Hugging Face's `model-index`: one result per evaluation dataset; metrics without one stay out. */
function modelIndex(card: ModelCardInput): YamlValue | undefined {
  const byDataset = new Map<string, ModelCardInput['evaluationMetrics']>();
  for (const metric of card.evaluationMetrics) {
    if (metric.dataset) {
      byDataset.set(metric.dataset, [
        ...(byDataset.get(metric.dataset) ?? []),
        metric,
      ]);
    }
  }
  if (!byDataset.size) return undefined;
  return [
    {
      name: card.name,
      results: [...byDataset].map(([dataset, metrics]) => ({
        task: { type: card.task },
        dataset: { type: dataset, name: card.titles?.[dataset] ?? dataset },
        metrics: metrics.map(m => ({
          type: slug(m.name),
          value: m.value,
          name: m.name,
        })),
      })),
    },
  ];
}

/**
 * The entry's model card: Markdown with Hugging Face front matter (`license`, `pipeline_tag`,
 * `tags`, `datasets`, `model-index`) and an `ai_act` block (risk class, each documentation
 * area's status), then one `##` section per area of the EU AI Act's technical documentation,
 * filled from what the entry says and marked **Missing** where it says nothing.
 */
export function renderModelCard(card: ModelCardInput): string {
  const sections = areaSections(card);
  const frontMatter: YamlValue = {
    license: card.license,
    pipeline_tag: card.task,
    tags: [card.task, `eu-ai-act-${card.riskClass}`],
    datasets: card.trainingData.length ? card.trainingData : undefined,
    'model-index': modelIndex(card),
    ai_act: {
      risk_class: card.riskClass,
      areas: Object.fromEntries(
        EU_AI_ACT_DOCUMENTATION_AREAS.map(area => [
          area.id,
          { status: sections[area.id].status },
        ]),
      ),
    },
  };
  const documentedCount = EU_AI_ACT_DOCUMENTATION_AREAS.filter(
    area => sections[area.id].status === 'documented',
  ).length;
  const registered = [
    card.createdAt ? `on ${inline(card.createdAt.slice(0, 10))}` : '',
    card.createdBy ? `by ${inline(card.createdBy)}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const mlflow = card.mlflow
    ? `${inline(card.mlflow.registeredModel)}${
        card.mlflow.version ? ` version ${inline(card.mlflow.version)}` : ''
      }`
    : '';

  const summary = [
    `- **EU AI Act risk class:** ${RISK_CLASS_INFO[card.riskClass].label}`,
    `- **Documented:** ${documentedCount} of ${EU_AI_ACT_DOCUMENTATION_AREAS.length} areas of the technical documentation (Annex IV)`,
    ...(registered ? [`- **Registered:** ${registered}`] : []),
    ...(mlflow
      ? [
          `- **MLflow:** ${
            card.mlflow?.url
              ? `[${mlflow}](${linkTarget(card.mlflow.url)})`
              : mlflow
          }`,
        ]
      : []),
  ];

  return [
    '---',
    ...yamlLines(frontMatter, ''),
    '---',
    '',
    `# Model card for ${inline(card.name)}`,
    '',
    summary.join('\n'),
    ...EU_AI_ACT_DOCUMENTATION_AREAS.flatMap(area => [
      '',
      `## ${area.title}`,
      ...sections[area.id].lines.flatMap(line => ['', line]),
    ]),
    '',
  ].join('\n');
}
