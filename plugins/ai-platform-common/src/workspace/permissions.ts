import { createPermission } from '@backstage/plugin-permission-common';

/** Create ML workspaces for a team. */
export const workspaceCreatePermission = createPermission({
  name: 'ai-platform.workspace.create',
  attributes: { action: 'create' },
});
