import { isMap, isScalar, LineCounter, Node, parseDocument } from 'yaml';
import { RISK_LEVELS } from '../entities/model';
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
    pattern: /\b(metrics?|accuracy|benchmarks?|test results|evaluation)\b/,
    areas: ['performance-metrics'],
    why: 'Annex IV 4 again: hand-written Hugging Face cards put their results under headings of their own, such as "Test set metrics 🧾", "Accuracy on XNLI", "Benchmark results" or "Evaluation on SQuAD"; a heading naming metrics, accuracy, a benchmark, test results or an evaluation holds measured performance.',
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
/** A code fence at the start of a line: never YAML (a backtick cannot start a YAML token). */
const COLUMN_0_FENCE = /^(`{3,}|~{3,})/;

/**
 * Where the front matter of a card is, by line index: it opens with a `---` line (after a BOM
 * and blank lines at most, as the Hub reads it) and closes at the next `---` (or `...`) line;
 * trailing spaces are tolerated. A `---` inside a fenced code block (a fence at the start of a
 * line, which YAML never has) does not close it. `close` is undefined when it never closes.
 */
function frontMatterBounds(
  lines: string[],
): { open: number; close?: number } | undefined {
  let open = 0;
  while (open < lines.length && /^\s*$/.test(lines[open])) open += 1;
  if (!/^---[ \t]*$/.test(lines[open] ?? '')) return undefined;
  let fence: string | undefined;
  for (let i = open + 1; i < lines.length; i++) {
    const fenceMatch = COLUMN_0_FENCE.exec(lines[i]);
    if (fenceMatch) {
      const marker = fenceMatch[1];
      if (!fence) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) {
        fence = undefined;
      }
    } else if (!fence && /^(---|\.\.\.)[ \t]*$/.test(lines[i])) {
      return { open, close: i };
    }
  }
  return { open };
}

/**
 * The Markdown of a card split into sections by its ATX headings (`#` to `######`); headings in
 * fenced code are text. The front matter (see {@link frontMatterBounds}) is skipped up to its
 * closing `---` (or `...`); it is not read here.
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
  const bounds = frontMatterBounds(lines);
  if (bounds) {
    const { open, close } = bounds;
    if (close === undefined) {
      problems.push(
        `line ${
          open + 1
        }: the front matter opened with --- is never closed; the whole file was read as front matter`,
      );
      start = lines.length;
      frontMatter = { text: lines.slice(open + 1).join('\n'), line: open + 2 };
    } else {
      frontMatter = {
        text: lines.slice(open + 1, close).join('\n'),
        line: open + 2,
      };
      start = close + 1;
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
): {
  areas: Areas;
  sections: ModelCardSection[];
  frontMatter?: { text: string; line: number };
  problems: string[];
} {
  const { sections, frontMatter, problems } = modelCardSections(markdown);
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
  return { areas, sections, frontMatter, problems };
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
 * A Model Card Toolkit card (JSON schema v0.0.2, as text or parsed) mapped onto the nine areas.
 * The license is the first of `model_details.licenses` (its identifier, or "custom"), or schema
 * 0.0.1's plain-string `model_details.license`. A metric's value may be a string or (as 0.0.1
 * allowed) a number.
 *
 * - general description: `model_details.overview`, or `considerations.use_cases` / `users`;
 * - development: `model_parameters.model_architecture`;
 * - monitoring, functioning and control: `considerations.limitations`, or the input format
 *   (`model_parameters.input_format` / `input_format_map`: the specifications of input data);
 * - performance metrics: `quantitative_analysis.performance_metrics` with a type and a value;
 * - risk management: `considerations.ethical_considerations` (risks and mitigation strategies)
 *   or `considerations.tradeoffs`;
 * - data governance: `model_parameters.data` (named or described datasets: a list, or in schema
 *   0.0.1 an object of a `train` and an `eval` dataset);
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
  // Schema 0.0.1: `license` is a plain string (0.0.2 replaced it by the `licenses` list).
  const license = r.string(details, 'license', 'model_details.license');
  if (license && card.fields.license === undefined) {
    card.fields.license = license;
  }

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
    // Schema 0.0.2 says a string, 0.0.1 allowed a number: a finite number is a value too.
    let value: string | undefined;
    if (typeof metric.value !== 'number') {
      value = r.string(metric, 'value', `${path}.value`);
    } else if (Number.isFinite(metric.value)) {
      value = String(metric.value);
    } else {
      r.problems.push(
        `${path}.value: expected a string or a finite number, found ${metric.value}`,
      );
    }
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

  const datasets = readDatasets(r, parameters);
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

const DATASET_KEYS = ['name', 'link', 'description'];
/** The splits of schema 0.0.1's `model_parameters.data` object. */
const DATA_SPLITS = ['train', 'eval'];

/**
 * The datasets of `model_parameters.data` with a name, link or description: a list of datasets
 * (schema 0.0.2), or an object of a `train` and an `eval` dataset (schema 0.0.1). An object with
 * neither split, or a split that is not an object, is a problem.
 */
function readDatasets(
  r: Reader,
  parameters: Record<string, Json> | undefined,
): number {
  const data = parameters?.data;
  if (!isObject(data) || !DATA_SPLITS.some(split => split in data)) {
    return r.described(
      parameters,
      'data',
      'model_parameters.data',
      DATASET_KEYS,
    );
  }
  let count = 0;
  for (const split of DATA_SPLITS) {
    const path = `model_parameters.data.${split}`;
    const dataset = r.object(data, split, path);
    if (
      dataset &&
      DATASET_KEYS.some(k => r.string(dataset, k, `${path}.${k}`))
    ) {
      count += 1;
    }
  }
  return count;
}

// --- Hugging Face README.md (front matter and Markdown) --------------------------------------

/** A front matter value as read, with the line of its key in the file. */
interface FrontMatterValue {
  value: Json;
  line: number;
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n} ${n === 1 ? one : many}`;

/**
 * A list of non-empty strings, or one string as a list of one; `undefined` when the value is
 * absent (null), or a problem naming what is not a string.
 */
function stringList(
  value: Json,
): { items: string[] } | { problem: string } | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    return { items: value.trim() ? [value.trim()] : [] };
  }
  if (!Array.isArray(value)) return { problem: `got ${typeName(value)}` };
  const items: string[] = [];
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    if (typeof item !== 'string') {
      return {
        problem: `got a list whose item ${i + 1} is ${typeName(item)}`,
      };
    }
    if (item.trim()) items.push(item.trim());
  }
  return { items };
}

/** A value in a problem: a string quoted, anything else by its type, nothing as none. */
const shown = (value: Json) => {
  if (value === undefined) return 'none';
  return typeof value === 'string' ? JSON.stringify(value) : typeName(value);
};

/** The metrics of `model-index`, as `name=value`, naming each malformed entry. */
function modelIndexMetrics(
  value: Json,
  problem: (path: string, message: string) => void,
): string[] {
  const metrics: string[] = [];
  if (!Array.isArray(value)) {
    problem(
      'model-index',
      `expected a list of models with their results, got ${typeName(value)}`,
    );
    return metrics;
  }
  value.forEach((model, m) => {
    const modelPath = `model-index[${m}]`;
    if (!isObject(model)) {
      problem(modelPath, `expected an object, got ${typeName(model)}`);
      return;
    }
    const results = model.results ?? [];
    if (!Array.isArray(results)) {
      problem(
        `${modelPath}.results`,
        `expected a list, got ${typeName(results)}`,
      );
      return;
    }
    results.forEach((result, r) => {
      const resultPath = `${modelPath}.results[${r}]`;
      if (!isObject(result)) {
        problem(resultPath, `expected an object, got ${typeName(result)}`);
        return;
      }
      const list = result.metrics ?? [];
      if (!Array.isArray(list)) {
        problem(
          `${resultPath}.metrics`,
          `expected a list, got ${typeName(list)}`,
        );
        return;
      }
      list.forEach((metric, i) => {
        const path = `${resultPath}.metrics[${i}]`;
        if (!isObject(metric)) {
          problem(path, `expected an object, got ${typeName(metric)}`);
          return;
        }
        const { type, name, value: metricValue } = metric;
        const valueOk =
          (typeof metricValue === 'number' && Number.isFinite(metricValue)) ||
          (typeof metricValue === 'string' && metricValue.trim() !== '');
        if (typeof type !== 'string' || !type.trim() || !valueOk) {
          problem(
            path,
            `a metric needs a type (a string) and a value (a number or a string), got type ${shown(
              type,
            )} and value ${shown(metricValue)}`,
          );
          return;
        }
        const label =
          typeof name === 'string' && name.trim() ? name.trim() : type.trim();
        metrics.push(`${label}=${String(metricValue).trim()}`);
      });
    });
  });
  return metrics;
}

/**
 * A Hugging Face model card (`README.md`): the YAML front matter (the metadata block the Hub
 * reads, see the Hub's model card metadata spec) and the Markdown sections below it.
 *
 * The front matter runs from a leading `---` line to the next `---` line (BOM, CRLF, blank lines
 * before it and trailing spaces tolerated; a `---` in a fenced code block of the body does not
 * close it) and is parsed with `yaml` (YAML 1.2, so `language: no` stays Norwegian). These keys
 * are read into `fields`, each named after its key:
 *
 * - `license`, `license_name`, `pipeline_tag`, `library_name`: strings;
 * - `language`, `base_model`: a string or a list, comma-joined;
 * - `tags`, `datasets`: counts (a single string counts as one);
 * - `model-index`: the number of metrics with a type and a value, and `metrics`, those metrics as
 *   `name=value; …` (the top-level `metrics` key, a list of metric ids, is not read);
 * - `extra_gated`: whether any `extra_gated_*` key (a gated model's access form) is present;
 * - our own `ai_act` block (`renderModelCard`): `ai_act.risk_class`, and `ai_act.areas`, the
 *   number of areas it says are documented.
 *
 * The areas are those the Markdown documents ({@link areasOfMarkdown}), and where the Markdown
 * leaves one missing, the front matter's evidence: `model-index` metrics document the
 * performance metrics, `datasets` the data governance, `base_model` or `library_name` the
 * development.
 *
 * Never throws. Each problem names the file and, where there is one, the line: no front matter,
 * an unclosed one, YAML errors (the metadata is then not read at all, as YAML that does not parse
 * cannot be trusted to mean what it says), a front matter that is not a mapping, and keys of the
 * wrong type (named, and skipped).
 */
export function parseHuggingFaceModelCard(
  markdown: string,
  file = 'README.md',
): ParsedModelCard {
  const card: ParsedModelCard = {
    format: 'huggingface',
    areas: noAreas(),
    fields: {},
    problems: [],
  };
  if (typeof markdown !== 'string') {
    card.problems.push(
      `${file}: expected the text of a model card, got ${typeName(markdown)}`,
    );
    return card;
  }
  try {
    readHuggingFaceCard(markdown, file, card);
  } catch (e) {
    // Not expected: every step below reports what it cannot read. Kept so that a card never
    // takes the compliance run down with it.
    card.problems.push(
      `${file}: could not be read (${(e as Error)?.message ?? String(e)})`,
    );
  }
  return card;
}

function readHuggingFaceCard(
  markdown: string,
  file: string,
  card: ParsedModelCard,
) {
  const md = areasOfMarkdown(markdown, file);
  card.areas = md.areas;
  card.problems.push(
    ...md.problems.map(p =>
      p.startsWith('line ') ? `${file} ${p}` : `${file}: ${p}`,
    ),
  );
  const { frontMatter } = md;
  if (!frontMatter) {
    card.problems.push(
      `${file}: no YAML front matter (the Hugging Face metadata block)`,
    );
    return;
  }
  const unclosed = md.problems.some(p =>
    /front matter .* never closed/.test(p),
  );
  if (unclosed) return;

  const lineCounter = new LineCounter();
  const doc = parseDocument(frontMatter.text, {
    lineCounter,
    prettyErrors: false,
  });
  const lineOf = (offset: number | undefined) =>
    frontMatter.line -
    1 +
    (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  const at = (line: number, message: string) =>
    card.problems.push(`${file} line ${line}: ${message}`);

  for (const error of doc.errors) at(lineOf(error.pos[0]), error.message);
  if (doc.errors.length) {
    card.problems.push(
      `${file}: the front matter is not valid YAML, so none of its metadata was read`,
    );
    return;
  }
  for (const warning of doc.warnings)
    at(lineOf(warning.pos[0]), warning.message);

  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) {
    at(frontMatter.line - 1, 'the front matter is empty');
    return;
  }
  if (!isMap(root)) {
    let what = 'not a mapping';
    try {
      what = typeName(doc.toJS() as Json);
    } catch {
      // An alias to nothing: say only what it is not.
    }
    at(
      lineOf(root.range?.[0]),
      `the front matter is ${what}, not a mapping of keys to values`,
    );
    return;
  }

  const values = new Map<string, FrontMatterValue>();
  for (const pair of root.items) {
    const keyNode = pair.key as Node | null;
    const line = lineOf(keyNode?.range?.[0]);
    if (
      !isScalar(keyNode) ||
      keyNode.value === null ||
      typeof keyNode.value === 'object'
    ) {
      const source = keyNode?.range
        ? frontMatter.text.slice(keyNode.range[0], keyNode.range[1]).trim()
        : '';
      at(line, `a key that is not a name (${source || 'empty'}), skipped`);
      continue;
    }
    const key = String(keyNode.value);
    try {
      const valueNode = pair.value as Node | null;
      values.set(key, {
        value: valueNode ? (valueNode.toJS(doc) as Json) : null,
        line,
      });
    } catch (e) {
      at(line, `${key}: could not be read (${(e as Error).message}), skipped`);
    }
  }
  const wrong = (key: string, expected: string, got: string) =>
    at(values.get(key)!.line, `${key}: expected ${expected}, ${got}`);

  const string = (key: string) => {
    const entry = values.get(key);
    if (!entry || entry.value === null) return;
    if (typeof entry.value === 'string') {
      if (entry.value.trim()) card.fields[key] = entry.value.trim();
      return;
    }
    wrong(key, 'a string', `got ${typeName(entry.value)}`);
  };
  const list = (key: string, expected: string) => {
    const entry = values.get(key);
    if (!entry) return undefined;
    const read = stringList(entry.value);
    if (read && 'problem' in read) {
      wrong(key, expected, read.problem);
      return undefined;
    }
    return read?.items;
  };

  string('license');
  string('license_name');
  string('pipeline_tag');
  string('library_name');
  const language = list('language', 'a language code or a list of them');
  if (language?.length) card.fields.language = language.join(', ');
  const baseModel = list('base_model', 'a model id or a list of them');
  if (baseModel?.length) card.fields.base_model = baseModel.join(', ');
  card.fields.tags = list('tags', 'a list of tags')?.length ?? 0;
  card.fields.datasets = list('datasets', 'a list of dataset ids')?.length ?? 0;

  let metrics: string[] = [];
  const modelIndex = values.get('model-index');
  if (modelIndex && modelIndex.value !== null) {
    metrics = modelIndexMetrics(modelIndex.value, (path, message) =>
      at(modelIndex.line, `${path}: ${message}`),
    );
  }
  card.fields['model-index'] = metrics.length;
  if (metrics.length) card.fields.metrics = metrics.join('; ');

  card.fields.extra_gated = [...values.keys()].some(k =>
    k.startsWith('extra_gated'),
  );

  const aiAct = values.get('ai_act');
  if (aiAct && aiAct.value !== null) {
    readAiAct(
      aiAct.value,
      (path, message) => at(aiAct.line, `${path}: ${message}`),
      card,
    );
  }

  const evidence = (key: string, what = '') =>
    `${file} front matter ${key}${what} (line ${values.get(key)!.line})`;
  if (metrics.length) {
    document(
      card.areas,
      'performance-metrics',
      evidence('model-index', `, ${plural(metrics.length, 'metric')}`),
    );
  }
  if (card.fields.datasets) {
    document(card.areas, 'data-governance', evidence('datasets'));
  }
  for (const key of ['base_model', 'library_name']) {
    if (card.fields[key]) document(card.areas, 'development', evidence(key));
  }
}

const AREA_IDS = new Set<string>(EU_AI_ACT_DOCUMENTATION_AREAS.map(a => a.id));

/** Our own `ai_act` block: the risk class, and how many areas it says are documented. */
function readAiAct(
  value: Json,
  problem: (path: string, message: string) => void,
  card: ParsedModelCard,
) {
  if (!isObject(value)) {
    problem('ai_act', `expected an object, got ${typeName(value)}`);
    return;
  }
  const risk = value.risk_class;
  if (
    typeof risk === 'string' &&
    (RISK_LEVELS as readonly string[]).includes(risk)
  ) {
    card.fields['ai_act.risk_class'] = risk;
  } else if (risk !== undefined && risk !== null) {
    problem(
      'ai_act.risk_class',
      `expected one of ${RISK_LEVELS.join(', ')}, got ${shown(risk)}`,
    );
  }
  const areas = value.areas;
  if (areas === undefined || areas === null) return;
  if (!isObject(areas)) {
    problem('ai_act.areas', `expected an object, got ${typeName(areas)}`);
    return;
  }
  let documented = 0;
  for (const [id, area] of Object.entries(areas)) {
    const path = `ai_act.areas.${id}`;
    if (!AREA_IDS.has(id)) {
      problem(path, 'not one of the nine areas');
      continue;
    }
    const status = isObject(area) ? area.status : undefined;
    if (status === 'documented') documented += 1;
    else if (status !== 'missing') {
      problem(path, 'expected a status of documented or missing');
    }
  }
  card.fields['ai_act.areas'] = documented;
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
