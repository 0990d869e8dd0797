import { createPermission } from '@backstage/plugin-permission-common';

/** See compute spend of the teams one belongs to. */
export const spendReadPermission = createPermission({
  name: 'ai-platform.spend.read',
  attributes: { action: 'read' },
});

/** See every team's spend, the unallocated bucket and org totals: finance. */
export const spendReadAllPermission = createPermission({
  name: 'ai-platform.spend.read.all',
  attributes: { action: 'read' },
});

/** Import billing exports (FOCUS files): finance and automation. */
export const spendImportPermission = createPermission({
  name: 'ai-platform.spend.import',
  attributes: { action: 'create' },
});
