import {
  modelRegistryCreatePermission,
  modelRegistryEntryInputSchema,
  modelRegistryReadPermission,
} from '@ai-platform/plugin-ai-platform-common';
import Router from 'express-promise-router';
import { RequestContext } from '../shared/RequestContext';
import { ModelRegistryService } from './ModelRegistryService';

export function createModelRegistryRouter(
  http: RequestContext,
  service: ModelRegistryService,
) {
  const router = Router();

  // Read by the catalog's ledger provider too.
  router.get('/model-registry/entries', async (req, res) => {
    await http.authorize(req, modelRegistryReadPermission, ['user', 'service']);
    res.json({ items: await service.list() });
  });

  // Fetched by the scaffolder action and other plugins; the catalog's titles as the caller sees them.
  router.get('/model-registry/entries/:name/model-card', async (req, res) => {
    const credentials = await http.authorize(req, modelRegistryReadPermission, [
      'user',
      'service',
    ]);
    const card = await service.modelCard(req.params.name, credentials);
    res.type('text/markdown; charset=utf-8').send(card);
  });

  router.post('/model-registry/entries', (req, res) =>
    http.create(req, res, {
      permission: modelRegistryCreatePermission,
      schema: modelRegistryEntryInputSchema,
      eventId: 'model-registry-create',
      meta: input => ({
        teamRef: input.teamRef,
        name: input.name,
        riskClass: input.riskClass,
      }),
      run: (input, options) => service.create(input, options),
    }),
  );

  return router;
}
