import {
  featureViewCreatePermission,
  featureViewInputSchema,
  featureViewReadPermission,
} from '@ai-platform/plugin-ai-platform-common';
import Router from 'express-promise-router';
import { RequestContext } from '../shared/RequestContext';
import { FeatureViewService } from './FeatureViewService';

export function createFeatureViewRouter(
  http: RequestContext,
  service: FeatureViewService,
) {
  const router = Router();

  // Read by the catalog's ledger provider too.
  router.get('/feature-views', async (req, res) => {
    await http.authorize(req, featureViewReadPermission, ['user', 'service']);
    res.json({ items: await service.list() });
  });

  router.post('/feature-views', (req, res) =>
    http.create(req, res, {
      permission: featureViewCreatePermission,
      schema: featureViewInputSchema,
      eventId: 'feature-view-create',
      meta: input => ({
        teamRef: input.teamRef,
        datasetRef: input.datasetRef,
        name: input.name,
      }),
      run: (input, options) => service.create(input, options),
    }),
  );

  return router;
}
