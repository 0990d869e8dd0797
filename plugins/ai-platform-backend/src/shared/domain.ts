import {
  AuthService,
  LoggerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import express from 'express';
import { Knex } from 'knex';
import { RequestContext } from './RequestContext';

/** What the plugin hands every domain: its services, the migrated database, the request context. */
export interface DomainEnv {
  config: RootConfigService;
  logger: LoggerService;
  auth: AuthService;
  catalog: CatalogService;
  notifications: NotificationService;
  db: Knex;
  http: RequestContext;
  /** Reads files by URL from the integrations (compliance reads model cards with it). */
  urlReader?: UrlReaderService;
}

/** Work a domain runs on Backstage's scheduler: one replica at a time. */
export interface DomainTask {
  id: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
  fn: () => Promise<void>;
}

/** What a domain's factory returns: its service for other domains, routes and tasks. */
export interface Domain<S> {
  service: S;
  router?: express.Router;
  /** JSON body limits above the default 1 MB, by path prefix. */
  jsonLimits?: Record<string, string>;
  tasks?: DomainTask[];
}

/** Every minute, the default of the domains' frequent tasks. */
const EVERY_MINUTE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 1 },
  timeout: { minutes: 1 },
  initialDelay: { seconds: 10 },
};

/** A task whose schedule an adopter may set at `configKey`; the domain's default otherwise. */
export function configuredTask(
  config: RootConfigService,
  task: {
    id: string;
    configKey: string;
    fallback?: SchedulerServiceTaskScheduleDefinition;
    fn: () => Promise<void>;
  },
): DomainTask {
  const schedule = config.getOptionalConfig(task.configKey);
  return {
    id: task.id,
    schedule: schedule
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
      : task.fallback ?? EVERY_MINUTE,
    fn: task.fn,
  };
}

/** Demo seeding: soon after start, then every ten minutes to add what is new. */
export const DEMO_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 5 },
  initialDelay: { seconds: 5 },
};
