import express from 'express';
import Router from 'express-promise-router';

/** The plugin's HTTP API: the domains' routers, plus the unauthenticated health check. */
export function createRouter(domainRouters: express.Router[]): express.Router {
  const router = Router();
  router.use(express.json({ limit: '1mb' }));

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  for (const domainRouter of domainRouters) {
    router.use(domainRouter);
  }
  return router;
}
