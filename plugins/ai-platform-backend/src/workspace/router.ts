import {
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  quotaReadPermission,
  workspaceCreatePermission,
  workspaceInputSchema,
} from '@ai-platform/plugin-ai-platform-common';
import Router from 'express-promise-router';
import { parseInput } from '../parseInput';
import { requirePermission } from '../requirePermission';
import { DatabaseWorkspaceStore } from './DatabaseWorkspaceStore';
import { WorkspaceService } from './WorkspaceService';

export function createWorkspaceRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  userInfo: UserInfoService;
  service: WorkspaceService;
  store: DatabaseWorkspaceStore;
}) {
  const { httpAuth, permissions, userInfo, service, store } = options;
  const router = Router();

  router.get('/workspaces', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await requirePermission(permissions, credentials, quotaReadPermission);
    res.json({ items: await store.list() });
  });

  router.post('/workspaces', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await requirePermission(
      permissions,
      credentials,
      workspaceCreatePermission,
    );
    const input = parseInput(workspaceInputSchema, req.body);
    const info = await userInfo.getUserInfo(credentials);
    const dryRun = req.query.dryRun === 'true';
    const result = await service.create(input, {
      actor: {
        userRef: info.userEntityRef,
        ownershipRefs: info.ownershipEntityRefs,
      },
      idempotencyKey: req.header('idempotency-key') || undefined,
      dryRun,
    });
    res.status(dryRun ? 200 : 201).json(result);
  });

  return router;
}
