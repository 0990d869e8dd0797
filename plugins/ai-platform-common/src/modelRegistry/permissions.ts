import { createPermission } from '@backstage/plugin-permission-common';

/** Register models for a team (and in MLflow, where configured). */
export const modelRegistryCreatePermission = createPermission({
  name: 'ai-platform.model-registry.create',
  attributes: { action: 'create' },
});

/** See the registry entries the portal recorded. */
export const modelRegistryReadPermission = createPermission({
  name: 'ai-platform.model-registry.read',
  attributes: { action: 'read' },
});
