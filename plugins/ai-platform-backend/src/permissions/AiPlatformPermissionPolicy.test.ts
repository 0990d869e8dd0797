import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  inventoryImportPermission,
  quotaApprovePermission,
  spendImportPermission,
  spendReadAllPermission,
  spendReadPermission,
  spendReadTeamPermission,
} from '@ai-platform/plugin-ai-platform-common';
import { AiPlatformPermissionPolicy } from './AiPlatformPermissionPolicy';

const user = (ownershipEntityRefs: string[]) => ({
  identity: {
    type: 'user' as const,
    userEntityRef: ownershipEntityRefs[0],
    ownershipEntityRefs,
  },
  info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
  token: 'token',
  credentials: {} as any,
});

describe('AiPlatformPermissionPolicy', () => {
  const policy = new AiPlatformPermissionPolicy(['group:default/ml-platform']);

  it('lets members of an approver group approve quotas', async () => {
    const decision = await policy.handle(
      { permission: quotaApprovePermission },
      user(['user:default/amara.okafor', 'group:default/ml-platform']),
    );
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
  });

  it('denies quota approval to everyone else', async () => {
    expect(
      (
        await policy.handle(
          { permission: quotaApprovePermission },
          user(['user:default/guest', 'group:default/recsys']),
        )
      ).result,
    ).toBe(AuthorizeResult.DENY);
    expect(
      (await policy.handle({ permission: quotaApprovePermission })).result,
    ).toBe(AuthorizeResult.DENY);
  });

  it('keeps GPU inventory imports to approvers too', async () => {
    const admin = user([
      'user:default/amara.okafor',
      'group:default/ml-platform',
    ]);
    const member = user(['user:default/guest', 'group:default/recsys']);
    expect(
      (await policy.handle({ permission: inventoryImportPermission }, admin))
        .result,
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      (await policy.handle({ permission: inventoryImportPermission }, member))
        .result,
    ).toBe(AuthorizeResult.DENY);
  });

  it('allows other permissions', async () => {
    const other = createPermission({
      name: 'catalog.entity.read',
      attributes: { action: 'read' },
    });
    expect(
      (await policy.handle({ permission: other }, user(['user:default/guest'])))
        .result,
    ).toBe(AuthorizeResult.ALLOW);
  });

  it('shows every team and takes billing imports from finance and services only', async () => {
    const finance = new AiPlatformPermissionPolicy(
      [],
      ['group:default/finance'],
    );
    const lead = user(['user:default/priya.raman', 'group:default/recsys']);
    const analyst = user(['user:default/ana', 'group:default/finance']);
    for (const permission of [spendReadAllPermission, spendImportPermission]) {
      expect((await finance.handle({ permission }, lead)).result).toBe(
        AuthorizeResult.DENY,
      );
      expect((await finance.handle({ permission }, analyst)).result).toBe(
        AuthorizeResult.ALLOW,
      );
      expect((await finance.handle({ permission })).result).toBe(
        AuthorizeResult.ALLOW,
      );
    }
    // Reading one's own teams' spend is for everyone signed in.
    expect(
      (await finance.handle({ permission: spendReadPermission }, lead)).result,
    ).toBe(AuthorizeResult.ALLOW);
  });

  it('shows one team’s spend to finance and services, to others if they are members', async () => {
    const finance = new AiPlatformPermissionPolicy(
      [],
      ['group:default/finance'],
    );
    const request = {
      permission: spendReadTeamPermission,
      resourceRef: 'group:default/vision',
    };
    const analyst = user(['user:default/ana', 'group:default/finance']);
    expect((await finance.handle(request, analyst)).result).toBe(
      AuthorizeResult.ALLOW,
    );
    expect((await finance.handle(request)).result).toBe(AuthorizeResult.ALLOW);
    const refs = ['user:default/priya.raman', 'group:default/recsys'];
    expect(await finance.handle(request, user(refs))).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'ai-platform',
      resourceType: 'ai-platform-team',
      conditions: {
        rule: 'IS_TEAM_MEMBER',
        resourceType: 'ai-platform-team',
        params: { claims: refs },
      },
    });
  });
});
