import {
  complianceEvaluatePermission,
  complianceExemptPermission,
  complianceReadPermission,
} from '../compliance/permissions';
import {
  driftReadPermission,
  driftWritePermission,
} from '../drift/permissions';
import {
  featureViewCreatePermission,
  featureViewReadPermission,
} from '../featureView/permissions';
import {
  modelRegistryCreatePermission,
  modelRegistryReadPermission,
} from '../modelRegistry/permissions';
import {
  pipelineCreatePermission,
  pipelineReadPermission,
} from '../pipeline/permissions';
import { fabricReadPermission } from '../fabric/permissions';
import { inventoryImportPermission } from '../pools/permissions';
import {
  quotaApprovePermission,
  quotaCreatePermission,
  quotaReadPermission,
} from '../quota/permissions';
import {
  spendImportPermission,
  spendReadAllPermission,
  spendReadPermission,
  spendReadTeamPermission,
} from '../spend/permissions';
import { workspaceCreatePermission } from '../workspace/permissions';

/** Every permission of the suite, for registering with the permission framework. */
export const aiPlatformPermissions = [
  quotaCreatePermission,
  quotaReadPermission,
  quotaApprovePermission,
  workspaceCreatePermission,
  inventoryImportPermission,
  driftReadPermission,
  driftWritePermission,
  spendReadPermission,
  spendReadTeamPermission,
  spendReadAllPermission,
  spendImportPermission,
  featureViewCreatePermission,
  featureViewReadPermission,
  modelRegistryCreatePermission,
  modelRegistryReadPermission,
  pipelineCreatePermission,
  pipelineReadPermission,
  fabricReadPermission,
  complianceReadPermission,
  complianceEvaluatePermission,
  complianceExemptPermission,
];
