import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const requestQuotaExamples: TemplateExample[] = [
  {
    description: 'Request 8 H100s for a week of training',
    example: yaml.stringify({
      steps: [
        {
          id: 'quota',
          action: 'ai-platform:quota:request',
          name: 'Request GPU quota',
          input: {
            teamRef: 'group:default/recsys',
            clusterRef: 'resource:default/cluster-a',
            gpuModel: 'H100-SXM5-80GB',
            gpuCount: 8,
            startsAt: '2026-12-01T00:00:00Z',
            endsAt: '2026-12-08T00:00:00Z',
            preemptible: false,
            justification: 'Retraining the storefront ranker on December data',
          },
        },
      ],
    }),
  },
];
