import { createPermission } from '@backstage/plugin-permission-common';

/** See the fabric's topology, health and the teams behind unhealthy links. */
export const fabricReadPermission = createPermission({
  name: 'ai-platform.fabric.read',
  attributes: { action: 'read' },
});
