import { createPermission } from '@backstage/plugin-permission-common';
import {
  driftReadPermission,
  driftWritePermission,
} from '../drift/permissions';
import {
  spendImportPermission,
  spendReadAllPermission,
  spendReadPermission,
} from '../spend/permissions';

/** Ask for GPU quota for a team, or release it. */
export const quotaCreatePermission = createPermission({
  name: 'ai-platform.quota.create',
  attributes: { action: 'create' },
});

/** See quota requests and the pools' allocations. */
export const quotaReadPermission = createPermission({
  name: 'ai-platform.quota.read',
  attributes: { action: 'read' },
});

/** Approve or deny quota requests above a team's auto-approve limit: platform admins. */
export const quotaApprovePermission = createPermission({
  name: 'ai-platform.quota.approve',
  attributes: { action: 'update' },
});

/** Create ML workspaces for a team. */
export const workspaceCreatePermission = createPermission({
  name: 'ai-platform.workspace.create',
  attributes: { action: 'create' },
});

/** Import GPU inventory (nvidia-smi output) for a cluster: platform admins. */
export const inventoryImportPermission = createPermission({
  name: 'ai-platform.inventory.import',
  attributes: { action: 'update' },
});

/** Every permission of the suite, for registering with the permission framework. */
export const aiPlatformPermissions = [
  quotaCreatePermission,
  quotaReadPermission,
  quotaApprovePermission,
  workspaceCreatePermission,
  inventoryImportPermission,
  driftReadPermission,
  driftWritePermission,
  spendReadPermission,
  spendReadAllPermission,
  spendImportPermission,
];
