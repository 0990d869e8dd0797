import { readFileSync } from 'fs';
import { join } from 'path';
import {
  DocumentationAreaId,
  EU_AI_ACT_DOCUMENTATION_AREAS,
} from '../modelRegistry/euAiAct';
import { renderModelCard } from '../modelRegistry/modelCard';
import { modelRegistryEntryInputSchema } from '../modelRegistry/schemas';
import { DEFAULT_COMPLIANCE_CHECKS } from './defaultChecks';
import { evaluateEntity } from './engine';
import {
  areasOfHeading,
  areasOfMarkdown,
  hasContent,
  modelCardFacts,
  modelCardSections,
  parseHuggingFaceModelCard,
  parseModelCardToolkit,
} from './modelCards';
import { ParsedModelCard } from './types';

// Markdown fixtures end in .txt so that Prettier keeps them byte for byte, as published.
const fixture = (name: string) =>
  readFileSync(join(__dirname, '__fixtures__', name), 'utf8');

const documented = (areas: ParsedModelCard['areas']) =>
  EU_AI_ACT_DOCUMENTATION_AREAS.map(a => a.id).filter(
    id => areas[id].documented,
  );

const ALL = EU_AI_ACT_DOCUMENTATION_AREAS.map(a => a.id);

describe('headings and placeholders', () => {
  it('maps the HF template headings and our own area titles onto the areas', () => {
    const cases: [string, DocumentationAreaId[]][] = [
      ['Model Details', ['general-description']],
      ['Direct Use', ['general-description']],
      ['Downstream Use [optional]', ['general-description']],
      ['Out-of-Scope Use', ['monitoring-control', 'risk-management']],
      [
        'Bias, Risks, and Limitations',
        ['monitoring-control', 'risk-management'],
      ],
      ['Recommendations', ['risk-management']],
      ['Training Data', ['data-governance']],
      ['Training Procedure', ['development']],
      ['Speeds, Sizes, Times [optional]', ['development']],
      ['Evaluation', ['performance-metrics']],
      [
        'Testing Data, Factors & Metrics',
        ['performance-metrics', 'data-governance'],
      ],
      ['Environmental Impact', ['development']],
      ['Model Examination [optional]', ['monitoring-control']],
      ['Human oversight', ['human-oversight']],
      ['Changelog', ['lifecycle-changes']],
      ['Monitoring, functioning and control', ['monitoring-control']],
      ['Post-market monitoring', ['post-market-monitoring']],
      ['Model Card Contact', []],
      ['How to Get Started with the Model', []],
      ['Test set metrics 🧾', ['performance-metrics']],
      ['Accuracy on XNLI', ['performance-metrics']],
      ['Benchmark results', ['performance-metrics']],
      ['Test results', ['performance-metrics']],
      ['Evaluation on SQuAD 2.0', ['performance-metrics']],
      ['Evaluation data', ['performance-metrics', 'data-governance']],
      ['Metric', ['performance-metrics']],
      ['Citation [optional]', []],
    ];
    for (const [heading, areas] of cases) {
      expect([heading, areasOfHeading(heading).sort()]).toEqual([
        heading,
        [...areas].sort(),
      ]);
    }
    for (const area of EU_AI_ACT_DOCUMENTATION_AREAS) {
      expect(areasOfHeading(area.title)).toEqual([area.id]);
    }
  });

  it('treats template placeholders as missing', () => {
    expect(
      hasContent(
        '\n{{ direct_use | default("[More Information Needed]", true)}}\n',
      ),
    ).toBe(false);
    expect(
      hasContent('<!-- Provide a summary. -->\n\n[More Information Needed]\n'),
    ).toBe(false);
    expect(
      hasContent(
        '- **Developed by:** [More Information Needed]\n- **License:**',
      ),
    ).toBe(false);
    expect(hasContent('**Missing:** who oversees the system.')).toBe(false);
    expect(hasContent('Classifies support tickets by team.')).toBe(true);
    expect(hasContent('| Task | F1 |\n| --- | --- |\n| NER | 0.91 |')).toBe(
      true,
    );
  });
});

describe('areasOfMarkdown on published-style cards', () => {
  it('finds nothing documented in the bare Hugging Face template', () => {
    const { areas, sections } = areasOfMarkdown(
      fixture('hf_modelcard_template.md.txt'),
    );
    expect(documented(areas)).toEqual([]);
    expect(sections.map(s => s.heading)).toContain(
      'Bias, Risks, and Limitations',
    );
    expect(sections.find(s => s.heading === 'Model Card Contact')!.line).toBe(
      198,
    );
  });

  it('reads a bert-base-uncased-style card, ignoring headings and --- in code', () => {
    const markdown = fixture('bert-base-uncased.md.txt');
    const { areas, sections, problems } = areasOfMarkdown(markdown);
    expect(problems).toEqual([]);
    expect(sections.map(s => s.heading)).not.toContain(
      'Not a heading: a comment inside the code block',
    );
    expect(documented(areas)).toEqual([
      'general-description',
      'development',
      'monitoring-control',
      'performance-metrics',
      'risk-management',
      'data-governance',
    ]);
    expect(areas['general-description'].evidence).toBe(
      'README.md § Model description (line 19)',
    );
  });

  it('reads a distilbert SST-2-style card with CRLF line endings the same as with LF', () => {
    const markdown = fixture('distilbert-sst2.md.txt');
    const lf = areasOfMarkdown(markdown);
    const crlf = areasOfMarkdown(markdown.replace(/\r?\n/g, '\r\n'));
    expect(crlf.areas).toEqual(lf.areas);
    expect(documented(lf.areas)).toEqual([
      'general-description',
      'development',
      'monitoring-control',
      'risk-management',
      'data-governance',
    ]);
    // "Uses" only holds sub-sections: its own text is empty, its Direct Application documents.
    expect(lf.areas['general-description'].evidence).toMatch(/Model Details/);
  });

  it('reads a Llama-style gated card', () => {
    const { areas, problems } = areasOfMarkdown(fixture('llama-style.md.txt'));
    expect(problems).toEqual([]);
    expect(documented(areas)).toEqual(
      ALL.filter(id => id !== 'human-oversight'),
    );
    expect(
      modelCardSections(fixture('llama-style.md.txt')).frontMatter!.text,
    ).toMatch(/^extra_gated_heading:/);
  });

  it('reads our own rendered cards: documented areas only, Missing notes are missing', () => {
    const entry = modelRegistryEntryInputSchema.parse({
      name: 'fraud-scorer',
      teamRef: 'group:default/risk',
      task: 'tabular-classification',
      riskClass: 'high',
      intendedPurpose: 'Scores card payments for fraud',
      trainingData: ['resource:default/card-payments'],
      evaluationMetrics: [
        { name: 'AUC', value: 0.94, dataset: 'holdout', rationale: 'Ranking' },
      ],
      humanOversightContact: 'user:default/ana.lopez',
    });
    const { areas } = areasOfMarkdown(renderModelCard(entry));
    expect(documented(areas)).toEqual([
      'general-description',
      'performance-metrics',
      'data-governance',
      'human-oversight',
    ]);
    const bare = areasOfMarkdown(
      renderModelCard({
        ...entry,
        trainingData: [],
        evaluationMetrics: [],
        humanOversightContact: '',
        riskClass: 'minimal',
      }),
    );
    expect(documented(bare.areas)).toEqual(['general-description']);
  });

  it('reports an unclosed front matter or code block instead of crashing', () => {
    const broken = areasOfMarkdown(fixture('broken-front-matter.md.txt'));
    expect(broken.problems).toEqual([
      'a code block opened with ``` is never closed; the rest of the card was read as code',
    ]);
    // The unclosed block is read as the Evaluation section's text.
    expect(documented(broken.areas)).toEqual([
      'general-description',
      'performance-metrics',
    ]);
    const unclosed = areasOfMarkdown(
      '---\nlicense: mit\n# Title\n## Uses\nText here.',
    );
    expect(unclosed.problems).toEqual([
      'line 1: the front matter opened with --- is never closed; the whole file was read as front matter',
    ]);
    expect(documented(unclosed.areas)).toEqual([]);
    for (const odd of [
      '',
      '---',
      '---\n---',
      '\uFEFF# T\n## Uses\nSome words',
    ]) {
      expect(() => areasOfMarkdown(odd)).not.toThrow();
    }
    expect(
      documented(areasOfMarkdown('---\n---\n## Uses\nSome words').areas),
    ).toEqual(['general-description']);
  });
});

describe('parseModelCardToolkit', () => {
  it('maps a complete card (census income example) onto seven areas', () => {
    const card = parseModelCardToolkit(fixture('mct-census-income.json'));
    expect(card.problems).toEqual([]);
    expect(card.format).toBe('model-card-toolkit');
    expect(documented(card.areas)).toEqual(
      ALL.filter(
        id => id !== 'human-oversight' && id !== 'post-market-monitoring',
      ),
    );
    expect(card.fields).toEqual({
      schemaVersion: '0.0.2',
      name: 'Census Income Classifier',
      license: 'Apache-2.0',
      metrics: 3,
      datasets: 2,
      version: '0.1',
    });
    expect(card.areas['risk-management'].evidence).toBe(
      'model_card.json considerations.ethical_considerations',
    );
  });

  it('accepts an already parsed object, and a scaffolded card documents only its overview', () => {
    const card = parseModelCardToolkit(JSON.parse(fixture('mct-partial.json')));
    expect(card.problems).toEqual([]);
    expect(documented(card.areas)).toEqual(['general-description']);
    expect(card.fields).toMatchObject({ datasets: 0, metrics: 0 });
  });

  it('names every field of the wrong type and keeps what it could read', () => {
    const card = parseModelCardToolkit(
      fixture('mct-wrong-types.json'),
      'cards/fraud.json',
    );
    expect(card.problems).toEqual([
      'cards/fraud.json schema_version: expected a string, found a number (read as "2")',
      'cards/fraud.json considerations: expected an object, found a list',
      'cards/fraud.json model_details.licenses: expected a list, found a string',
      'cards/fraud.json model_details.overview: expected a string, found a list',
      'cards/fraud.json quantitative_analysis.performance_metrics[1]: expected an object, found a string',
      'cards/fraud.json quantitative_analysis.performance_metrics[2]: a metric needs a type and a value',
      'cards/fraud.json model_parameters.data: expected a list, found an object',
      'cards/fraud.json model_details.version: expected an object, found a string',
    ]);
    expect(documented(card.areas)).toEqual([
      'development',
      'performance-metrics',
    ]);
  });

  it('reads schema 0.0.1: a license string, {train, eval} data and numeric metric values', () => {
    const card = parseModelCardToolkit({
      schema_version: '0.0.1',
      model_details: { license: 'Apache 2.0' },
      model_parameters: {
        data: {
          train: { name: 'train_split', link: 'path/to/train' },
          eval: { description: 'a held-out month' },
        },
      },
      quantitative_analysis: {
        performance_metrics: [
          { type: 'log_loss', value: 0.2 },
          { type: 'auc', value: 0 },
        ],
      },
    });
    expect(card.problems).toEqual([]);
    expect(card.fields).toMatchObject({
      license: 'Apache 2.0',
      datasets: 2,
      metrics: 2,
    });
    expect(card.areas['data-governance']).toEqual({
      documented: true,
      evidence: 'model_card.json model_parameters.data',
    });
    // 0.0.2's licenses list comes first when a card has both.
    expect(
      parseModelCardToolkit({
        model_details: {
          licenses: [{ identifier: 'MIT' }],
          license: 'Apache 2.0',
        },
      }).fields.license,
    ).toBe('MIT');
  });

  it('still names 0.0.1-style fields of genuinely wrong types', () => {
    const card = parseModelCardToolkit({
      model_details: { license: { identifier: 'MIT' } },
      model_parameters: { data: { train: 'train.csv', eval: { size: 3 } } },
      quantitative_analysis: {
        performance_metrics: [
          { type: 'auc', value: true },
          { type: 'f1', value: { mean: 0.8 } },
          { type: 'recall', value: Number.NaN },
        ],
      },
    });
    expect(card.problems).toEqual([
      'model_card.json model_details.license: expected a string, found an object',
      'model_card.json quantitative_analysis.performance_metrics[0].value: expected a string, found a boolean (read as "true")',
      'model_card.json quantitative_analysis.performance_metrics[1].value: expected a string, found an object',
      'model_card.json quantitative_analysis.performance_metrics[1]: a metric needs a type and a value',
      'model_card.json quantitative_analysis.performance_metrics[2].value: expected a string or a finite number, found NaN',
      'model_card.json quantitative_analysis.performance_metrics[2]: a metric needs a type and a value',
      'model_card.json model_parameters.data.train: expected an object, found a string',
    ]);
    expect(card.fields).toMatchObject({ datasets: 0, metrics: 1 });
    expect(card.fields.license).toBeUndefined();
    expect(card.areas['data-governance'].documented).toBe(false);
  });

  it('reports JSON that is not JSON or not an object', () => {
    expect(parseModelCardToolkit('{"model_details": {').problems[0]).toMatch(
      /^model_card\.json: not valid JSON \(/,
    );
    expect(parseModelCardToolkit('[1, 2]').problems).toEqual([
      'model_card.json: expected a JSON object, found a list',
    ]);
    expect(parseModelCardToolkit('null').problems).toEqual([
      'model_card.json: expected a JSON object, found null',
    ]);
    expect(parseModelCardToolkit(42).problems).toEqual([
      'model_card.json: expected a JSON object, found a number',
    ]);
    expect(documented(parseModelCardToolkit('"text"').areas)).toEqual([]);
  });
});

describe('parseHuggingFaceModelCard', () => {
  it('reads a bert-base-uncased-style card: language, license, tags, datasets', () => {
    const card = parseHuggingFaceModelCard(fixture('bert-base-uncased.md.txt'));
    expect(card.format).toBe('huggingface');
    expect(card.problems).toEqual([]);
    expect(card.fields).toEqual({
      license: 'apache-2.0',
      language: 'en',
      tags: 1,
      datasets: 2,
      'model-index': 0,
      extra_gated: false,
    });
    // The Markdown documents data governance already; its section stays the evidence.
    expect(card.areas['data-governance'].evidence).toBe(
      'README.md § Training data (line 53)',
    );
    expect(documented(card.areas)).toEqual(
      documented(areasOfMarkdown(fixture('bert-base-uncased.md.txt')).areas),
    );
  });

  it('reads model-index metrics of a distilbert SST-2-style card, with LF or CRLF', () => {
    const markdown = fixture('distilbert-sst2.md.txt');
    const card = parseHuggingFaceModelCard(markdown);
    expect(card.problems).toEqual([]);
    expect(card.fields).toEqual({
      license: 'apache-2.0',
      language: 'en',
      tags: 0,
      datasets: 2,
      'model-index': 2,
      metrics: 'Accuracy=0.9105504587155964; F1=0.9148936170212766',
      extra_gated: false,
    });
    // The card has no Evaluation section: model-index documents the performance metrics.
    expect(
      areasOfMarkdown(markdown).areas['performance-metrics'].documented,
    ).toBe(false);
    expect(card.areas['performance-metrics']).toEqual({
      documented: true,
      evidence: 'README.md front matter model-index, 2 metrics (line 7)',
    });
    expect(
      parseHuggingFaceModelCard(markdown.replace(/\r?\n/g, '\r\n')),
    ).toEqual(card);
  });

  it('reads a Llama-style gated card: extra_gated, pipeline_tag, no datasets', () => {
    const card = parseHuggingFaceModelCard(
      fixture('llama-style.md.txt'),
      'meta-llama/README.md',
    );
    expect(card.problems).toEqual([]);
    expect(card.fields).toEqual({
      license: 'llama2',
      language: 'en',
      pipeline_tag: 'text-generation',
      tags: 5,
      datasets: 0,
      'model-index': 0,
      extra_gated: true,
    });
    expect(documented(card.areas)).toEqual(
      ALL.filter(id => id !== 'human-oversight'),
    );
    expect(card.areas['lifecycle-changes'].evidence).toBe(
      'meta-llama/README.md § Model Dates (line 46)',
    );
  });

  it('reads a generated LoRA/merge card with BOM, CRLF, trailing spaces and --- in a code block', () => {
    const card = parseHuggingFaceModelCard(fixture('lora-merge-crlf.md.txt'));
    expect(card.problems).toEqual([]);
    expect(card.fields).toEqual({
      license: 'apache-2.0',
      // YAML 1.2: "no" (Norwegian) stays a string, quoted or not.
      language: 'en, no, nb',
      library_name: 'peft',
      pipeline_tag: 'text-classification',
      base_model: 'example-org/base-7b, example-org/instruct-7b',
      tags: 3,
      // One dataset id as a string, not a list.
      datasets: 1,
      'model-index': 3,
      metrics: 'Test accuracy=0.912; f1=0.887; accuracy=0.871',
      extra_gated: false,
    });
    expect(card.areas).toMatchObject({
      development: {
        documented: true,
        // Training procedure only holds sub-sections.
        evidence: 'README.md § Training hyperparameters (line 52)',
      },
      'data-governance': {
        documented: true,
        evidence: 'README.md front matter datasets (line 16)',
      },
      'performance-metrics': {
        documented: true,
        evidence: 'README.md front matter model-index, 3 metrics (line 19)',
      },
    });
    expect(
      parseHuggingFaceModelCard(
        fixture('lora-merge-crlf.md.txt').replace(/\r\n/g, '\n'),
      ),
    ).toEqual(card);
  });

  it('base_model or library_name alone documents development', () => {
    const card = parseHuggingFaceModelCard(
      '---\nbase_model: org/base\n---\n# Card\n',
    );
    expect(card.areas.development).toEqual({
      documented: true,
      evidence: 'README.md front matter base_model (line 2)',
    });
    expect(
      parseHuggingFaceModelCard('---\nlibrary_name: sklearn\n---\n').areas
        .development.evidence,
    ).toBe('README.md front matter library_name (line 2)');
  });

  it('finds nothing documented in the bare HF template, and says its card_data placeholder is no key', () => {
    const card = parseHuggingFaceModelCard(
      fixture('hf_modelcard_template.md.txt'),
    );
    expect(documented(card.areas)).toEqual([]);
    expect(card.problems).toEqual([
      'README.md line 4: a key that is not a name ({ card_data }), skipped',
    ]);
  });

  it('reports the unfilled HF metadata spec as invalid YAML, naming the line', () => {
    const card = parseHuggingFaceModelCard(
      fixture('hf-metadata-spec.md.txt'),
      'spec.md',
    );
    expect(card.problems).toEqual([
      'spec.md line 39: Map comment with trailing content',
      'spec.md: the front matter is not valid YAML, so none of its metadata was read',
    ]);
    expect(card.fields).toEqual({});
  });

  it('reports invalid YAML with its lines and reads none of it, never crashing', () => {
    const card = parseHuggingFaceModelCard(
      fixture('broken-front-matter.md.txt'),
    );
    expect(card.problems).toEqual([
      'README.md: a code block opened with ``` is never closed; the rest of the card was read as code',
      'README.md line 4: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'README.md line 6: Tabs are not allowed as indentation',
      'README.md: the front matter is not valid YAML, so none of its metadata was read',
    ]);
    expect(card.fields).toEqual({});
    // The Markdown is still read.
    expect(documented(card.areas)).toEqual([
      'general-description',
      'performance-metrics',
    ]);
    expect(
      parseHuggingFaceModelCard('---\nlicense: mit\nlicense: apache-2.0\n---\n')
        .problems[0],
    ).toBe('README.md line 3: Map keys must be unique');
  });

  it('names every key of the wrong type and skips it', () => {
    const card = parseHuggingFaceModelCard(
      fixture('wrong-types.md.txt'),
      'cards/fraud/README.md',
    );
    expect(card.problems).toEqual([
      'cards/fraud/README.md line 2: license: expected a string, got a list',
      'cards/fraud/README.md line 6: library_name: expected a string, got a number',
      'cards/fraud/README.md line 4: language: expected a language code or a list of them, got a list whose item 2 is a number',
      'cards/fraud/README.md line 7: base_model: expected a model id or a list of them, got an object',
      'cards/fraud/README.md line 9: datasets: expected a list of dataset ids, got a number',
      'cards/fraud/README.md line 10: model-index[0].results[0].metrics[1]: a metric needs a type (a string) and a value (a number or a string), got type "recall" and value none',
      'cards/fraud/README.md line 10: model-index[0].results[0].metrics[2]: expected an object, got a string',
      'cards/fraud/README.md line 10: model-index[0].results[1]: expected an object, got a string',
      'cards/fraud/README.md line 22: ai_act.risk_class: expected one of minimal, limited, high, unacceptable, got "severe"',
      'cards/fraud/README.md line 22: ai_act.areas.human-oversight: expected a status of documented or missing',
      'cards/fraud/README.md line 22: ai_act.areas.marketing: not one of the nine areas',
    ]);
    expect(card.fields).toEqual({
      pipeline_tag: 'text-classification',
      tags: 1,
      datasets: 0,
      'model-index': 1,
      metrics: 'auc=0.94',
      extra_gated: true,
      'ai_act.areas': 1,
    });
    expect(documented(card.areas)).toEqual([
      'general-description',
      'performance-metrics',
    ]);
  });

  it('reports a card without front matter, an unclosed one and one that is not a mapping', () => {
    const none = parseHuggingFaceModelCard(
      '# Model\n\n## Uses\n\nRoutes tickets.\n',
    );
    expect(none.problems).toEqual([
      'README.md: no YAML front matter (the Hugging Face metadata block)',
    ]);
    expect(none.fields).toEqual({});
    expect(documented(none.areas)).toEqual(['general-description']);

    // The --- in the code block does not close the front matter.
    const unclosed = parseHuggingFaceModelCard(
      '---\nlicense: mit\n\n# Model\n\n```yaml\n---\n```\n\n## Uses\n\nRoutes tickets.\n',
    );
    expect(unclosed.problems).toEqual([
      'README.md line 1: the front matter opened with --- is never closed; the whole file was read as front matter',
    ]);
    expect(unclosed.fields).toEqual({});

    expect(
      parseHuggingFaceModelCard('---\n- license: mit\n---\n').problems,
    ).toEqual([
      'README.md line 2: the front matter is a list, not a mapping of keys to values',
    ]);
    expect(parseHuggingFaceModelCard('---\njust text\n---\n').problems).toEqual(
      [
        'README.md line 2: the front matter is a string, not a mapping of keys to values',
      ],
    );
    // Blank lines before the front matter, as the Hub allows; unknown tags are warned about.
    expect(
      parseHuggingFaceModelCard('\n\n---\nlicense: mit\nx: !foo bar\n---\n'),
    ).toMatchObject({
      fields: { license: 'mit' },
      problems: ['README.md line 5: Unresolved tag: !foo'],
    });
    expect(parseHuggingFaceModelCard('---\n---\n').problems).toEqual([
      'README.md line 1: the front matter is empty',
    ]);
    expect(
      parseHuggingFaceModelCard('---\na: &a [1]\nb: *zz\nlicense: mit\n---\n'),
    ).toMatchObject({ fields: { license: 'mit' } });
    for (const odd of [
      '',
      '---',
      '\uFEFF',
      '---\n: x\n---',
      '---\n? [a, b]\n: c\n---',
      '---\n"\n---',
      '---\nlicense: !!binary x\n---',
      '---\n*a\n---',
      undefined as unknown as string,
    ]) {
      const card = parseHuggingFaceModelCard(odd);
      expect(card.format).toBe('huggingface');
      expect(card.problems.length).toBeGreaterThan(0);
    }
  });

  it('round-trips our own rendered cards: documented areas as documented, Missing ones as missing', () => {
    const entry = modelRegistryEntryInputSchema.parse({
      name: 'fraud-scorer',
      teamRef: 'group:default/risk',
      task: 'tabular-classification',
      riskClass: 'high',
      intendedPurpose: 'Scores card payments for fraud',
      trainingData: ['resource:default/card-payments'],
      evaluationMetrics: [
        { name: 'AUC', value: 0.94, dataset: 'holdout', rationale: 'Ranking' },
      ],
      humanOversightContact: 'user:default/ana.lopez',
    });
    const variants = [
      { ...entry, license: 'apache-2.0' },
      {
        ...entry,
        trainingData: [],
        evaluationMetrics: [],
        humanOversightContact: '',
        riskClass: 'minimal' as const,
      },
      { ...entry, intendedPurpose: ' ', trainingData: [] },
    ];
    for (const variant of variants) {
      const markdown = renderModelCard(variant);
      const card = parseHuggingFaceModelCard(markdown);
      expect(card.problems).toEqual([]);
      // The card's own ai_act block says which areas it documents.
      const statuses = ALL.filter(id =>
        new RegExp(`^    ${id}:\\n      status: "documented"$`, 'm').test(
          markdown,
        ),
      );
      expect(documented(card.areas)).toEqual(statuses);
      expect(card.fields['ai_act.areas']).toBe(statuses.length);
      expect(card.fields['ai_act.risk_class']).toBe(variant.riskClass);
    }
    // Known divergence, pinned: a metric without evaluation data gets a **Missing:** note and
    // stays out of model-index, so the card reads performance metrics as missing, while the
    // renderer's own ai_act block calls the area documented.
    const noData = renderModelCard({
      ...entry,
      evaluationMetrics: [{ name: 'AUC', value: 0.94 }],
    });
    expect(noData).toMatch(
      /^ {4}performance-metrics:\n {6}status: "documented"$/m,
    );
    expect(
      parseHuggingFaceModelCard(noData).areas['performance-metrics'].documented,
    ).toBe(false);
    const full = parseHuggingFaceModelCard(renderModelCard(variants[0]));
    expect(full.fields).toEqual({
      license: 'apache-2.0',
      pipeline_tag: 'tabular-classification',
      tags: 2,
      datasets: 1,
      'model-index': 1,
      metrics: 'AUC=0.94',
      extra_gated: false,
      'ai_act.risk_class': 'high',
      'ai_act.areas': 4,
    });
    expect(documented(full.areas)).toEqual([
      'general-description',
      'performance-metrics',
      'data-governance',
      'human-oversight',
    ]);
  });
});

describe('modelCardFacts', () => {
  const model = { kind: 'Resource', type: 'ai-model' };
  const now = new Date('2026-11-29T12:00:00Z');

  it('gives presence, completeness, each area, the license and the dataset count', () => {
    const facts = modelCardFacts(
      parseModelCardToolkit(fixture('mct-census-income.json')),
    );
    expect(facts['modelCard.present']).toEqual({
      value: true,
      source: 'model card (Model Card Toolkit JSON)',
    });
    expect(facts['modelCard.completeness'].value).toBeCloseTo(7 / 9);
    expect(facts['modelCard.area.human-oversight'].value).toBe(false);
    expect(facts['modelCard.area.development'].value).toBe(true);
    expect(facts['modelCard.license'].value).toBe('Apache-2.0');
    expect(facts['modelCard.datasets'].value).toBe(2);
    expect(Object.values(facts).some(f => f.problem)).toBe(false);
  });

  it('reads a parsed Hugging Face card: license, datasets, completeness as a number', () => {
    const facts = modelCardFacts(
      parseHuggingFaceModelCard(fixture('distilbert-sst2.md.txt')),
    );
    expect(facts['modelCard.present']).toEqual({
      value: true,
      source: 'model card (Hugging Face README.md)',
    });
    expect(facts['modelCard.license'].value).toBe('apache-2.0');
    expect(facts['modelCard.datasets'].value).toBe(2);
    expect(typeof facts['modelCard.completeness'].value).toBe('number');
    expect(facts['modelCard.completeness'].value).toBeCloseTo(6 / 9);
    expect(facts['modelCard.area.performance-metrics'].value).toBe(true);
    expect(Object.values(facts).some(f => f.problem)).toBe(false);

    const results = evaluateEntity(
      DEFAULT_COMPLIANCE_CHECKS,
      model,
      modelCardFacts(parseHuggingFaceModelCard(fixture('wrong-types.md.txt'))),
      [],
      now,
    );
    const data = results.find(
      r => r.checkId === 'eu-ai-act.area.data-governance',
    )!;
    expect(data.status).toBe('error');
    expect(data.message).toContain(
      'README.md line 9: datasets: expected a list of dataset ids, got a number',
    );
  });

  it('without a card, every area is missing and the checks fail', () => {
    const facts = modelCardFacts(undefined);
    expect(facts['modelCard.present'].value).toBe(false);
    expect(facts['modelCard.completeness'].value).toBe(0);
    const results = evaluateEntity(
      DEFAULT_COMPLIANCE_CHECKS,
      model,
      facts,
      [],
      now,
    );
    expect(results.find(r => r.checkId === 'model-card.present')).toMatchObject(
      {
        status: 'fail',
        message: 'modelCard.present is false, not true',
      },
    );
  });

  it('a card that could not be read makes every card check an error saying why', () => {
    const problem = 'README.md could not be fetched: 404 Not Found';
    const results = evaluateEntity(
      DEFAULT_COMPLIANCE_CHECKS,
      model,
      modelCardFacts(undefined, problem),
      [],
      now,
    ).filter(
      r =>
        r.checkId.startsWith('model-card') ||
        r.checkId.startsWith('eu-ai-act.area'),
    );
    expect(results).toHaveLength(12);
    for (const r of results)
      expect(r).toMatchObject({ status: 'error', message: problem });
  });

  it('a malformed card yields checks that say what is wrong, never a crash', () => {
    const facts = modelCardFacts(
      parseModelCardToolkit(fixture('mct-wrong-types.json')),
    );
    const results = evaluateEntity(
      DEFAULT_COMPLIANCE_CHECKS,
      model,
      facts,
      [],
      now,
    );
    const overview = results.find(
      r => r.checkId === 'eu-ai-act.area.general-description',
    )!;
    expect(overview.status).toBe('error');
    expect(overview.message).toContain(
      'model_card.json model_details.overview: expected a string, found a list',
    );
    expect(
      results.find(r => r.checkId === 'eu-ai-act.area.development')!.status,
    ).toBe('pass');
    const notJson = modelCardFacts(parseModelCardToolkit('{'));
    expect(notJson['modelCard.present'].value).toBe(true);
    expect(notJson['modelCard.area.development'].problem).toMatch(
      /not valid JSON/,
    );
  });
});
