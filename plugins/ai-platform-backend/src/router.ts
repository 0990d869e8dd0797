import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { createPoolsRouter } from './pools/router';
import { PoolStore } from './pools/PoolStore';

/** The plugin's HTTP API: one sub-router per domain, plus the unauthenticated health check. */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  poolStore: PoolStore;
}): Promise<express.Router> {
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.use(
    createPoolsRouter({ httpAuth: options.httpAuth, store: options.poolStore }),
  );

  return router;
}
