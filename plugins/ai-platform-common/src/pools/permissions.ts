import { createPermission } from '@backstage/plugin-permission-common';

/** Import GPU inventory (nvidia-smi output) for a cluster: platform admins. */
export const inventoryImportPermission = createPermission({
  name: 'ai-platform.inventory.import',
  attributes: { action: 'update' },
});
