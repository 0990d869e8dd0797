import {
  inventoryImportInputSchema,
  inventoryImportPermission,
} from '@ai-platform/plugin-ai-platform-common';
import Router from 'express-promise-router';
import { RequestContext } from '../shared/RequestContext';
import { PoolsService } from './PoolsService';

export function createPoolsRouter(http: RequestContext, service: PoolsService) {
  const router = Router();

  // Capacity is not team data: any signed-in user or backend plugin may read it.
  router.get('/pools', async (req, res) => {
    await http.credentials(req, ['user', 'service']);
    res.json({ items: await service.listPools() });
  });

  router.get('/inventory', async (req, res) => {
    await http.credentials(req, ['user', 'service']);
    res.json({ items: await service.listDevices() });
  });

  router.post('/inventory', async (req, res) => {
    await http.authorize(req, inventoryImportPermission);
    const input = http.parse(inventoryImportInputSchema, req.body);
    const result = await http.audited(
      req,
      'inventory-import',
      { clusterRef: input.clusterRef, format: input.format },
      () => service.importInventory(input),
    );
    res.status(201).json(result);
  });

  return router;
}
