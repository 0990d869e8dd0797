/**
 * The AI Platform frontend plugin: the platform overview page and entity cards.
 *
 * @packageDocumentation
 */
export {
  aiPlatformPlugin,
  AiPlatformPage,
  CompliancePage,
  ComputeSpendPage,
  CronSchedulePickerFieldExtension,
  EntityClusterPoolsCard,
  EntityComplianceScorecardCard,
  EntityFabricHealthCard,
  EntityLineageContent,
  EntityModelDriftCard,
  EntityTrainingEnergyCard,
  EntityPipelineRunsCard,
  EntityTeamComplianceCard,
  EntityTeamAiResourcesCard,
  EntityTeamQuotasCard,
  EntityTeamSpendCard,
  GpuPoolPickerFieldExtension,
  GpuQuotasPage,
  ModelDriftPage,
  NetworkFabricPage,
  WorkspaceImagePickerFieldExtension,
} from './plugin';
export * from './api';
export { isLineageEntity } from './components/EntityLineageContent/lineage';
