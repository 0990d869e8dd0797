import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionPlugin from '@backstage/plugin-permission-backend';
import aiPlatformPlugin from '@ai-platform/plugin-ai-platform-backend';
import aiPlatformPolicy from '@ai-platform/plugin-ai-platform-backend/policy';

jest.setTimeout(60_000);

const priya = 'user:default/priya.raman';

/**
 * The portal's permission backend with the suite's policy module and the real permissions
 * service, so a CONDITIONAL decision is resolved through the plugin's IS_TEAM_MEMBER rule.
 */
async function startPortal(ownershipEntityRefs: string[]) {
  const { server } = await startTestBackend({
    features: [
      aiPlatformPlugin,
      permissionPlugin,
      aiPlatformPolicy,
      permissionsServiceFactory,
      catalogServiceMock.factory({ entities: [] }),
      // The mock auth drops the actor of a call on a user's behalf, which the plugin's
      // apply-conditions endpoint requires (real tokens carry it).
      createServiceFactory({
        service: coreServices.auth,
        deps: { plugin: coreServices.pluginMetadata },
        factory: ({ plugin }) => {
          const auth = mockServices.auth({ pluginId: plugin.getId() });
          const issue = auth.getPluginRequestToken.bind(auth);
          auth.getPluginRequestToken = async options =>
            auth.isPrincipal(options.onBehalfOf, 'user')
              ? {
                  token: mockCredentials.user.token(
                    options.onBehalfOf.principal.userEntityRef,
                    { actor: { subject: `plugin:${plugin.getId()}` } },
                  ),
                }
              : issue(options);
          return auth;
        },
      }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          aiPlatform: { spend: { financeGroups: ['group:default/finance'] } },
        },
      }),
      createServiceFactory({
        service: coreServices.userInfo,
        deps: {},
        factory: () =>
          mockServices.userInfo({
            userEntityRef: priya,
            ownershipEntityRefs: [priya, ...ownershipEntityRefs],
          }),
      }),
    ],
  });
  return async (team: string) => {
    const query = new URLSearchParams({
      from: '2026-11-01',
      to: '2026-11-30',
      granularity: 'month',
      dimension: 'team',
      team,
    });
    const res = await fetch(
      `http://localhost:${server.port()}/api/ai-platform/spend/series?${query}`,
      { headers: { Authorization: mockCredentials.user.header(priya) } },
    );
    return { status: res.status, body: await res.json() };
  };
}

describe('the suite’s policy module in the portal', () => {
  it('shows a member her team’s spend and refuses another team’s (IS_TEAM_MEMBER)', async () => {
    const series = await startPortal(['group:default/recsys']);
    expect((await series('group:default/recsys')).status).toBe(200);
    const other = await series('group:default/vision');
    expect(other.status).toBe(403);
    expect(other.body.error.message).toContain('group:default/vision');
  });

  it('shows finance any team’s spend', async () => {
    const series = await startPortal(['group:default/finance']);
    expect((await series('group:default/vision')).status).toBe(200);
  });
});
