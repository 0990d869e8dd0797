import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const createWorkspaceExamples: TemplateExample[] = [
  {
    description: 'A notebook workspace with 2 H100s for the recsys team',
    example: yaml.stringify({
      steps: [
        {
          id: 'workspace',
          action: 'ai-platform:workspace:create',
          name: 'Create the ML workspace',
          input: {
            name: 'ranker-dev',
            teamRef: 'group:default/recsys',
            clusterRef: 'resource:default/cluster-a',
            gpuModel: 'H100-SXM5-80GB',
            gpuCount: 2,
            image: 'quay.io/jupyter/pytorch-notebook:cuda12-2024-11-18',
            cpu: 16,
            memoryGi: 128,
            storageGi: 500,
            egressCidrs: ['10.20.0.0/16'],
          },
        },
      ],
    }),
  },
];
