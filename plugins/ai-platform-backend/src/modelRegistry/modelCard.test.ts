import {
  EU_AI_ACT_DOCUMENTATION_AREAS,
  modelRegistryEntryInputSchema,
  renderModelCard,
} from '@ai-platform/plugin-ai-platform-common';
import { parse } from 'yaml';
import { modelRegistryBody } from '../__testUtils__/modelRegistry';

// The common package has no YAML parser; its renderer's front matter is read back here.

const frontMatterOf = (card: string, version?: '1.1' | '1.2') => {
  const match = card.match(/^---\n([\s\S]*?)\n---\n/);
  expect(match).not.toBeNull();
  return parse(match![1], version ? { version } : {});
};

/** Strings YAML would read as something else, or not at all, unquoted. */
const tricky = [
  'yes',
  'no',
  'null',
  '~',
  '1e3',
  '0x10',
  '- a',
  '[x]',
  '{y}',
  'key: value',
  '#comment',
  "'quoted'",
  '"double"',
  'multi\nline',
  'tab\there',
  'C:\\data',
  'é 😀',
  'del\x7f and nel\x85',
  '---',
];

describe('model card front matter', () => {
  it('reads back as the Hugging Face metadata and ai_act block it describes', () => {
    const entry = modelRegistryEntryInputSchema.parse(
      modelRegistryBody({
        evaluationMetrics: [
          { name: 'NDCG@10', value: 0.71, dataset: 'holdout-2026-10' },
          { name: 'MRR', value: 0.5, dataset: 'holdout-2026-10' },
          { name: 'Recall', value: 1e-7, dataset: 'clicks: "live" #1' },
          { name: 'Coverage', value: -3 },
        ],
      }),
    );
    const card = renderModelCard({
      ...entry,
      license: 'apache-2.0',
      titles: { 'holdout-2026-10': 'Hold-out: October 2026' },
    });
    expect(frontMatterOf(card)).toEqual({
      license: 'apache-2.0',
      pipeline_tag: 'text-ranking',
      tags: ['text-ranking', 'eu-ai-act-high'],
      datasets: [
        'resource:default/clickstream-events',
        'resource:default/user_activity',
      ],
      'model-index': [
        {
          name: 'ranker',
          results: [
            {
              task: { type: 'text-ranking' },
              dataset: {
                type: 'holdout-2026-10',
                name: 'Hold-out: October 2026',
              },
              metrics: [
                { type: 'ndcg-10', value: 0.71, name: 'NDCG@10' },
                { type: 'mrr', value: 0.5, name: 'MRR' },
              ],
            },
            {
              task: { type: 'text-ranking' },
              dataset: {
                type: 'clicks: "live" #1',
                name: 'clicks: "live" #1',
              },
              metrics: [{ type: 'recall', value: 1e-7, name: 'Recall' }],
            },
          ],
        },
      ],
      ai_act: {
        risk_class: 'high',
        areas: Object.fromEntries(
          EU_AI_ACT_DOCUMENTATION_AREAS.map(area => [
            area.id,
            {
              status: [
                'general-description',
                'performance-metrics',
                'data-governance',
                'human-oversight',
              ].includes(area.id)
                ? 'documented'
                : 'missing',
            },
          ]),
        ),
      },
    });
  });

  it.each(['1.1', '1.2'] as const)(
    'keeps every string as written for a YAML %s reader',
    version => {
      const entry = modelRegistryEntryInputSchema.parse(
        modelRegistryBody({
          evaluationMetrics: tricky.map((text, i) => ({
            name: `m${i}`,
            value: i,
            dataset: `${text} ${i}`,
          })),
        }),
      );
      const card = renderModelCard({
        ...entry,
        license: tricky.join('|'),
        titles: Object.fromEntries(
          tricky.map((text, i) => [`${text} ${i}`, text]),
        ),
      });
      const metadata = frontMatterOf(card, version);
      expect(metadata.license).toBe(tricky.join('|'));
      const datasets = metadata['model-index'][0].results.map(
        (r: { dataset: { type: string; name: string } }) => r.dataset,
      );
      expect(datasets).toEqual(
        tricky.map((text, i) => ({
          type: `${text} ${i}`,
          name: text,
        })),
      );
    },
  );
});
