import fs from 'node:fs';
import path from 'node:path';
import { foundCardFacts } from './cardFacts';

const fixture = (name: string) =>
  fs.readFileSync(
    path.resolve(
      __dirname,
      '../../../ai-platform-common/src/compliance/__fixtures__',
      name,
    ),
    'utf8',
  );

/** A Hugging Face README as found beside a catalog file. */
const readme = (text: string, source = './model-cards/README.md') =>
  foundCardFacts({ text, source, format: 'markdown' });

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
    const md = readme(fixture('distilbert-sst2.md.txt'));
    expect(md.card?.format).toBe('huggingface');
    expect(md.facts['modelCard.license'].value).toBe('apache-2.0');
    expect(md.facts['modelCard.completeness'].value).toBeGreaterThan(0);
  });
});

describe('foundCardFacts on a Hugging Face README (the common parser)', () => {
  it('reads the front matter of a published card: license, datasets and model-index metrics', () => {
    const { card, facts } = readme(fixture('distilbert-sst2.md.txt'));
    expect(card?.fields).toMatchObject({
      license: 'apache-2.0',
      datasets: 2,
      'model-index': 2,
      metrics: expect.stringMatching(/^[^;]+=[^;]+; [^;]+=[^;]+$/),
    });
    expect(card?.areas['performance-metrics'].documented).toBe(true);
    expect(card?.problems).toEqual([]);
    expect(facts['modelCard.datasets']).toMatchObject({ value: 2 });
    expect(facts['modelCard.datasets'].problem).toBeUndefined();
  });

  it('names the file it was found as in the evidence', () => {
    const { card } = readme(
      fixture('distilbert-sst2.md.txt'),
      'https://example.com/org/model/raw/main/README.md',
    );
    expect(card?.areas['performance-metrics'].evidence).toMatch(/^README\.md /);
  });

  it('reads a card without model-index and maps its sections', () => {
    const { card } = readme(fixture('bert-base-uncased.md.txt'));
    expect(card?.fields).toMatchObject({
      license: 'apache-2.0',
      datasets: 2,
      'model-index': 0,
    });
    expect(card?.fields.metrics).toBeUndefined();
    expect(card?.areas['general-description'].documented).toBe(true);
  });

  it('names the line of bad YAML, reads none of the metadata and never throws', () => {
    const { card, facts } = readme(fixture('broken-front-matter.md.txt'));
    expect(card?.problems).toContainEqual(
      expect.stringMatching(/^README\.md line \d+: /),
    );
    expect(card?.fields.license).toBeUndefined();
    expect(facts['modelCard.license'].value).toBeNull();
    expect(facts['modelCard.license'].problem).toMatch(
      /^The model card has problems: .*README\.md line \d+: .*the front matter is not valid YAML/,
    );
  });

  it('names fields of the wrong type, and the facts they leave unset carry it', () => {
    const { card, facts } = readme(
      '---\nlicense: [mit]\ndatasets: {a: 1}\nmodel-index: [{results: [{metrics: [{value: 1}]}]}]\n---\n# M\n',
    );
    expect(card?.problems).toEqual([
      'README.md line 2: license: expected a string, got a list',
      'README.md line 3: datasets: expected a list of dataset ids, got an object',
      'README.md line 4: model-index[0].results[0].metrics[0]: a metric needs a type (a string) and a value (a number or a string), got type none and value a number',
    ]);
    expect(card?.fields['model-index']).toBe(0);
    expect(facts['modelCard.license']).toMatchObject({
      value: null,
      problem: expect.stringContaining('license: expected a string'),
    });
    expect(facts['modelCard.datasets']).toMatchObject({
      value: 0,
      problem: expect.stringContaining('datasets: expected a list'),
    });
  });

  it('names a README without front matter, which the common parser requires', () => {
    const { card, facts } = readme('# M\n\n## Uses\n\nScores tickets.\n');
    expect(card?.problems).toEqual([
      'README.md: no YAML front matter (the Hugging Face metadata block)',
    ]);
    expect(facts['modelCard.present']).toMatchObject({ value: true });
    expect(facts['modelCard.present'].problem).toBeUndefined();
    expect(facts['modelCard.area.general-description'].problem).toBeUndefined();
    expect(facts['modelCard.license'].problem).toMatch(/no YAML front matter/);
  });
});
