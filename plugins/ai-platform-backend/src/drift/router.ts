import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  driftReadPermission,
  driftWindowInputSchema,
  driftWritePermission,
} from '@ai-platform/plugin-ai-platform-common';
import Router from 'express-promise-router';
import { RequestContext } from '../shared/RequestContext';
import { DriftService } from './DriftService';

// Windows come from pipelines (service tokens) as well as people.
const CALLERS = ['user', 'service'] as const;

export function createDriftRouter(http: RequestContext, service: DriftService) {
  const router = Router();

  router.post('/drift/windows', async (req, res) => {
    await http.authorize(req, driftWritePermission, [...CALLERS]);
    const input = http.parse(driftWindowInputSchema, req.body);
    const { id } = await http.audited(
      req,
      'drift-window',
      { model: input.model, feature: input.feature, role: input.role },
      () => service.ingest(input),
    );
    // Evaluated by the scheduled task; the model's status says when.
    res.status(202).json({ id, status: 'pending' });
  });

  router.get('/drift/models', async (req, res) => {
    const credentials = await http.authorize(req, driftReadPermission, [
      ...CALLERS,
    ]);
    res.json({ items: await service.listModels(credentials) });
  });

  router.get('/drift/models/:kind/:namespace/:name', async (req, res) => {
    const credentials = await http.authorize(req, driftReadPermission, [
      ...CALLERS,
    ]);
    const { kind, namespace, name } = req.params;
    res.json(
      await service.getModel(
        stringifyEntityRef({ kind, namespace, name }),
        credentials,
      ),
    );
  });

  return router;
}
