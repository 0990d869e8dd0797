import fs from 'node:fs';
import path from 'node:path';
import { foundCardFacts } from './cardFacts';
import { parseHuggingFaceCard } from './huggingFaceCard';

const fixture = (name: string) =>
  fs.readFileSync(
    path.resolve(
      __dirname,
      '../../../ai-platform-common/src/compliance/__fixtures__',
      name,
    ),
    'utf8',
  );

describe('parseHuggingFaceCard', () => {
  it('reads the front matter of a published card: license, datasets and model-index metrics', () => {
    const card = parseHuggingFaceCard(fixture('distilbert-sst2.md.txt'));
    expect(card.format).toBe('huggingface');
    expect(card.fields).toMatchObject({
      license: 'apache-2.0',
      datasets: 2,
      metrics: 2,
    });
    expect(card.areas['performance-metrics'].documented).toBe(true);
    expect(card.problems).toEqual([]);
  });

  it('reads a card without model-index and maps its sections', () => {
    const card = parseHuggingFaceCard(fixture('bert-base-uncased.md.txt'));
    expect(card.fields).toMatchObject({ license: 'apache-2.0', datasets: 2 });
    expect(card.areas['general-description'].documented).toBe(true);
  });

  it('names the line of bad YAML and never throws', () => {
    const card = parseHuggingFaceCard(
      fixture('broken-front-matter.md.txt'),
      'README.md',
    );
    expect(card.problems).toContainEqual(
      expect.stringMatching(/^README\.md front matter line \d+: /),
    );
    expect(card.fields.license).toBeUndefined();
  });

  it('names fields of the wrong type', () => {
    const card = parseHuggingFaceCard(
      '---\nlicense: [mit]\ndatasets: {a: 1}\nmodel-index: [{results: [{metrics: [{value: 1}]}]}]\n---\n# M\n',
    );
    expect(card.problems).toEqual([
      'README.md front matter license: expected a string',
      'README.md front matter datasets: expected a list of names',
      'README.md front matter model-index[0].results[0].metrics[0]: a metric needs a type and a value',
    ]);
  });
});

describe('foundCardFacts', () => {
  it('gives no card as present false and every area missing', () => {
    const { facts, card } = foundCardFacts(undefined);
    expect(card).toBeUndefined();
    expect(facts['modelCard.present'].value).toBe(false);
    expect(facts['modelCard.area.human-oversight'].value).toBe(false);
  });

  it('carries why a card could not be read on every fact', () => {
    const { facts } = foundCardFacts({
      problem: 'could not read ./card.md: ENOENT',
      source: './card.md',
    });
    expect(facts['modelCard.present'].problem).toBe(
      'The model card ./card.md could not be read: could not read ./card.md: ENOENT',
    );
  });

  it('parses Model Card Toolkit JSON and Hugging Face Markdown by format', () => {
    const json = foundCardFacts({
      text: fixture('mct-census-income.json'),
      source: 'cards/mct.json',
      format: 'json',
    });
    expect(json.card?.format).toBe('model-card-toolkit');
    expect(json.facts['modelCard.present'].value).toBe(true);
    const md = foundCardFacts({
      text: fixture('distilbert-sst2.md.txt'),
      source: './model-cards/README.md',
      format: 'markdown',
    });
    expect(md.facts['modelCard.license'].value).toBe('apache-2.0');
    expect(md.facts['modelCard.completeness'].value).toBeGreaterThan(0);
  });
});
