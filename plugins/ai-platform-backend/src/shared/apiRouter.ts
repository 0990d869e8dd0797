import {
  HttpRouterService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { Domain } from './domain';

/** The plugin's HTTP API: every domain's routes, behind JSON parsing, plus `/health`. */
function createApiRouter(domains: Domain<unknown>[]): express.Router {
  const router = Router();
  // A body parser that runs first wins, so larger per-path limits go before the default.
  for (const domain of domains) {
    for (const [path, limit] of Object.entries(domain.jsonLimits ?? {})) {
      router.use(path, express.json({ limit }));
    }
  }
  router.use(express.json({ limit: '1mb' }));
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  for (const domain of domains) {
    if (domain.router) router.use(domain.router);
  }
  return router;
}

/** Schedules every domain's tasks and serves their routes, `/health` without a token. */
export async function mountDomains(
  domains: Domain<unknown>[],
  services: { scheduler: SchedulerService; httpRouter: HttpRouterService },
) {
  for (const { id, schedule, fn } of domains.flatMap(d => d.tasks ?? [])) {
    await services.scheduler.scheduleTask({ id, ...schedule, fn });
  }
  services.httpRouter.use(createApiRouter(domains));
  services.httpRouter.addAuthPolicy({
    path: '/health',
    allow: 'unauthenticated',
  });
}
