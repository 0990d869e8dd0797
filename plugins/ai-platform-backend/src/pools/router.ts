import { HttpAuthService } from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';
import { PoolStore } from './PoolStore';

export function createPoolsRouter(options: {
  httpAuth: HttpAuthService;
  store: PoolStore;
}) {
  const { httpAuth, store } = options;
  const router = Router();

  router.get('/pools', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ items: await store.listPools() });
  });

  return router;
}
