import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  inventoryImportPermission,
  quotaApprovePermission,
} from '@ai-platform/plugin-ai-platform-common';

/**
 * The portal's permission policy: quota approvals and GPU inventory imports are for members of
 * the groups in `aiPlatform.quota.approvers`; everything else is allowed to signed-in users.
 */
export class AiPlatformPermissionPolicy implements PermissionPolicy {
  constructor(private readonly approvers: string[]) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (
      isPermission(request.permission, quotaApprovePermission) ||
      isPermission(request.permission, inventoryImportPermission)
    ) {
      const refs = user?.info.ownershipEntityRefs ?? [];
      return {
        result: refs.some(ref => this.approvers.includes(ref))
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

export const permissionModuleAiPlatformPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'ai-platform-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(
          new AiPlatformPermissionPolicy(
            config.getOptionalStringArray('aiPlatform.quota.approvers') ?? [],
          ),
        );
      },
    });
  },
});
