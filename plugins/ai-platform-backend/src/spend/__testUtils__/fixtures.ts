import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { TeamMapping } from '../attribution';
import { readSpendConfig } from '../config';
import { readEnergyConfig } from '../energyConfig';
import { EnergyModel } from '../EnergyModel';

/** Teams of the example organisation, with the annotations the mapping reads. */
export const teamEntities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: 'recsys',
      namespace: 'default',
      annotations: {
        'ai-platform.io/namespaces': 'recsys-train, recsys-serve',
        'ai-platform.io/cloud-tags': 'team=recsys',
        'ai-platform.io/monthly-budget': '1000',
      },
    },
    spec: { type: 'team' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: 'fraud-detection',
      namespace: 'default',
      annotations: { 'ai-platform.io/namespaces': 'fraud' },
    },
    spec: { type: 'team' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'vision-training',
      namespace: 'default',
      annotations: {
        'ai-platform.io/cost-labels': 'team=vision',
        'ai-platform.io/cloud-tags': 'cost-center=cv-42',
      },
    },
    spec: { type: 'ml-workspace', owner: 'vision' },
  },
];

export const mapping = TeamMapping.fromEntities(teamEntities);

export const spendConfig = readSpendConfig(
  new ConfigReader({
    aiPlatform: {
      spend: {
        currency: 'USD',
        splitRule: 'proportional',
        rates: [
          {
            gpuModel: 'NVIDIA H100 80GB HBM3',
            aliases: ['H100-SXM5-80GB'],
            'on-demand': 4,
            reserved: 2.5,
            spot: 1.5,
          },
        ],
        focus: {
          gpuSkus: [
            {
              match: 'p5.48xlarge',
              gpuModel: 'NVIDIA H100 80GB HBM3',
              gpusPerUnit: 8,
            },
          ],
        },
      },
    },
  }),
);

/** The demo's energy settings: H100 and H200 power ranges, cluster-a's PUE and grid. */
export const energyModel = new EnergyModel({
  config: readEnergyConfig(
    new ConfigReader({
      aiPlatform: {
        spend: {
          energy: {
            gpuPower: [
              {
                gpuModel: 'NVIDIA H100 80GB HBM3',
                idleWatts: 120,
                maxWatts: 700,
              },
              {
                gpuModel: 'NVIDIA H200 141GB HBM3e',
                idleWatts: 120,
                maxWatts: 700,
              },
            ],
            clusters: [
              { cluster: 'cluster-a', pue: 1.25, gridIntensity: 350 },
            ],
          },
        },
      },
    }),
  ),
});
