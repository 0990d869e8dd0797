import {
  fabricGraphQuerySchema,
  fabricHistoryQuerySchema,
  fabricReadPermission,
  fabricSummaryQuerySchema,
} from '@ai-platform/plugin-ai-platform-common';
import Router from 'express-promise-router';
import { RequestContext } from '../shared/RequestContext';
import { FabricService } from './FabricService';

// Schedulers and other plugins read the fabric's state as well as people.
const CALLERS = ['user', 'service'] as const;

export function createFabricRouter(
  http: RequestContext,
  service: FabricService,
) {
  const router = Router();

  router.get('/fabric/graph', async (req, res) => {
    await http.authorize(req, fabricReadPermission, [...CALLERS]);
    res.json(
      await service.graph(http.parse(fabricGraphQuerySchema, req.query)),
    );
  });

  router.get('/fabric/summary', async (req, res) => {
    await http.authorize(req, fabricReadPermission, [...CALLERS]);
    const { entityRef } = http.parse(fabricSummaryQuerySchema, req.query);
    res.json(await service.summary(entityRef));
  });

  router.get('/fabric/links/:id/history', async (req, res) => {
    await http.authorize(req, fabricReadPermission, [...CALLERS]);
    const { hours } = http.parse(fabricHistoryQuerySchema, req.query);
    res.json({ items: await service.history(req.params.id, hours) });
  });

  router.get('/fabric/sources', async (req, res) => {
    await http.authorize(req, fabricReadPermission, [...CALLERS]);
    res.json({ items: await service.sources() });
  });

  return router;
}
