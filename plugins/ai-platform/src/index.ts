/**
 * The AI Platform frontend plugin: the platform overview page and entity cards.
 *
 * @packageDocumentation
 */
export {
  aiPlatformPlugin,
  AiPlatformPage,
  ComputeSpendPage,
  CronSchedulePickerFieldExtension,
  EntityClusterPoolsCard,
  EntityFabricHealthCard,
  EntityLineageContent,
  EntityModelDriftCard,
  EntityPipelineRunsCard,
  EntityTeamAiResourcesCard,
  EntityTeamQuotasCard,
  EntityTeamSpendCard,
  GpuPoolPickerFieldExtension,
  GpuQuotasPage,
  ModelDriftPage,
  NetworkFabricPage,
} from './plugin';
export * from './api';
export { isLineageEntity } from './components/EntityLineageContent/lineage';
