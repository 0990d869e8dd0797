import { EU_AI_ACT_DOCUMENTATION_AREAS } from './euAiAct';
import { renderModelCard } from './modelCard';
import { modelRegistryEntryInputSchema } from './schemas';

const entry = (overrides: Record<string, unknown> = {}) =>
  modelRegistryEntryInputSchema.parse({
    name: 'fraud-scorer',
    teamRef: 'group:default/risk',
    task: 'tabular-classification',
    riskClass: 'high',
    intendedPurpose:
      'Scores card payments for fraud so that analysts review the riskiest first',
    trainingData: ['resource:default/card-payments'],
    evaluationMetrics: [
      {
        name: 'AUC-ROC',
        value: 0.94,
        dataset: 'holdout-2026-10',
        rationale: 'Ranking quality without fixing a threshold',
      },
    ],
    humanOversightContact: 'user:default/ana.lopez',
    ...overrides,
  });

/** The card's front matter and body. */
function split(card: string) {
  const [, frontMatter, body] = card.match(
    /^---\n([\s\S]*?)\n---\n([\s\S]*)$/,
  )!;
  return { frontMatter, body };
}

/** Each `##` section's text by its heading. */
function sections(card: string): Map<string, string> {
  const parts = split(card).body.split(/^## /m).slice(1);
  return new Map(
    parts.map(part => {
      const [heading, ...rest] = part.split('\n');
      return [heading, rest.join('\n')];
    }),
  );
}

describe('renderModelCard', () => {
  it('has one section per documentation area, in the order of Annex IV', () => {
    const card = renderModelCard(entry());
    expect([...sections(card).keys()]).toEqual(
      EU_AI_ACT_DOCUMENTATION_AREAS.map(a => a.title),
    );
    expect(split(card).body).toMatch(/^\n# Model card for fraud-scorer\n/);
  });

  it('writes Hugging Face metadata with the metrics in model-index', () => {
    const { frontMatter } = split(
      renderModelCard({ ...entry(), license: 'apache-2.0' }),
    );
    expect(frontMatter).toBe(
      [
        'license: "apache-2.0"',
        'pipeline_tag: "tabular-classification"',
        'tags:',
        '  - "tabular-classification"',
        '  - "eu-ai-act-high"',
        'datasets:',
        '  - "resource:default/card-payments"',
        'model-index:',
        '  - name: "fraud-scorer"',
        '    results:',
        '      - task:',
        '          type: "tabular-classification"',
        '        dataset:',
        '          type: "holdout-2026-10"',
        '          name: "holdout-2026-10"',
        '        metrics:',
        '          - type: "auc-roc"',
        '            value: 0.94',
        '            name: "AUC-ROC"',
        'ai_act:',
        '  risk_class: "high"',
        '  areas:',
        '    general-description:',
        '      status: "documented"',
        '    development:',
        '      status: "missing"',
        '    monitoring-control:',
        '      status: "missing"',
        '    performance-metrics:',
        '      status: "documented"',
        '    risk-management:',
        '      status: "missing"',
        '    data-governance:',
        '      status: "documented"',
        '    human-oversight:',
        '      status: "documented"',
        '    lifecycle-changes:',
        '      status: "missing"',
        '    post-market-monitoring:',
        '      status: "missing"',
      ].join('\n'),
    );
  });

  it('fills areas from the entry and marks the others missing, inventing nothing', () => {
    const card = sections(renderModelCard(entry()));
    const documented = [
      'General description and intended purpose',
      'Performance metrics and why they fit',
      'Data governance',
      'Human oversight',
    ];
    for (const [title, text] of card) {
      expect([title, text.includes('**Missing:**')]).toEqual([
        title,
        !documented.includes(title),
      ]);
    }
    expect(card.get('General description and intended purpose')).toContain(
      '**Intended purpose:** Scores card payments for fraud so that analysts review the riskiest first',
    );
    expect(card.get('Performance metrics and why they fit')).toContain(
      '| AUC-ROC | 0.94 | holdout-2026-10 | Ranking quality without fixing a threshold |',
    );
    expect(card.get('Data governance')).toContain(
      '- resource:default/card-payments',
    );
    expect(card.get('Human oversight')).toContain(
      'Overseen by user:default/ana.lopez.',
    );
    // The risk class is known, a risk management system is not.
    expect(card.get('Risk management')).toContain('Risk class: **High risk**');
    expect(card.get('Risk management')).toContain(
      '**Missing:** the risk management system (Article 9)',
    );
  });

  it('marks an entry that says little as missing those areas and leaves their metadata out', () => {
    const card = renderModelCard(
      entry({
        riskClass: 'minimal',
        trainingData: [],
        evaluationMetrics: [],
        humanOversightContact: '',
      }),
    );
    const { frontMatter } = split(card);
    expect(frontMatter).not.toMatch(/^(datasets|model-index|license):/m);
    expect(frontMatter).toContain(
      '    data-governance:\n      status: "missing"',
    );
    expect(frontMatter).toContain(
      '    human-oversight:\n      status: "missing"',
    );
    const text = sections(card);
    expect(text.get('Data governance')).toContain(
      '**Missing:** the data the model was trained on',
    );
    expect(text.get('Human oversight')).toContain(
      '**Missing:** who oversees the system',
    );
    expect(text.get('Performance metrics and why they fit')).toContain(
      '**Missing:** the metrics the model was evaluated with',
    );
    expect(card).toContain('- **Documented:** 1 of 9 areas');
  });

  it('keeps a metric without evaluation data out of model-index and asks for it', () => {
    const card = renderModelCard(
      entry({
        evaluationMetrics: [{ name: 'Recall @ 1% FPR', value: 0.71 }],
      }),
    );
    expect(split(card).frontMatter).not.toContain('model-index');
    const metrics = sections(card).get('Performance metrics and why they fit');
    expect(metrics).toContain('| Recall @ 1% FPR | 0.71 | — | — |');
    expect(metrics).toContain(
      '**Missing:** the evaluation data Recall @ 1% FPR was measured on',
    );
    expect(metrics).toContain(
      '**Missing:** why Recall @ 1% FPR fits the intended purpose.',
    );
  });

  it('shows the facts it is given: titles, owner, registration and MLflow', () => {
    const card = renderModelCard({
      ...entry({ sourceUri: 's3://models/fraud/1' }),
      titles: {
        'resource:default/card-payments': 'Card payments',
        'holdout-2026-10': 'Hold-out, October 2026',
      },
      ownerTitle: 'Risk Analytics',
      createdAt: '2026-11-29T10:00:00.000Z',
      createdBy: 'user:default/priya.raman',
      mlflow: {
        registeredModel: 'fraud-scorer',
        version: '1',
        url: 'http://mlflow:5000/#/models/fraud-scorer',
      },
    });
    expect(card).toContain(
      '- **Registered:** on 2026-11-29 by user:default/priya.raman',
    );
    expect(card).toContain(
      '- **MLflow:** [fraud-scorer version 1](http://mlflow:5000/#/models/fraud-scorer)',
    );
    expect(card).toContain(
      '- **Provider (team):** Risk Analytics (group:default/risk)',
    );
    expect(card).toContain('- Card payments (resource:default/card-payments)');
    expect(card).toContain('          name: "Hold-out, October 2026"');
    expect(
      sections(card).get(
        'Development methods, design choices and compute used',
      ),
    ).toContain('Artifacts: s3://models/fraud/1');
  });

  it("keeps the entry's words from opening sections, breaking tables or adding HTML", () => {
    const card = renderModelCard(
      entry({
        intendedPurpose:
          'Scores "payments": fraud # or not\n## Not a section\n---\n<script>alert(1)</script>',
        description: 'Line one\n=\nstill text',
        evaluationMetrics: [
          {
            name: 'F1 | macro',
            value: 0.8,
            dataset: 'set: "a" # b',
            rationale: 'Balances\nclasses',
          },
        ],
      }),
    );
    expect(card.match(/^## /gm)).toHaveLength(9);
    expect(card.match(/^---$/gm)).toHaveLength(2);
    expect(card).not.toContain('<script>');
    expect(card).toContain('\\## Not a section');
    expect(card).toContain('\n\\=\n');
    expect(card).toContain(
      '| F1 \\| macro | 0.8 | set: "a" # b | Balances classes |',
    );
    // Quoted as JSON strings, which YAML reads back as written.
    expect(split(card).frontMatter).toContain(
      '          type: "set: \\"a\\" # b"',
    );
  });
});
