import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { AI_PLATFORM_TEAM_RESOURCE_TYPE } from '@ai-platform/plugin-ai-platform-common';

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

type IsTeamMemberParams = { claims: string[] };

const claimsJsonSchema = {
  type: 'object',
  properties: {
    claims: {
      type: 'array',
      items: { type: 'string' },
      description: 'Ownership refs of the caller; one must be the owning team',
    },
  },
  required: ['claims'],
  additionalProperties: false,
};

const isClaims = (value: unknown): value is IsTeamMemberParams => {
  const claims = (value as Partial<IsTeamMemberParams> | null)?.claims;
  return Array.isArray(claims) && claims.every(c => typeof c === 'string');
};

// A Standard Schema of its own rather than zod: permission-node types its params with zod 4,
// and checking this package's zod 3 against them exceeds TypeScript's instantiation depth.
const isTeamMemberParams = {
  '~standard': {
    version: 1 as const,
    vendor: 'ai-platform',
    validate: (value: unknown) =>
      isClaims(value)
        ? { value }
        : { issues: [{ message: 'claims must be an array of strings' }] },
    jsonSchema: {
      input: () => claimsJsonSchema,
      output: () => claimsJsonSchema,
    },
  },
};

/**
 * The caller is a member of the owning team: the policy passes the caller's
 * `ownershipEntityRefs` as `claims`, as the catalog's `IS_ENTITY_OWNER` does.
 */
export const isTeamMember = createPermissionRule<
  typeof aiPlatformTeamResourceRef,
  IsTeamMemberParams
>({
  name: 'IS_TEAM_MEMBER',
  description: 'Allow things owned by a team the caller is a member of',
  resourceRef: aiPlatformTeamResourceRef,
  paramsSchema: isTeamMemberParams,
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
