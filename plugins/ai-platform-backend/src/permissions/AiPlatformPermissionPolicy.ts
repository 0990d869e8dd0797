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
import {
  inventoryImportPermission,
  quotaApprovePermission,
  spendImportPermission,
  spendReadAllPermission,
  spendReadTeamPermission,
} from '@ai-platform/plugin-ai-platform-common';
import {
  aiPlatformTeamConditions,
  createAiPlatformTeamConditionalDecision,
} from './teamRules';

const decide = (allowed: boolean): PolicyDecision => ({
  result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
});

/**
 * The suite's permission policy: quota approvals and GPU inventory imports are for members of
 * the `approvers` groups; every team's spend and billing imports are for members of the
 * `financeGroups` and for services (automation calls with a service token); one named team's
 * spend is for finance, services and that team's members (`IS_TEAM_MEMBER`); everything else
 * is allowed to signed-in users, who see their own teams' spend.
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
    const refs = user?.info.ownershipEntityRefs ?? [];
    const isFinance = !user || refs.some(r => this.financeGroups.includes(r));
    if (
      isPermission(request.permission, spendReadAllPermission) ||
      isPermission(request.permission, spendImportPermission)
    ) {
      return decide(isFinance);
    }
    if (isPermission(request.permission, spendReadTeamPermission)) {
      if (isFinance) return decide(true);
      return createAiPlatformTeamConditionalDecision(
        request.permission,
        aiPlatformTeamConditions.isTeamMember({ claims: refs }),
      );
    }
    if (
      isPermission(request.permission, quotaApprovePermission) ||
      isPermission(request.permission, inventoryImportPermission)
    ) {
      return decide(refs.some(r => this.approvers.includes(r)));
    }
    return decide(true);
  }
}
