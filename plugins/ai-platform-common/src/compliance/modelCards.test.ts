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
      'cards/fraud.json quantitative_analysis.performance_metrics[0].value: expected a string, found a number (read as "0.94")',
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
