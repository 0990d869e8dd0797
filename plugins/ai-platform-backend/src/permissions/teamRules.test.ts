import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { spendReadTeamPermission } from '@ai-platform/plugin-ai-platform-common';
import {
  aiPlatformTeamConditions,
  createAiPlatformTeamConditionalDecision,
  getTeamResources,
  isTeamMember,
} from './teamRules';

describe('IS_TEAM_MEMBER', () => {
  const claims = ['user:default/priya.raman', 'group:default/recsys'];

  it('admits the teams among the caller’s claims only', () => {
    expect(isTeamMember.apply('group:default/recsys', { claims })).toBe(true);
    expect(isTeamMember.apply('group:default/vision', { claims })).toBe(false);
  });

  it('queries for the claimed teams', () => {
    expect(isTeamMember.toQuery({ claims })).toEqual({ teamRefs: claims });
  });

  it('refuses params that are not a list of claims', () => {
    const validate = (isTeamMember.paramsSchema as any)['~standard'].validate;
    expect(validate({ claims })).toEqual({ value: { claims } });
    expect(validate({ claims: 'group:default/recsys' }).issues).toHaveLength(1);
    expect(validate(undefined).issues).toHaveLength(1);
  });

  it('builds the conditional decision a policy returns', () => {
    expect(
      createAiPlatformTeamConditionalDecision(
        spendReadTeamPermission,
        aiPlatformTeamConditions.isTeamMember({ claims }),
      ),
    ).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'ai-platform',
      resourceType: 'ai-platform-team',
      conditions: {
        rule: 'IS_TEAM_MEMBER',
        resourceType: 'ai-platform-team',
        params: { claims },
      },
    });
  });

  it('loads a team as its normalized ref, and nothing for a non-ref', async () => {
    expect(
      await getTeamResources([
        'group:default/recsys',
        'Group:Default/Vision',
        '',
      ]),
    ).toEqual(['group:default/recsys', 'group:default/vision', undefined]);
  });
});
