import express from 'express';
import Router from 'express-promise-router';

/** The plugin's HTTP API: the domains' routers, plus the unauthenticated health check. */
export function createRouter(domainRouters: express.Router[]): express.Router {
  const router = Router();
  // Drift windows carry up to 100 000 values; the parser that runs first wins.
  router.use('/drift', express.json({ limit: '8mb' }));
  router.use(express.json({ limit: '1mb' }));

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  for (const domainRouter of domainRouters) {
    router.use(domainRouter);
  }
  return router;
}
