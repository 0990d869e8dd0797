import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { AI_PLATFORM_TEAM_RESOURCE_TYPE } from '@ai-platform/plugin-ai-platform-common';
import { z } from 'zod';

/** Query form of team conditions: the team refs a caller's conditions admit. */
export type AiPlatformTeamQuery = { teamRefs: string[] };

/**
 * A team-owned thing, identified by the owning team's group ref (`group:default/recsys`): the
 * resource a team-scoped permission is checked against.
 */
export const aiPlatformTeamResourceRef = createPermissionResourceRef<
  string,
  AiPlatformTeamQuery
>().with({
  pluginId: 'ai-platform',
  resourceType: AI_PLATFORM_TEAM_RESOURCE_TYPE,
});

/**
 * The caller is a member of the owning team: the policy passes the caller's
 * `ownershipEntityRefs` as `claims`, as the catalog's `IS_ENTITY_OWNER` does.
 */
export const isTeamMember = createPermissionRule({
  name: 'IS_TEAM_MEMBER',
  description: 'Allow things owned by a team the caller is a member of',
  resourceRef: aiPlatformTeamResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Ownership refs of the caller; one must be the owning team'),
  }),
  apply: (teamRef, { claims }) => claims.includes(teamRef),
  toQuery: ({ claims }) => ({ teamRefs: claims }),
});

/** Every rule of the team resource type, as the plugin registers them. */
export const aiPlatformTeamRules = { isTeamMember };

const teamConditionExports = createConditionExports({
  resourceRef: aiPlatformTeamResourceRef,
  rules: aiPlatformTeamRules,
});

/** Conditions a policy returns for team-scoped permissions, e.g. `isTeamMember({ claims })`. */
export const aiPlatformTeamConditions = teamConditionExports.conditions;

/** Wraps team conditions into a CONDITIONAL decision for a team-scoped permission. */
export const createAiPlatformTeamConditionalDecision =
  teamConditionExports.createConditionalDecision;

/**
 * The resources behind refs the permission backend asks about: a team is its normalized ref;
 * anything that is not an entity ref is unknown (undefined), so its conditions deny.
 */
export async function getTeamResources(
  refs: string[],
): Promise<Array<string | undefined>> {
  return refs.map(ref => {
    try {
      return stringifyEntityRef(parseEntityRef(ref));
    } catch {
      return undefined;
    }
  });
}
