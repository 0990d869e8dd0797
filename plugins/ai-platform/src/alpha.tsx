import {
  ApiBlueprint,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  createFormField,
  FormFieldBlueprint,
} from '@backstage/plugin-scaffolder-react/alpha';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import MemoryIcon from '@mui/icons-material/Memory';
import DeveloperBoardIcon from '@mui/icons-material/DeveloperBoard';
import TimelineIcon from '@mui/icons-material/Timeline';
import PaidIcon from '@mui/icons-material/Paid';
import HubIcon from '@mui/icons-material/Hub';
import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import { defaultApis } from './api/defaultApis';
import {
  complianceRouteRef,
  computeSpendRouteRef,
  modelDriftRouteRef,
  networkFabricRouteRef,
  quotasRouteRef,
  rootRouteRef,
} from './routes';

const apis = Object.entries(defaultApis).map(([name, factory]) =>
  ApiBlueprint.make({ name, params: defineParams => defineParams(factory) }),
);

const overviewPage = PageBlueprint.make({
  params: {
    path: '/ai-platform',
    title: 'AI Platform',
    icon: <MemoryIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    noHeader: true,
    loader: () =>
      import('./components/OverviewPage').then(m => <m.OverviewPage />),
  },
});

const quotasPage = PageBlueprint.make({
  name: 'quotas',
  params: {
    path: '/gpu-quotas',
    title: 'GPU quotas',
    icon: <DeveloperBoardIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(quotasRouteRef),
    noHeader: true,
    loader: () => import('./components/QuotasPage').then(m => <m.QuotasPage />),
  },
});

const modelDriftPage = PageBlueprint.make({
  name: 'model-drift',
  params: {
    path: '/model-drift',
    title: 'Model drift',
    icon: <TimelineIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(modelDriftRouteRef),
    noHeader: true,
    loader: () =>
      import('./components/ModelDriftPage').then(m => <m.ModelDriftPage />),
  },
});

const computeSpendPage = PageBlueprint.make({
  name: 'compute-spend',
  params: {
    path: '/compute-spend',
    title: 'Compute spend',
    icon: <PaidIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(computeSpendRouteRef),
    noHeader: true,
    loader: () =>
      import('./components/ComputeSpendPage').then(m => <m.ComputeSpendPage />),
  },
});

const networkFabricPage = PageBlueprint.make({
  name: 'network-fabric',
  params: {
    path: '/network-fabric',
    title: 'Network fabric',
    icon: <HubIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(networkFabricRouteRef),
    noHeader: true,
    loader: () =>
      import('./components/NetworkFabricPage').then(m => (
        <m.NetworkFabricPage />
      )),
  },
});

const fabricHealthCard = EntityCardBlueprint.make({
  name: 'fabric-health',
  params: {
    filter: {
      kind: 'resource',
      'spec.type': { $in: ['network-fabric', 'gpu-cluster'] },
    },
    loader: () =>
      import('./components/FabricHealthCard').then(m => <m.FabricHealthCard />),
  },
});

const clusterPoolsCard = EntityCardBlueprint.make({
  name: 'cluster-pools',
  params: {
    filter: { kind: 'resource', 'spec.type': 'gpu-cluster' },
    loader: () =>
      import('./components/ClusterPoolsCard').then(m => <m.ClusterPoolsCard />),
  },
});

const compliancePage = PageBlueprint.make({
  name: 'compliance',
  params: {
    path: '/compliance',
    title: 'Compliance',
    icon: <VerifiedUserIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(complianceRouteRef),
    noHeader: true,
    loader: () =>
      import('./components/CompliancePage').then(m => <m.CompliancePage />),
  },
});

// On the kinds the default checks cover; the card says so when none apply.
const complianceScorecardCard = EntityCardBlueprint.make({
  name: 'compliance-scorecard',
  params: {
    filter: {
      kind: { $in: ['resource', 'component', 'api', 'system', 'domain'] },
    },
    loader: () =>
      import('./components/ComplianceScorecardCard').then(m => (
        <m.ComplianceScorecardCard />
      )),
  },
});

const teamComplianceCard = EntityCardBlueprint.make({
  name: 'team-compliance',
  params: {
    filter: 'kind:group',
    loader: () =>
      import('./components/TeamComplianceCard').then(m => (
        <m.TeamComplianceCard />
      )),
  },
});

const teamSpendCard = EntityCardBlueprint.make({
  name: 'team-spend',
  params: {
    filter: 'kind:group',
    loader: () =>
      import('./components/TeamSpendCard').then(m => <m.TeamSpendCard />),
  },
});

const modelDriftCard = EntityCardBlueprint.make({
  name: 'model-drift',
  params: {
    filter: { kind: 'resource', 'spec.type': 'ai-model' },
    type: 'content',
    loader: () =>
      import('./components/ModelDriftCard').then(m => <m.ModelDriftCard />),
  },
});

const trainingEnergyCard = EntityCardBlueprint.make({
  name: 'training-energy',
  params: {
    filter: { kind: 'resource', 'spec.type': 'ai-model' },
    loader: () =>
      import('./components/TrainingEnergyCard').then(m => (
        <m.TrainingEnergyCard />
      )),
  },
});

const teamAiResourcesCard = EntityCardBlueprint.make({
  name: 'team-ai-resources',
  params: {
    filter: 'kind:group',
    loader: () =>
      import('./components/TeamAiResourcesCard').then(m => (
        <m.TeamAiResourcesCard />
      )),
  },
});

const teamQuotasCard = EntityCardBlueprint.make({
  name: 'team-quotas',
  params: {
    filter: 'kind:group',
    loader: () =>
      import('./components/TeamQuotasCard').then(m => <m.TeamQuotasCard />),
  },
});

const gpuPoolPickerField = FormFieldBlueprint.make({
  name: 'gpu-pool-picker',
  params: {
    field: () =>
      import('./components/GpuPoolPicker').then(m =>
        createFormField({
          name: 'GpuPoolPicker',
          component: m.GpuPoolPicker,
          validation: m.validateGpuPool,
        }),
      ),
  },
});

const pipelineRunsCard = EntityCardBlueprint.make({
  name: 'pipeline-runs',
  params: {
    filter: { kind: 'component', 'spec.type': 'ml-pipeline' },
    type: 'content',
    loader: () =>
      import('./components/PipelineRunsCard').then(m => <m.PipelineRunsCard />),
  },
});

const lineageContent = EntityContentBlueprint.make({
  name: 'lineage',
  params: {
    path: '/lineage',
    title: 'Lineage',
    filter: {
      $any: [
        {
          kind: 'resource',
          'spec.type': { $in: ['dataset', 'feature-view', 'ai-model'] },
        },
        {
          kind: 'component',
          'spec.type': { $in: ['ml-pipeline', 'model-server'] },
        },
      ],
    },
    loader: () =>
      import('./components/EntityLineageContent').then(m => (
        <m.EntityLineageContent />
      )),
  },
});

const cronSchedulePickerField = FormFieldBlueprint.make({
  name: 'cron-schedule-picker',
  params: {
    field: () =>
      import('./components/CronSchedulePicker').then(m =>
        createFormField({
          name: 'CronSchedulePicker',
          component: m.CronSchedulePicker,
          validation: m.validateCronSchedule,
        }),
      ),
  },
});

const workspaceImagePickerField = FormFieldBlueprint.make({
  name: 'workspace-image-picker',
  params: {
    field: () =>
      import('./components/WorkspaceImagePicker').then(m =>
        createFormField({
          name: 'WorkspaceImagePicker',
          component: m.WorkspaceImagePicker,
        }),
      ),
  },
});

/**
 * The AI Platform frontend plugin, for apps on the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'ai-platform',
  title: 'AI Platform',
  icon: <MemoryIcon fontSize="inherit" />,
  routes: {
    root: convertLegacyRouteRef(rootRouteRef),
    quotas: convertLegacyRouteRef(quotasRouteRef),
    modelDrift: convertLegacyRouteRef(modelDriftRouteRef),
    computeSpend: convertLegacyRouteRef(computeSpendRouteRef),
    networkFabric: convertLegacyRouteRef(networkFabricRouteRef),
    compliance: convertLegacyRouteRef(complianceRouteRef),
  },
  extensions: [
    ...apis,
    overviewPage,
    quotasPage,
    modelDriftPage,
    computeSpendPage,
    networkFabricPage,
    compliancePage,
    complianceScorecardCard,
    teamComplianceCard,
    fabricHealthCard,
    clusterPoolsCard,
    modelDriftCard,
    trainingEnergyCard,
    teamAiResourcesCard,
    teamQuotasCard,
    teamSpendCard,
    gpuPoolPickerField,
    pipelineRunsCard,
    lineageContent,
    cronSchedulePickerField,
    workspaceImagePickerField,
  ],
});
