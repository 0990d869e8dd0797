import {
  DocumentationAreaId,
  EU_AI_ACT_DOCUMENTATION_AREAS,
} from '../modelRegistry/euAiAct';
import { Facts, ParsedModelCard } from './types';

type Areas = ParsedModelCard['areas'];

function noAreas(): Areas {
  return Object.fromEntries(
    EU_AI_ACT_DOCUMENTATION_AREAS.map(a => [a.id, { documented: false }]),
  ) as Areas;
}

function document(areas: Areas, id: DocumentationAreaId, evidence: string) {
  if (!areas[id].documented) areas[id] = { documented: true, evidence };
}

/**
 * How the headings of a Markdown model card map onto the nine areas of the EU AI Act's technical
 * documentation (Annex IV), area by area, and why. Headings are compared in lower case, without
 * `[optional]`, punctuation or emoji; a heading may document several areas, an area may be
 * documented by several headings. Our own cards (`renderModelCard`) use the areas' titles, which
 * always map onto their area.
 *
 * Deliberately unmapped: "How to Get Started with the Model" (usage code, not documentation),
 * "Citation", "Glossary", "More Information", "Model Card Authors" and "Model Card Contact" (a
 * contact for questions about the card is neither human oversight of the system nor a
 * post-market monitoring plan).
 */
export const MODEL_CARD_HEADING_AREAS: readonly {
  /** Matched against the normalised heading. */
  pattern: RegExp;
  areas: DocumentationAreaId[];
  why: string;
}[] = [
  {
    pattern:
      /^(model (details|description|summary|overview)|overview|description|uses|(direct|downstream) (use|uses|application)|intended (use|uses|purpose)\b.*)$/,
    areas: ['general-description'],
    why: 'Annex IV 1(a): the intended purpose, the provider and what the system is; the HF template says what the model is in Model Details and how it is meant to be used in Uses (Direct Use, Downstream Use; "Intended uses & limitations" in auto-generated cards).',
  },
  {
    pattern:
      /\b(training (details|procedure|hyperparameters|hyper parameters)|fine tuning|pretraining|hyperparameters|speeds sizes times|technical specifications|architecture|compute infrastructure|hardware|software|environmental impact)\b|^training$/,
    areas: ['development'],
    why: 'Annex IV 2(a)-(c) and (g): development methods, design choices, architecture and the computational resources used; Environmental Impact states hardware type and hours, Llama-style cards have Hardware and Software.',
  },
  {
    pattern: /\b(limitations?|out of scope|misuse|model examination)\b/,
    areas: ['monitoring-control'],
    why: 'Annex IV 3: capabilities and limitations in performance and foreseeable unintended outcomes; Out-of-Scope Use names uses the model will not work well for, Model Examination how its functioning can be understood.',
  },
  {
    pattern:
      /^(evaluation( results)?|results|metrics|testing data factors and metrics|benchmarks?|performance|summary|quantitative analyses)$/,
    areas: ['performance-metrics'],
    why: 'Annex IV 4: the performance metrics and why they are appropriate; Evaluation holds metrics, the data they were measured on and the results (with model-index in the front matter).',
  },
  {
    pattern:
      /\b(risks?|bias|biases|recommendations|out of scope|misuse|ethical considerations|safety)\b/,
    areas: ['risk-management'],
    why: 'Annex IV 5 and Article 9: the known and reasonably foreseeable risks, including misuse (Article 9(2)(b)), and the measures against them, which Recommendations gives.',
  },
  {
    pattern: /\b(data|datasets?|preprocessing)\b/,
    areas: ['data-governance'],
    why: 'Annex IV 2(d) and Article 10: the training, validation and testing data, their provenance, scope and preparation (Training Data, Testing Data, Preprocessing; `datasets` in the front matter).',
  },
  {
    pattern: /\boversight\b/,
    areas: ['human-oversight'],
    why: 'Annex IV 2(e) and Article 14: the human oversight measures; the HF template has no such section, so only a section saying oversight counts.',
  },
  {
    pattern:
      /\b(changelog|change log|changes|version history|versions|release notes|model dates|updates)\b/,
    areas: ['lifecycle-changes'],
    why: 'Annex IV 6: the changes made to the system through its lifecycle; real cards keep them under Changelog, Version history or (Llama) Model Dates.',
  },
  {
    pattern:
      /\b(post market monitoring|monitoring|reporting issues|feedback)\b/,
    areas: ['post-market-monitoring'],
    why: 'Annex IV 9 and Article 72: the plan for monitoring the system in use and acting on what is reported; Llama-style cards say where issues are reported.',
  },
];

/** A heading as the table compares it: lower case, no `[optional]`, punctuation or emoji. */
export function normaliseHeading(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/\[optional\]/g, ' ')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const OWN_TITLES = new Map<string, DocumentationAreaId>(
  EU_AI_ACT_DOCUMENTATION_AREAS.map(a => [normaliseHeading(a.title), a.id]),
);

/** The areas a heading documents (none when it is not in the table). */
export function areasOfHeading(heading: string): DocumentationAreaId[] {
  const normalised = normaliseHeading(heading);
  const own = OWN_TITLES.get(normalised);
  if (own) return [own];
  const areas = new Set<DocumentationAreaId>();
  for (const rule of MODEL_CARD_HEADING_AREAS) {
    if (rule.pattern.test(normalised)) rule.areas.forEach(a => areas.add(a));
  }
  return [...areas];
}

/** A note of our own cards (`renderModelCard`) on what an area still lacks. */
const MISSING_NOTE = /^\s*\*\*Missing:\*\*/im;

const TEMPLATE_SENTENCES = new RegExp(
  [
    'Carbon emissions can be estimated using the \\[Machine Learning Impact calculator\\][^\\n]*',
    'Use the code below to get started with the model\\.',
    'Users \\(both direct and downstream\\) should be made aware of the risks, biases and limitations of the model\\.[^\\n]*',
  ].join('|'),
  'gi',
);

/**
 * Whether a section's text says something: without HTML comments, template expressions
 * (`{{ … }}`, `{% … %}`), "[More Information Needed]", the template's fixed sentences, empty
 * `- **Label:**` items and Markdown punctuation, at least three letters are left. A section with a
 * `**Missing:**` note (how our own cards mark what an area lacks) counts as missing.
 */
export function hasContent(text: string): boolean {
  if (MISSING_NOTE.test(text)) return false;
  const rest = text
    .replace(/<!--[\s\S]*?(-->|$)/g, ' ')
    .replace(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g, ' ')
    .replace(/\[more information needed\]/gi, ' ')
    // The template's own sentences, kept when a card is generated from it.
    .replace(TEMPLATE_SENTENCES, ' ')
    .replace(/\[optional\]/gi, ' ')
    .replace(/^\s*[-*]\s*\*\*[^*\n]*\*\*\s*$/gm, ' ')
    .replace(/[^\p{L}]+/gu, '');
  return rest.length >= 3;
}

/** A Markdown section: its heading, level, line (1-based) and own text up to the next heading. */
export interface ModelCardSection {
  heading: string;
  level: number;
  line: number;
  text: string;
}

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const ATX = /^\s{0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$/;

/**
 * The Markdown of a card split into sections by its ATX headings (`#` to `######`); headings in
 * fenced code are text. The front matter, when the file opens with a `---` line, is skipped up to
 * its closing `---` (or `...`); it is not read here.
 */
export function modelCardSections(markdown: string): {
  sections: ModelCardSection[];
  /** The front matter's lines (without the delimiters) and the line its body starts on. */
  frontMatter?: { text: string; line: number };
  problems: string[];
} {
  const lines = markdown.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const problems: string[] = [];
  let start = 0;
  let frontMatter: { text: string; line: number } | undefined;
  if (/^---[ \t]*$/.test(lines[0] ?? '')) {
    const end = lines.findIndex(
      (line, i) => i > 0 && /^(---|\.\.\.)[ \t]*$/.test(line),
    );
    if (end < 0) {
      problems.push(
        'line 1: the front matter opened with --- is never closed; the whole file was read as front matter',
      );
      start = lines.length;
      frontMatter = { text: lines.slice(1).join('\n'), line: 2 };
    } else {
      frontMatter = { text: lines.slice(1, end).join('\n'), line: 2 };
      start = end + 1;
    }
  }
  const sections: ModelCardSection[] = [];
  let fence: string | undefined;
  let current: ModelCardSection | undefined;
  let body: string[] = [];
  const close = () => {
    if (current) sections.push({ ...current, text: body.join('\n') });
    body = [];
  };
  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1];
      if (!fence) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) {
        fence = undefined;
      }
      body.push(line);
      continue;
    }
    const heading = fence ? null : ATX.exec(line);
    if (heading) {
      close();
      current = {
        heading: heading[2].trim(),
        level: heading[1].length,
        line: i + 1,
        text: '',
      };
    } else {
      body.push(line);
    }
  }
  close();
  if (fence) {
    problems.push(
      `a code block opened with ${fence} is never closed; the rest of the card was read as code`,
    );
  }
  return { sections, frontMatter, problems };
}

/**
 * The nine areas as a Markdown card's sections document them (see {@link MODEL_CARD_HEADING_AREAS});
 * a section with only template placeholders ("[More Information Needed]") counts as missing.
 * `file` names the card in the evidence (`README.md § Evaluation (line 104)`).
 */
export function areasOfMarkdown(
  markdown: string,
  file = 'README.md',
): { areas: Areas; sections: ModelCardSection[]; problems: string[] } {
  const { sections, problems } = modelCardSections(markdown);
  const areas = noAreas();
  for (const section of sections) {
    const ids = areasOfHeading(section.heading);
    if (ids.length && hasContent(section.text)) {
      for (const id of ids) {
        document(
          areas,
          id,
          `${file} § ${section.heading} (line ${section.line})`,
        );
      }
    }
  }
  return { areas, sections, problems };
}

// --- Model Card Toolkit JSON (schema v0.0.2) -------------------------------------------------

type Json = unknown;

const typeName = (value: Json) => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
};

const isObject = (value: Json): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads fields of the JSON, noting each one of the wrong type. */
class Reader {
  readonly problems: string[] = [];

  object(parent: Record<string, Json> | undefined, key: string, path: string) {
    const value = parent?.[key];
    if (value === undefined || value === null) return undefined;
    if (isObject(value)) return value;
    this.problems.push(`${path}: expected an object, found ${typeName(value)}`);
    return undefined;
  }

  list(parent: Record<string, Json> | undefined, key: string, path: string) {
    const value = parent?.[key];
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) return value as Json[];
    this.problems.push(`${path}: expected a list, found ${typeName(value)}`);
    return [];
  }

  string(parent: Record<string, Json> | undefined, key: string, path: string) {
    const value = parent?.[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value.trim() || undefined;
    if (typeof value === 'number' || typeof value === 'boolean') {
      this.problems.push(
        `${path}: expected a string, found ${typeName(
          value,
        )} (read as "${value}")`,
      );
      return String(value);
    }
    this.problems.push(`${path}: expected a string, found ${typeName(value)}`);
    return undefined;
  }

  /** The list items that are objects with a non-empty string under one of `keys`. */
  described(
    parent: Record<string, Json> | undefined,
    key: string,
    path: string,
    keys: string[],
  ): number {
    let count = 0;
    this.list(parent, key, path).forEach((item, i) => {
      const itemPath = `${path}[${i}]`;
      if (typeof item === 'string') {
        if (item.trim()) count += 1;
        return;
      }
      if (!isObject(item)) {
        this.problems.push(
          `${itemPath}: expected an object, found ${typeName(item)}`,
        );
        return;
      }
      if (keys.some(k => this.string(item, k, `${itemPath}.${k}`))) count += 1;
    });
    return count;
  }
}

/**
 * A Model Card Toolkit card (JSON schema v0.0.2, as text or parsed) mapped onto the nine areas:
 *
 * - general description: `model_details.overview`, or `considerations.use_cases` / `users`;
 * - development: `model_parameters.model_architecture`;
 * - monitoring, functioning and control: `considerations.limitations`, or the input format
 *   (`model_parameters.input_format` / `input_format_map`: the specifications of input data);
 * - performance metrics: `quantitative_analysis.performance_metrics` with a type and a value;
 * - risk management: `considerations.ethical_considerations` (risks and mitigation strategies)
 *   or `considerations.tradeoffs`;
 * - data governance: `model_parameters.data` (named or described datasets);
 * - changes over the lifecycle: `model_details.version` with a `diff` (the changes from the
 *   previous version) or a name and date;
 * - human oversight and post-market monitoring: the schema has no field for them, so a Model
 *   Card Toolkit card alone leaves them missing.
 *
 * Never throws: invalid JSON, a card that is not an object and fields of the wrong type are
 * named in `problems`, and whatever could be read is kept.
 */
export function parseModelCardToolkit(
  json: string | unknown,
  file = 'model_card.json',
): ParsedModelCard {
  const card: ParsedModelCard = {
    format: 'model-card-toolkit',
    areas: noAreas(),
    fields: {},
    problems: [],
  };
  let root: Json = json;
  if (typeof json === 'string') {
    try {
      root = JSON.parse(json.replace(/^\uFEFF/, ''));
    } catch (e) {
      card.problems.push(`${file}: not valid JSON (${(e as Error).message})`);
      return card;
    }
  }
  if (!isObject(root)) {
    card.problems.push(
      `${file}: expected a JSON object, found ${typeName(root)}`,
    );
    return card;
  }
  const r = new Reader();
  const at = (path: string) => `${file} ${path}`;
  const schemaVersion = r.string(root, 'schema_version', 'schema_version');
  if (schemaVersion) card.fields.schemaVersion = schemaVersion;

  const details = r.object(root, 'model_details', 'model_details');
  const parameters = r.object(root, 'model_parameters', 'model_parameters');
  const quantitative = r.object(
    root,
    'quantitative_analysis',
    'quantitative_analysis',
  );
  const considerations = r.object(root, 'considerations', 'considerations');

  const name = r.string(details, 'name', 'model_details.name');
  if (name) card.fields.name = name;
  const licenses = r.list(details, 'licenses', 'model_details.licenses');
  licenses.forEach((license, i) => {
    if (!isObject(license)) {
      r.problems.push(
        `model_details.licenses[${i}]: expected an object, found ${typeName(
          license,
        )}`,
      );
      return;
    }
    const id =
      r.string(
        license,
        'identifier',
        `model_details.licenses[${i}].identifier`,
      ) ??
      (r.string(
        license,
        'custom_text',
        `model_details.licenses[${i}].custom_text`,
      )
        ? 'custom'
        : undefined);
    if (id && card.fields.license === undefined) card.fields.license = id;
  });

  if (r.string(details, 'overview', 'model_details.overview')) {
    document(card.areas, 'general-description', at('model_details.overview'));
  }
  for (const key of ['use_cases', 'users']) {
    if (
      r.described(considerations, key, `considerations.${key}`, ['description'])
    ) {
      document(card.areas, 'general-description', at(`considerations.${key}`));
    }
  }

  if (
    r.string(
      parameters,
      'model_architecture',
      'model_parameters.model_architecture',
    )
  ) {
    document(
      card.areas,
      'development',
      at('model_parameters.model_architecture'),
    );
  }

  if (
    r.described(considerations, 'limitations', 'considerations.limitations', [
      'description',
    ])
  ) {
    document(
      card.areas,
      'monitoring-control',
      at('considerations.limitations'),
    );
  }
  if (
    r.string(parameters, 'input_format', 'model_parameters.input_format') ||
    r.described(
      parameters,
      'input_format_map',
      'model_parameters.input_format_map',
      ['key', 'value'],
    )
  ) {
    document(
      card.areas,
      'monitoring-control',
      at('model_parameters.input_format'),
    );
  }

  let metrics = 0;
  r.list(
    quantitative,
    'performance_metrics',
    'quantitative_analysis.performance_metrics',
  ).forEach((metric, i) => {
    const path = `quantitative_analysis.performance_metrics[${i}]`;
    if (!isObject(metric)) {
      r.problems.push(`${path}: expected an object, found ${typeName(metric)}`);
      return;
    }
    const type = r.string(metric, 'type', `${path}.type`);
    const value = r.string(metric, 'value', `${path}.value`);
    if (type && value !== undefined) metrics += 1;
    else r.problems.push(`${path}: a metric needs a type and a value`);
  });
  card.fields.metrics = metrics;
  if (metrics) {
    document(
      card.areas,
      'performance-metrics',
      at('quantitative_analysis.performance_metrics'),
    );
  }

  for (const key of ['ethical_considerations', 'tradeoffs']) {
    if (
      r.described(considerations, key, `considerations.${key}`, [
        'name',
        'description',
        'mitigation_strategy',
      ])
    ) {
      document(card.areas, 'risk-management', at(`considerations.${key}`));
    }
  }

  const datasets = r.described(parameters, 'data', 'model_parameters.data', [
    'name',
    'link',
    'description',
  ]);
  card.fields.datasets = datasets;
  if (datasets) {
    document(card.areas, 'data-governance', at('model_parameters.data'));
  }

  const version = r.object(details, 'version', 'model_details.version');
  const versionName = r.string(version, 'name', 'model_details.version.name');
  const versionDate = r.string(version, 'date', 'model_details.version.date');
  const diff = r.string(version, 'diff', 'model_details.version.diff');
  if (versionName) card.fields.version = versionName;
  if (diff || (versionName && versionDate)) {
    document(card.areas, 'lifecycle-changes', at('model_details.version'));
  }

  card.problems.push(...r.problems.map(p => `${file} ${p}`));
  return card;
}

// --- Facts -----------------------------------------------------------------------------------

/**
 * The facts a model card gives the checks: `modelCard.present`, `modelCard.completeness`
 * (documented areas / 9), `modelCard.area.<areaId>`, `modelCard.license` and
 * `modelCard.datasets` (a count). Without a card every area is missing. With `problem` (the card
 * could not be fetched or read) every fact carries it, so the checks say what is wrong. The
 * card's own problems are carried by the facts they may have hidden: the areas it leaves
 * undocumented, its completeness, and its license and datasets when they are unset.
 */
export function modelCardFacts(
  card: ParsedModelCard | undefined,
  problem?: string,
): Facts {
  const source = card
    ? `model card (${
        card.format === 'huggingface'
          ? 'Hugging Face README.md'
          : 'Model Card Toolkit JSON'
      })`
    : 'model card';
  const facts: Facts = {};
  if (problem || !card) {
    const fact = (value: string | number | boolean | null) =>
      problem ? { value, source, problem } : { value, source };
    facts['modelCard.present'] = fact(false);
    facts['modelCard.completeness'] = fact(0);
    for (const area of EU_AI_ACT_DOCUMENTATION_AREAS) {
      facts[`modelCard.area.${area.id}`] = fact(false);
    }
    facts['modelCard.datasets'] = fact(0);
    if (problem) facts['modelCard.license'] = fact(null);
    return facts;
  }
  const cardProblem = card.problems.length
    ? `The model card has problems: ${card.problems.join('; ')}`
    : undefined;
  const withProblem = (value: string | number | boolean | null, ok: boolean) =>
    !ok && cardProblem
      ? { value, source, problem: cardProblem }
      : { value, source };

  const documented = EU_AI_ACT_DOCUMENTATION_AREAS.filter(
    a => card.areas[a.id]?.documented,
  ).length;
  const total = EU_AI_ACT_DOCUMENTATION_AREAS.length;
  facts['modelCard.present'] = { value: true, source };
  facts['modelCard.completeness'] = withProblem(
    documented / total,
    documented === total,
  );
  for (const area of EU_AI_ACT_DOCUMENTATION_AREAS) {
    const ok = Boolean(card.areas[area.id]?.documented);
    facts[`modelCard.area.${area.id}`] = withProblem(ok, ok);
  }
  const license = card.fields.license;
  facts['modelCard.license'] = withProblem(
    typeof license === 'string' && license ? license : null,
    typeof license === 'string' && license !== '',
  );
  const datasets = card.fields.datasets;
  const count = typeof datasets === 'number' ? datasets : 0;
  facts['modelCard.datasets'] = withProblem(count, count > 0);
  return facts;
}
