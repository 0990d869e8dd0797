import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  driftReadPermission,
  driftWindowInputSchema,
  driftWritePermission,
} from '@ai-platform/plugin-ai-platform-common';
import Router from 'express-promise-router';
import { parseInput } from '../parseInput';
import { requirePermission } from '../requirePermission';
import { DriftService } from './DriftService';

export function createDriftRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  service: DriftService;
}) {
  const { httpAuth, permissions, service } = options;
  const router = Router();

  router.post('/drift/windows', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await requirePermission(permissions, credentials, driftWritePermission);
    const input = parseInput(driftWindowInputSchema, req.body);
    const { id } = await service.ingest(input);
    // Evaluated by the scheduled task; the model's status says when.
    res.status(202).json({ id, status: 'pending' });
  });

  router.get('/drift/models', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await requirePermission(permissions, credentials, driftReadPermission);
    res.json({ items: await service.listModels(credentials) });
  });

  router.get('/drift/models/:kind/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await requirePermission(permissions, credentials, driftReadPermission);
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
