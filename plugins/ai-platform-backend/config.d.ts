import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the AI Platform plugins. */
  aiPlatform?: {
    drift?: {
      /** How often pending drift windows are evaluated. Every minute by default. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Days drift results and evaluated windows are kept. Defaults to 90. */
      retentionDays?: number;
      /**
       * Share of a model's features that must drift for the model to count as drifted
       * (Evidently's dataset drift). Defaults to 0.5; the `ai-platform.io/drift-share`
       * annotation overrides it per model.
       */
      datasetDriftShare?: number;
      /** A demo file of seeded samples to load at start-up (see examples/demo/drift.yaml). */
      demoData?: string;
    };
    pools?: {
      /**
       * How often GPU pools are re-read from `gpu-cluster` catalog entities.
       * Defaults to every minute.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    quota?: {
      /**
       * GPUs a team may hold at once, across pools, before a platform admin must approve
       * more. Defaults to 8.
       */
      autoApproveGpus?: number;
      /** Per-team overrides of `autoApproveGpus`. */
      teamLimits?: Array<{
        /** Group entity ref of the team, e.g. `group:default/llm-research`. */
        team: string;
        autoApproveGpus: number;
      }>;
      /** The longest window one quota request may cover, in days. Defaults to 90. */
      maxWindowDays?: number;
      /**
       * Groups whose members may approve and deny quota requests (the
       * `ai-platform.quota.approve` permission), as entity refs.
       */
      approvers?: string[];
      /** How often approved quotas become active and ended ones expire. Every minute by default. */
      lifecycleSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
