import { createPermission } from '@backstage/plugin-permission-common';
import { AI_PLATFORM_TEAM_RESOURCE_TYPE } from '../shared/resourceTypes';

/** See compute spend of the teams one belongs to. */
export const spendReadPermission = createPermission({
  name: 'ai-platform.spend.read',
  attributes: { action: 'read' },
});

/**
 * See the spend of one named team, checked against the team's group ref; the portal's policy
 * answers it with `IS_TEAM_MEMBER` for everyone but finance.
 */
export const spendReadTeamPermission = createPermission({
  name: 'ai-platform.spend.read.team',
  attributes: { action: 'read' },
  resourceType: AI_PLATFORM_TEAM_RESOURCE_TYPE,
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
