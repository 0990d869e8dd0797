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
  spendImportPermission,
  spendReadAllPermission,
} from '@ai-platform/plugin-ai-platform-common';

const decide = (allowed: boolean): PolicyDecision => ({
  result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
});

/**
 * The portal's permission policy: quota approvals and GPU inventory imports are for members of
 * the groups in `aiPlatform.quota.approvers`; every team's spend and billing imports are for
 * members of `aiPlatform.spend.financeGroups` and for services (automation calls with a
 * service token); everything else is allowed to signed-in users, who see their own teams' spend.
 */
export class AiPlatformPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly approvers: string[],
    private readonly financeGroups: string[] = [],
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (
      isPermission(request.permission, spendReadAllPermission) ||
      isPermission(request.permission, spendImportPermission)
    ) {
      if (!user) return decide(true);
      const refs = user.info.ownershipEntityRefs;
      return decide(refs.some(ref => this.financeGroups.includes(ref)));
    }
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
            config.getOptionalStringArray('aiPlatform.spend.financeGroups') ??
              [],
          ),
        );
      },
    });
  },
});
