import { createPermission } from '@backstage/plugin-permission-common';

/** See models' drift status and per-feature results. */
export const driftReadPermission = createPermission({
  name: 'ai-platform.drift.read',
  attributes: { action: 'read' },
});

/** Push reference and current windows of a model's features. */
export const driftWritePermission = createPermission({
  name: 'ai-platform.drift.write',
  attributes: { action: 'create' },
});
