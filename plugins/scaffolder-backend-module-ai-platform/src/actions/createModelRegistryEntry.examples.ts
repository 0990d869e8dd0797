import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** An example of the action as a template's one step. */
const example = (
  description: string,
  input: Record<string, unknown>,
): TemplateExample => ({
  description,
  example: yaml.stringify({
    steps: [
      {
        id: 'model',
        action: 'ai-platform:model-registry:create',
        name: 'Register the model',
        input,
      },
    ],
  }),
});

export const createModelRegistryEntryExamples: TemplateExample[] = [
  example(
    'A high-risk fraud scorer of the fraud-detection team, trained on a dataset and a feature view, with its oversight contact and artifacts',
    {
      name: 'card-fraud-scorer',
      teamRef: 'group:default/fraud-detection',
      task: 'tabular-classification',
      riskClass: 'high',
      intendedPurpose:
        'Scores card payments for fraud so that analysts review the riskiest first',
      trainingData: [
        'resource:default/card-transactions',
        'resource:default/card-velocity-features',
      ],
      evaluationMetrics: [
        {
          name: 'AUC-ROC',
          value: 0.94,
          dataset: 'holdout-2026-10',
          rationale: 'Ranking quality without fixing a threshold',
        },
        { name: 'Recall @ 1% FPR', value: 0.71 },
      ],
      humanOversightContact: 'user:default/guest',
      description: 'Gradient-boosted trees over card and merchant history',
      sourceUri: 's3://models/card-fraud-scorer/1',
    },
  ),
  example(
    'A minimal-risk model that says little yet: its card marks the areas still missing',
    {
      name: 'ticket-router',
      teamRef: 'group:default/recsys',
      task: 'text-classification',
      riskClass: 'minimal',
      intendedPurpose:
        'Routes support tickets to the team that handles their product',
    },
  ),
];
