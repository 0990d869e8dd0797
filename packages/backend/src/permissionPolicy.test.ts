import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  inventoryImportPermission,
  quotaApprovePermission,
} from '@ai-platform/plugin-ai-platform-common';
import { AiPlatformPermissionPolicy } from './permissionPolicy';

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
});
