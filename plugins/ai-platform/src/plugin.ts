import {
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { defaultApis } from './api/defaultApis';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import {
  complianceRouteRef,
  computeSpendRouteRef,
  modelDriftRouteRef,
  networkFabricRouteRef,
  quotasRouteRef,
  rootRouteRef,
} from './routes';
import { GpuPoolPicker, validateGpuPool } from './components/GpuPoolPicker';
import {
  CronSchedulePicker,
  validateCronSchedule,
} from './components/CronSchedulePicker';
import { WorkspaceImagePicker } from './components/WorkspaceImagePicker';

/**
 * The AI Platform frontend plugin, for apps on the legacy frontend system.
 *
 * @public
 */
export const aiPlatformPlugin = createPlugin({
  id: 'ai-platform',
  apis: Object.values(defaultApis),
  routes: {
    root: rootRouteRef,
    quotas: quotasRouteRef,
    modelDrift: modelDriftRouteRef,
    computeSpend: computeSpendRouteRef,
    networkFabric: networkFabricRouteRef,
    compliance: complianceRouteRef,
  },
});

/** @public */
export const ComputeSpendPage = aiPlatformPlugin.provide(
  createRoutableExtension({
    name: 'ComputeSpendPage',
    component: () =>
      import('./components/ComputeSpendPage').then(m => m.ComputeSpendPage),
    mountPoint: computeSpendRouteRef,
  }),
);

/** @public */
export const EntityTeamSpendCard = aiPlatformPlugin.provide(
  createComponentExtension({
    name: 'EntityTeamSpendCard',
    component: {
      lazy: () =>
        import('./components/TeamSpendCard').then(m => m.TeamSpendCard),
    },
  }),
);

/** @public */
export const AiPlatformPage = aiPlatformPlugin.provide(
  createRoutableExtension({
    name: 'AiPlatformPage',
    component: () =>
      import('./components/OverviewPage').then(m => m.OverviewPage),
    mountPoint: rootRouteRef,
  }),
);

/** @public */
export const EntityTeamAiResourcesCard = aiPlatformPlugin.provide(
  createComponentExtension({
    name: 'EntityTeamAiResourcesCard',
    component: {
      lazy: () =>
        import('./components/TeamAiResourcesCard').then(
          m => m.TeamAiResourcesCard,
        ),
    },
  }),
);

/** @public */
export const GpuQuotasPage = aiPlatformPlugin.provide(
  createRoutableExtension({
    name: 'GpuQuotasPage',
    component: () => import('./components/QuotasPage').then(m => m.QuotasPage),
    mountPoint: quotasRouteRef,
  }),
);

/** @public */
export const EntityTeamQuotasCard = aiPlatformPlugin.provide(
  createComponentExtension({
    name: 'EntityTeamQuotasCard',
    component: {
      lazy: () =>
        import('./components/TeamQuotasCard').then(m => m.TeamQuotasCard),
    },
  }),
);

/** Scaffolder field `ui:field: GpuPoolPicker`, for apps on the legacy frontend system. @public */
export const GpuPoolPickerFieldExtension = aiPlatformPlugin.provide(
  createScaffolderFieldExtension({
    name: 'GpuPoolPicker',
    component: GpuPoolPicker,
    validation: validateGpuPool,
  }),
);

/** @public */
export const ModelDriftPage = aiPlatformPlugin.provide(
  createRoutableExtension({
    name: 'ModelDriftPage',
    component: () =>
      import('./components/ModelDriftPage').then(m => m.ModelDriftPage),
    mountPoint: modelDriftRouteRef,
  }),
);

/** @public */
export const EntityModelDriftCard = aiPlatformPlugin.provide(
  createComponentExtension({
    name: 'EntityModelDriftCard',
    component: {
      lazy: () =>
        import('./components/ModelDriftCard').then(m => m.ModelDriftCard),
    },
  }),
);

/** Training energy, CO₂e and water of an `ai-model` Resource, through its pipelines' namespaces. @public */
export const EntityTrainingEnergyCard = aiPlatformPlugin.provide(
  createComponentExtension({
    name: 'EntityTrainingEnergyCard',
    component: {
      lazy: () =>
        import('./components/TrainingEnergyCard').then(
          m => m.TrainingEnergyCard,
        ),
    },
  }),
);

/** Schedule, next runs and Airflow's recent runs of an `ml-pipeline` Component. @public */
export const EntityPipelineRunsCard = aiPlatformPlugin.provide(
  createComponentExtension({
    name: 'EntityPipelineRunsCard',
    component: {
      lazy: () =>
        import('./components/PipelineRunsCard').then(m => m.PipelineRunsCard),
    },
  }),
);

/** Scaffolder field `ui:field: CronSchedulePicker`, for apps on the legacy frontend system. @public */
export const CronSchedulePickerFieldExtension = aiPlatformPlugin.provide(
  createScaffolderFieldExtension({
    name: 'CronSchedulePicker',
    component: CronSchedulePicker,
    validation: validateCronSchedule,
  }),
);

/** Scaffolder field `ui:field: WorkspaceImagePicker`, for apps on the legacy frontend system. @public */
export const WorkspaceImagePickerFieldExtension = aiPlatformPlugin.provide(
  createScaffolderFieldExtension({
    name: 'WorkspaceImagePicker',
    component: WorkspaceImagePicker,
  }),
);

/**
 * The "Lineage" tab of datasets, feature views, ML pipelines, AI models and model servers:
 * upstream and downstream, with drift and spend. Route it where `isLineageEntity` holds.
 *
 * @public
 */
export const EntityLineageContent = aiPlatformPlugin.provide(
  createComponentExtension({
    name: 'EntityLineageContent',
    component: {
      lazy: () =>
        import('./components/EntityLineageContent').then(
          m => m.EntityLineageContent,
        ),
    },
  }),
);

/** The fabric's topology and health, and the teams behind unhealthy links. @public */
export const NetworkFabricPage = aiPlatformPlugin.provide(
  createRoutableExtension({
    name: 'NetworkFabricPage',
    component: () =>
      import('./components/NetworkFabricPage').then(m => m.NetworkFabricPage),
    mountPoint: networkFabricRouteRef,
  }),
);

/** Health, worst links and affected teams of a `network-fabric` or `gpu-cluster` Resource. @public */
export const EntityFabricHealthCard = aiPlatformPlugin.provide(
  createComponentExtension({
    name: 'EntityFabricHealthCard',
    component: {
      lazy: () =>
        import('./components/FabricHealthCard').then(m => m.FabricHealthCard),
    },
  }),
);

/** A `gpu-cluster` Resource's GPU pools: capacity, allocation and utilization. @public */
export const EntityClusterPoolsCard = aiPlatformPlugin.provide(
  createComponentExtension({
    name: 'EntityClusterPoolsCard',
    component: {
      lazy: () =>
        import('./components/ClusterPoolsCard').then(m => m.ClusterPoolsCard),
    },
  }),
);

/** Compliance across teams: the heat map of team × category, the trend and the checks. @public */
export const CompliancePage = aiPlatformPlugin.provide(
  createRoutableExtension({
    name: 'CompliancePage',
    component: () =>
      import('./components/CompliancePage').then(m => m.CompliancePage),
    mountPoint: complianceRouteRef,
  }),
);

/** An entity's compliance scorecard: level, each check with its value and how to fix it. @public */
export const EntityComplianceScorecardCard = aiPlatformPlugin.provide(
  createComponentExtension({
    name: 'EntityComplianceScorecardCard',
    component: {
      lazy: () =>
        import('./components/ComplianceScorecardCard').then(
          m => m.ComplianceScorecardCard,
        ),
    },
  }),
);

/** A team's entities by compliance level and category. @public */
export const EntityTeamComplianceCard = aiPlatformPlugin.provide(
  createComponentExtension({
    name: 'EntityTeamComplianceCard',
    component: {
      lazy: () =>
        import('./components/TeamComplianceCard').then(
          m => m.TeamComplianceCard,
        ),
    },
  }),
);
