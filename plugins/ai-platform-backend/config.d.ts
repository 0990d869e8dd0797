import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the AI Platform plugins. */
  aiPlatform?: {
    pools?: {
      /**
       * How often GPU pools are re-read from `gpu-cluster` catalog entities.
       * Defaults to every minute.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
