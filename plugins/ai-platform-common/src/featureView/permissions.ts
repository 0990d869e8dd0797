import { createPermission } from '@backstage/plugin-permission-common';

/** Define feature views for a team. */
export const featureViewCreatePermission = createPermission({
  name: 'ai-platform.feature-view.create',
  attributes: { action: 'create' },
});
