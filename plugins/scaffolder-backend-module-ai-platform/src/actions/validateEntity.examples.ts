import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const validateEntityExamples: TemplateExample[] = [
  {
    description: 'Validate a dataset entity before publishing it',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'ai-platform:catalog:validate',
          name: 'Validate the dataset entity',
          input: {
            entity: {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Resource',
              metadata: { name: 'clickstream-events' },
              spec: {
                type: 'dataset',
                owner: 'group:default/recsys',
                format: 'parquet',
                location: 's3://datalake/clickstream/events/',
              },
            },
          },
        },
      ],
    }),
  },
];
