import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const createFeatureViewExamples: TemplateExample[] = [
  {
    description:
      'Rolling engagement features of users for the recsys team, from the clickstream dataset',
    example: yaml.stringify({
      steps: [
        {
          id: 'feature-view',
          action: 'ai-platform:feature-view:create',
          name: 'Define the feature view',
          input: {
            name: 'user_engagement',
            teamRef: 'group:default/recsys',
            datasetRef: 'resource:default/clickstream-events',
            entity: {
              name: 'user',
              joinKeys: ['user_id'],
              description: 'A storefront user',
            },
            features: [
              {
                name: 'views_7d',
                dtype: 'Int64',
                description: 'Product views in the last 7 days',
              },
              { name: 'ctr_30d', dtype: 'Float32' },
              { name: 'recent_categories', dtype: 'StringList' },
            ],
            ttlSeconds: 86400,
            online: true,
            tags: { domain: 'ranking' },
            description: 'Rolling user engagement for the ranker',
          },
        },
      ],
    }),
  },
];
