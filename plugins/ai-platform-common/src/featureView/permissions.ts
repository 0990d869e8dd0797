import { createPermission } from '@backstage/plugin-permission-common';

/** Define feature views for a team. */
export const featureViewCreatePermission = createPermission({
  name: 'ai-platform.feature-view.create',
  attributes: { action: 'create' },
});

/** See the feature views every team has defined. */
export const featureViewReadPermission = createPermission({
  name: 'ai-platform.feature-view.read',
  attributes: { action: 'read' },
});
