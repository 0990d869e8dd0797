import { createPermission } from '@backstage/plugin-permission-common';

/** See scorecards, rollups, the heat map and evidence packs. */
export const complianceReadPermission = createPermission({
  name: 'ai-platform.compliance.read',
  attributes: { action: 'read' },
});

/** Re-evaluate an entity on demand. */
export const complianceEvaluatePermission = createPermission({
  name: 'ai-platform.compliance.evaluate',
  attributes: { action: 'update' },
});

/** Approve an exemption from a check (compliance officers). */
export const complianceExemptPermission = createPermission({
  name: 'ai-platform.compliance.exempt',
  attributes: { action: 'create' },
});
