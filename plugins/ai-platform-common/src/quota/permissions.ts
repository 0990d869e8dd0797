import { createPermission } from '@backstage/plugin-permission-common';

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
