import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const createPipelineExamples: TemplateExample[] = [
  {
    description:
      'A nightly Airflow pipeline of the recsys team that retrains the ranker on 2 GPUs, behind a data-quality gate over the clickstream',
    example: yaml.stringify({
      steps: [
        {
          id: 'pipeline',
          action: 'ai-platform:pipeline:create',
          name: 'Define the pipeline',
          input: {
            name: 'ranker-retrain',
            teamRef: 'group:default/recsys',
            description: 'Nightly retraining of the storefront ranker',
            orchestrator: 'airflow',
            schedule: '0 2 * * *',
            timezone: 'Europe/Berlin',
            inputs: [
              'resource:default/clickstream-events',
              'resource:default/user-activity-features',
            ],
            outputs: ['resource:default/recsys-ranker'],
            finalStep: 'train',
            image: 'ghcr.io/acme/recsys-trainer:1.4',
            gpuCount: 2,
            qualityChecks: [
              { check: 'unique', column: 'event_id' },
              {
                check: 'allowed_values',
                column: 'event_type',
                values: ['view', 'click', 'add_to_cart'],
                datasetRef: 'resource:default/clickstream-events',
              },
              {
                check: 'freshness_hours',
                column: 'event_timestamp',
                value: 26,
              },
              { check: 'row_count_min', value: 10000 },
            ],
          },
        },
      ],
    }),
  },
];
