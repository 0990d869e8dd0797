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
  EntityModelDriftCard,
  EntityPipelineRunsCard,
  EntityTeamAiResourcesCard,
  EntityTeamQuotasCard,
  EntityTeamSpendCard,
  GpuPoolPickerFieldExtension,
  GpuQuotasPage,
  ModelDriftPage,
} from './plugin';
export * from './api';
