import {
  quotaReadPermission,
  workspaceCreatePermission,
  workspaceInputSchema,
} from '@ai-platform/plugin-ai-platform-common';
import Router from 'express-promise-router';
import { RequestContext } from '../shared/RequestContext';
import { WorkspaceService } from './WorkspaceService';

export function createWorkspaceRouter(
  http: RequestContext,
  service: WorkspaceService,
) {
  const router = Router();

  // Read by the catalog's ledger provider too.
  router.get('/workspaces', async (req, res) => {
    await http.authorize(req, quotaReadPermission, ['user', 'service']);
    res.json({ items: await service.list() });
  });

  // The ml-workspace template's image picker offers these; empty when any image goes.
  router.get('/workspaces/images', async (req, res) => {
    await http.authorize(req, quotaReadPermission, ['user', 'service']);
    res.json({ items: service.images() });
  });

  router.post('/workspaces', (req, res) =>
    http.create(req, res, {
      permission: workspaceCreatePermission,
      schema: workspaceInputSchema,
      eventId: 'workspace-create',
      meta: input => ({
        teamRef: input.teamRef,
        clusterRef: input.clusterRef,
        name: input.name,
      }),
      run: (input, options) => service.create(input, options),
    }),
  );

  return router;
}
