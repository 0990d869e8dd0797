import { ParsedModelCard } from '@ai-platform/plugin-ai-platform-common';
import { evidenceMarkdown, evidencePackOf, evidencePdf } from './evidence';
import { trainingEnergyFacts } from './facts/energy';

const documented = { documented: true, evidence: 'section "Uses"' };
const missing = { documented: false };

const card: ParsedModelCard = {
  format: 'huggingface',
  areas: {
    'general-description': documented,
    development: documented,
    'monitoring-control': missing,
    'performance-metrics': documented,
    'risk-management': documented,
    'data-governance': missing,
    'human-oversight': missing,
    'lifecycle-changes': missing,
    'post-market-monitoring': missing,
  },
  fields: {},
  problems: ['front matter: license is not a string'],
};

const pack = (overrides: Partial<Parameters<typeof evidencePackOf>[0]> = {}) =>
  evidencePackOf({
    entityRef: 'resource:default/fraud-scorer',
    title: 'Card fraud scorer',
    ownerRef: 'group:default/fraud-detection',
    facts: {
      'entity.riskClass': { value: 'high', source: 'catalog' },
      'drift.monitored': { value: true, source: 'drift' },
      'drift.status': { value: 'stable', source: 'drift' },
      'entity.humanOversightContact': { value: null, source: 'catalog' },
    },
    card,
    cardSource: './model-cards/fraud-scorer.md',
    evaluatedAt: '2026-11-29T10:00:00.000Z',
    results: [
      {
        checkId: 'human-oversight',
        title: 'Human oversight contact',
        level: 'bronze',
        category: 'oversight',
        status: 'fail',
        expected: 'set',
        message: 'entity.humanOversightContact is not set',
        remediation: 'Set ai-platform.io/human-oversight.',
      },
    ],
    approvals: [
      {
        id: 'q1',
        teamRef: 'group:default/fraud-detection',
        gpuCount: 8,
        gpuModel: 'H100',
        clusterRef: 'resource:default/cluster-a',
        status: 'approved',
        decidedBy: 'user:default/admin',
        decidedAt: '2026-11-01T00:00:00.000Z',
      },
    ],
    exemptions: [],
    now: new Date('2026-11-29T12:00:00.000Z'),
    ...overrides,
  });

describe('evidence pack', () => {
  it('fills the nine areas from the card and the facts, and lists what is missing', () => {
    const p = pack();
    expect(p.areas).toHaveLength(9);
    expect(p.areas.filter(a => a.status === 'MISSING').map(a => a.id)).toEqual([
      'monitoring-control',
      'data-governance',
      'human-oversight',
      'lifecycle-changes',
      'post-market-monitoring',
    ]);
    expect(p.areas.find(a => a.id === 'monitoring-control')!.evidence).toEqual([
      'Drift monitoring is on; status stable (drift)',
    ]);
    expect(p.missing).toEqual(
      expect.arrayContaining([
        'Model card: front matter: license is not a string',
        'Human oversight contact: entity.humanOversightContact is not set. Set ai-platform.io/human-oversight.',
      ]),
    );
  });

  it('marks every area missing without a card, and says to add one', () => {
    const p = pack({ card: undefined, cardSource: undefined });
    expect(p.areas.every(a => a.status === 'MISSING')).toBe(true);
    expect(p.missing[0]).toMatch(/^No model card/);
  });

  it('renders Markdown with the areas, checks, approvals and what is missing', () => {
    const md = evidenceMarkdown(pack());
    expect(md).toContain('# Evidence pack: Card fraud scorer');
    expect(md).toContain('### 3. Monitoring, functioning and control');
    expect(md).toContain('**MISSING** — Explain how the model is monitored');
    expect(md).toContain(
      '| Human oversight contact | bronze | oversight | FAIL | — | set | entity.humanOversightContact is not set |',
    );
    expect(md).toContain(
      '| q1 | 8 × H100 | resource:default/cluster-a | approved | user:default/admin |',
    );
    expect(md).toContain('## What is missing');
  });

  it('documents the training energy of the model’s pipelines when spend knows it', () => {
    const energy = trainingEnergyFacts({
      entityRef: 'resource:default/fraud-scorer',
      from: '2000-01-01',
      to: '2026-11-29',
      contributors: [
        {
          entityRef: 'component:default/fraud-training',
          namespaces: ['fraud'],
        },
      ],
      energy: {
        energyKwh: 1234.5,
        estimatedEnergyKwh: 308.625,
        facilityEnergyKwh: 1543.125,
        carbonKg: 540.09375,
        waterLitres: 0,
      },
      byMonth: [],
    });
    const p = pack({ facts: energy });
    const line =
      'Training energy: 1234.5 kWh drawn by GPUs, 1543.125 kWh at the facility, 540.094 kg CO2e; 25 % estimated from GPU utilization (spend: component:default/fraud-training in fraud, 2000-01-01 to 2026-11-29)';
    expect(p.areas.find(a => a.id === 'development')!.evidence).toContain(line);
    expect(evidenceMarkdown(p)).toContain(line);

    const unknown = trainingEnergyFacts({
      entityRef: 'resource:default/fraud-scorer',
      from: '2000-01-01',
      to: '2026-11-29',
      contributors: [],
      byMonth: [],
    });
    expect(unknown['training.energyKwh'].value).toBeNull();
    const without = pack({ facts: unknown });
    expect(
      without.areas
        .find(a => a.id === 'development')!
        .evidence.some(e => e.startsWith('Training energy')),
    ).toBe(false);
  });

  it('prints fractions to three decimals', () => {
    const md = evidenceMarkdown(
      pack({
        results: [
          {
            checkId: 'model-card.completeness.gold',
            title: 'Model card documents every area',
            level: 'gold',
            category: 'documentation',
            status: 'fail',
            value: 8 / 9,
            expected: 'at least 1',
            message: 'below 1',
            remediation: 'Fill in the card.',
          },
        ],
      }),
    );
    expect(md).toContain('| FAIL | 0.889 | at least 1 |');
  });

  it('renders the same pack as a PDF', async () => {
    const pdf = await evidencePdf(pack());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(2000);
  });
});
