import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import {
  DocumentationAreaId,
  EU_AI_ACT_DOCUMENTATION_AREAS,
} from '../modelRegistry/euAiAct';
import { DEFAULT_COMPLIANCE_CHECKS } from './defaultChecks';
import { evaluateEntity } from './engine';
import {
  modelCardFacts,
  modelCardSections,
  parseHuggingFaceModelCard,
  parseModelCardToolkit,
} from './modelCards';
import { ParsedModelCard } from './types';

// Real published model cards, copied verbatim; see __fixtures__/published/SOURCES.md for where
// each comes from. They end in .txt so that Prettier keeps them byte for byte.
const DIR = join(__dirname, '__fixtures__', 'published');
const read = (file: string) => readFileSync(join(DIR, file), 'utf8');
const CARD_FILES = readdirSync(DIR)
  .filter(f => f.endsWith('.txt'))
  .sort();
const parse = (file: string, text = read(file)) =>
  file.endsWith('.json.txt')
    ? parseModelCardToolkit(text, file)
    : parseHuggingFaceModelCard(text, file);

const documented = (card: ParsedModelCard) =>
  EU_AI_ACT_DOCUMENTATION_AREAS.map(a => a.id).filter(
    id => card.areas[id].documented,
  );

interface Expected {
  file: string;
  license?: string;
  language?: string;
  tags?: number;
  datasets: number;
  /** The areas documented, in the order of the nine areas, with the evidence of some. */
  documented: DocumentationAreaId[];
  evidence?: Partial<Record<DocumentationAreaId, string>>;
  problems: string[];
}

const HUGGING_FACE: Expected[] = [
  {
    file: 'google__tapas-base-finetuned-wtq.md.txt',
    license: 'apache-2.0',
    language: 'en',
    tags: 2,
    datasets: 0,
    documented: [
      'general-description',
      'development',
      'monitoring-control',
      'data-governance',
    ],
    evidence: {
      'general-description':
        'google__tapas-base-finetuned-wtq.md.txt § Model description (line 16)',
      // "Training procedure" only holds sub-sections, so the first with text documents it.
      development:
        'google__tapas-base-finetuned-wtq.md.txt § Fine-tuning (line 58)',
      'monitoring-control':
        'google__tapas-base-finetuned-wtq.md.txt § Intended uses & limitations (line 38)',
      'data-governance':
        'google__tapas-base-finetuned-wtq.md.txt § Preprocessing (line 47)',
    },
    problems: [],
  },
  {
    file: 'google__roberta2roberta_L-24_cnn_daily_mail.md.txt',
    license: 'apache-2.0',
    language: 'en',
    tags: 1,
    datasets: 1,
    documented: ['data-governance'],
    evidence: {
      'data-governance':
        'google__roberta2roberta_L-24_cnn_daily_mail.md.txt front matter datasets (line 4)',
    },
    problems: [],
  },
  {
    // Hebrew: widget entries in Hebrew, a thumbnail, tags with trailing spaces.
    file: 'Norod78__hewiki-articles-distilGPT2py-il.md.txt',
    license: 'mit',
    language: 'hebrew',
    tags: 6,
    datasets: 0,
    documented: [],
    problems: [],
  },
  {
    // Danish: two datasets, a widget and a non-standard `pipeline` key (ignored).
    file: 'DJSammy__bert-base-danish-uncased_BotXO_ai.md.txt',
    license: 'cc-by-4.0',
    language: 'da',
    tags: 5,
    datasets: 2,
    documented: ['development', 'data-governance'],
    evidence: {
      development:
        'DJSammy__bert-base-danish-uncased_BotXO_ai.md.txt § Architecture (line 28)',
      'data-governance':
        'DJSammy__bert-base-danish-uncased_BotXO_ai.md.txt front matter datasets (line 10)',
    },
    problems: [],
  },
  {
    // Chinese, no license; `language: zh ` has a trailing space.
    file: 'uer__gpt2-chinese-poem.md.txt',
    language: 'zh',
    tags: 0,
    datasets: 0,
    documented: ['general-description', 'development', 'data-governance'],
    evidence: {
      'data-governance':
        'uer__gpt2-chinese-poem.md.txt § Training data (line 46)',
    },
    problems: [],
  },
  {
    // `language` as a list; no license, no sections.
    file: 'DeepPavlov__rubert-base-cased.md.txt',
    language: 'russian',
    tags: 0,
    datasets: 0,
    documented: [],
    problems: [],
  },
  {
    // `datasets` as a single string counts as one.
    file: 'Geotrend__bert-base-15lang-cased.md.txt',
    license: 'apache-2.0',
    language: 'multilingual',
    tags: 0,
    datasets: 1,
    documented: ['data-governance'],
    problems: [],
  },
  {
    // Its only "heading", `#GuaPeTe-2-tiny`, has no space after the # and is not a heading.
    file: 'mrm8488__GuaPeTe-2-tiny.md.txt',
    language: 'es',
    tags: 0,
    datasets: 0,
    documented: [],
    problems: [],
  },
  {
    file: 'deepset__roberta-base-squad2.md.txt',
    datasets: 0,
    documented: ['general-description', 'development', 'performance-metrics'],
    evidence: {
      'performance-metrics':
        'deepset__roberta-base-squad2.md.txt § Performance (line 26)',
    },
    problems: [
      'deepset__roberta-base-squad2.md.txt: no YAML front matter (the Hugging Face metadata block)',
    ],
  },
  {
    // Opens with `--` instead of `---`: the Hub reads no metadata from it, nor do we. Its
    // "Test set metrics 🧾" heading documents the performance metrics.
    file: 'mrm8488__t5-base-finetuned-emotion.md.txt',
    datasets: 0,
    documented: ['development', 'performance-metrics', 'data-governance'],
    evidence: {
      development:
        'mrm8488__t5-base-finetuned-emotion.md.txt § Model fine-tuning 🏋️ (line 29)',
      'performance-metrics':
        'mrm8488__t5-base-finetuned-emotion.md.txt § Test set metrics 🧾 (line 33)',
    },
    problems: [
      'mrm8488__t5-base-finetuned-emotion.md.txt: no YAML front matter (the Hugging Face metadata block)',
    ],
  },
];

const MODEL_CARD_TOOLKIT: (Expected & { schemaVersion: string })[] = [
  {
    file: 'mct__template-test-full.json.txt',
    schemaVersion: '0.0.2',
    license: 'Apache-2.0',
    datasets: 1,
    // No model_architecture, so development is missing.
    documented: [
      'general-description',
      'monitoring-control',
      'performance-metrics',
      'risk-management',
      'data-governance',
      'lifecycle-changes',
    ],
    evidence: {
      'lifecycle-changes':
        'mct__template-test-full.json.txt model_details.version',
    },
    problems: [],
  },
  {
    // Schema 0.0.1: `license` is a plain string (0.0.2 replaced it by `licenses`), `data` is a
    // {train, eval} object rather than a list, and a metric value is a number; all are read.
    file: 'mct__test-model_card.json.txt',
    schemaVersion: '0.0.1',
    license: 'Apache 2.0',
    datasets: 2,
    documented: [
      'general-description',
      'development',
      'monitoring-control',
      'performance-metrics',
      'risk-management',
      'data-governance',
      'lifecycle-changes',
    ],
    evidence: {
      'data-governance': 'mct__test-model_card.json.txt model_parameters.data',
    },
    problems: [],
  },
];

describe('real published model cards', () => {
  it('has a test for every fixture and a source for each', () => {
    const sources = read('SOURCES.md');
    expect(
      [...HUGGING_FACE, ...MODEL_CARD_TOOLKIT].map(e => e.file).sort(),
    ).toEqual(CARD_FILES);
    for (const file of CARD_FILES) expect(sources).toContain(`\`${file}\``);
  });

  describe.each(HUGGING_FACE)('Hugging Face card $file', expected => {
    const card = parse(expected.file);

    it('reads license, language, tags and datasets from the front matter', () => {
      expect(card.format).toBe('huggingface');
      expect(card.fields.license).toBe(expected.license);
      expect(card.fields.language).toBe(expected.language);
      expect(card.fields.tags).toBe(expected.tags);
      expect(card.fields.datasets).toBe(
        expected.tags === undefined ? undefined : expected.datasets,
      );
    });

    it('documents the areas its sections and metadata cover, and no others', () => {
      expect(documented(card)).toEqual(expected.documented);
      for (const [id, evidence] of Object.entries(expected.evidence ?? {})) {
        expect(card.areas[id as DocumentationAreaId].evidence).toBe(evidence);
      }
    });

    it('reports exactly its problems, each naming the file', () => {
      expect(card.problems).toEqual(expected.problems);
    });
  });

  describe.each(MODEL_CARD_TOOLKIT)(
    'Model Card Toolkit card $file',
    expected => {
      const card = parse(expected.file);

      it('reads schema version, license and datasets', () => {
        expect(card.format).toBe('model-card-toolkit');
        expect(card.fields.schemaVersion).toBe(expected.schemaVersion);
        expect(card.fields.license).toBe(expected.license);
        expect(card.fields.datasets).toBe(expected.datasets);
        expect(card.fields.metrics).toBe(1);
      });

      it('documents the areas its fields cover, and no others', () => {
        expect(documented(card)).toEqual(expected.documented);
        for (const [id, evidence] of Object.entries(expected.evidence ?? {})) {
          expect(card.areas[id as DocumentationAreaId].evidence).toBe(evidence);
        }
      });

      it('reports exactly its problems, each naming the file and field', () => {
        expect(card.problems).toEqual(expected.problems);
      });
    },
  );

  it('none documents human oversight or post-market monitoring, as expected of these cards', () => {
    for (const file of CARD_FILES) {
      const card = parse(file);
      expect([file, card.areas['human-oversight'].documented]).toEqual([
        file,
        false,
      ]);
      expect([file, card.areas['post-market-monitoring'].documented]).toEqual([
        file,
        false,
      ]);
    }
  });

  it('finds the sections of real Markdown, and none in a card without a real heading', () => {
    expect(
      modelCardSections(
        read('google__tapas-base-finetuned-wtq.md.txt'),
      ).sections.map(s => `${s.level} ${s.heading}`),
    ).toEqual([
      '1 TAPAS base model fine-tuned on WikiTable Questions (WTQ)',
      '2 Model description',
      '2 Intended uses & limitations',
      '2 Training procedure',
      '3 Preprocessing',
      '3 Fine-tuning',
      '3 BibTeX entry and citation info',
    ]);
    expect(
      modelCardSections(read('mrm8488__GuaPeTe-2-tiny.md.txt')).sections,
    ).toEqual([]);
  });
});

describe('facts and checks from real published cards', () => {
  const model = { kind: 'Resource', type: 'ai-model' };
  const now = new Date('2026-11-29T12:00:00Z');

  it('gives a clean card its facts without problems', () => {
    const facts = modelCardFacts(
      parse('Norod78__hewiki-articles-distilGPT2py-il.md.txt'),
    );
    expect(facts['modelCard.present']).toEqual({
      value: true,
      source: 'model card (Hugging Face README.md)',
    });
    expect(facts['modelCard.license']).toEqual({
      value: 'mit',
      source: 'model card (Hugging Face README.md)',
    });
    expect(facts['modelCard.completeness'].value).toBe(0);
    expect(facts['modelCard.datasets'].value).toBe(0);
    expect(facts['modelCard.area.data-governance'].problem).toBeUndefined();
  });

  it('carries "no front matter" into the license, datasets and missing areas', () => {
    const facts = modelCardFacts(parse('deepset__roberta-base-squad2.md.txt'));
    expect(facts['modelCard.present'].value).toBe(true);
    expect(facts['modelCard.completeness'].value).toBeCloseTo(3 / 9);
    expect(facts['modelCard.area.performance-metrics']).toEqual({
      value: true,
      source: 'model card (Hugging Face README.md)',
    });
    for (const key of [
      'modelCard.license',
      'modelCard.datasets',
      'modelCard.area.data-governance',
    ]) {
      expect([key, facts[key].problem]).toEqual([
        key,
        'The model card has problems: deepset__roberta-base-squad2.md.txt: no YAML front matter (the Hugging Face metadata block)',
      ]);
    }
  });

  it('turns the malformed card into failed checks that say what is wrong', () => {
    const results = evaluateEntity(
      DEFAULT_COMPLIANCE_CHECKS,
      model,
      modelCardFacts(parse('mrm8488__t5-base-finetuned-emotion.md.txt')),
      [],
      now,
    );
    const area = results.find(
      r => r.checkId === 'eu-ai-act.area.risk-management',
    )!;
    expect(area.status).toBe('error');
    expect(area.message).toContain(
      'mrm8488__t5-base-finetuned-emotion.md.txt: no YAML front matter',
    );
    for (const id of ['data-governance', 'performance-metrics']) {
      const documentedArea = results.find(
        r => r.checkId === `eu-ai-act.area.${id}`,
      )!;
      expect([id, documentedArea.status]).toEqual([id, 'pass']);
    }
  });

  it('passes the data-governance check of the 0.0.1 card on its {train, eval} data', () => {
    const facts = modelCardFacts(parse('mct__test-model_card.json.txt'));
    expect(facts['modelCard.license']).toEqual({
      value: 'Apache 2.0',
      source: 'model card (Model Card Toolkit JSON)',
    });
    expect(facts['modelCard.datasets'].value).toBe(2);
    const results = evaluateEntity(
      DEFAULT_COMPLIANCE_CHECKS,
      model,
      facts,
      [],
      now,
    );
    const data = results.find(
      r => r.checkId === 'eu-ai-act.area.data-governance',
    )!;
    expect(data.status).toBe('pass');
  });
});

describe('partial real cards', () => {
  // Each card cut off at ten points, as a truncated download or an editor crash leaves it.
  const cuts = (text: string) =>
    Array.from({ length: 10 }, (_, i) => Math.floor((text.length * i) / 10));

  it.each(CARD_FILES)(
    'never throws on %s cut short, and every problem names the file',
    file => {
      const text = read(file);
      for (const cut of cuts(text)) {
        const partial = text.slice(0, cut);
        let card: ParsedModelCard | undefined;
        expect(() => {
          card = parse(file, partial);
        }).not.toThrow();
        for (const problem of card!.problems) {
          expect([cut, problem.startsWith(file)]).toEqual([cut, true]);
        }
        expect(() => modelCardFacts(card)).not.toThrow();
      }
    },
  );

  it('says where the front matter of a cut card is left open', () => {
    const text = read('Norod78__hewiki-articles-distilGPT2py-il.md.txt');
    const card = parse(
      'Norod78__hewiki-articles-distilGPT2py-il.md.txt',
      text.slice(0, text.indexOf('license: mit')),
    );
    expect(card.problems).toEqual([
      'Norod78__hewiki-articles-distilGPT2py-il.md.txt line 1: the front matter opened with --- is never closed; the whole file was read as front matter',
    ]);
    expect(card.fields.license).toBeUndefined();
  });

  it('says a cut JSON card is not valid JSON', () => {
    const text = read('mct__template-test-full.json.txt');
    const card = parse('mct__template-test-full.json.txt', text.slice(0, 500));
    expect(card.problems).toHaveLength(1);
    expect(card.problems[0]).toMatch(
      /^mct__template-test-full\.json\.txt: not valid JSON \(/,
    );
    expect(documented(card)).toEqual([]);
  });
});
