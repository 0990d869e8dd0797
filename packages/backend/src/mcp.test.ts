import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import aiPlatformPlugin from '@ai-platform/plugin-ai-platform-backend';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

jest.setTimeout(60_000);

const priya = 'user:default/priya.raman';

const cluster = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'cluster-a', namespace: 'default' },
  spec: {
    type: 'gpu-cluster',
    owner: 'group:default/ml-platform',
    gpuPools: [{ model: 'H100-SXM5-80GB', memoryGiB: 80, count: 64 }],
  },
};

/**
 * The portal's ai-platform and MCP actions plugins in a test backend, with the real actions
 * registry and service between them; the permissions named in `deny` are denied.
 */
async function startPortal(deny: string[] = []) {
  const { server } = await startTestBackend({
    features: [
      aiPlatformPlugin,
      mcpActionsPlugin,
      catalogServiceMock.factory({ entities: [cluster] }),
      // As in production: a request without a token carries no identity.
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.rootConfig.factory({
        data: {
          backend: { actions: { pluginSources: ['ai-platform'] } },
          aiPlatform: {
            pools: {
              schedule: { frequency: { minutes: 10 }, timeout: { minutes: 1 } },
            },
          },
        },
      }),
      mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(r => ({
            result: deny.includes(r.permission.name)
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
          })),
      }).factory,
      createServiceFactory({
        service: coreServices.userInfo,
        deps: {},
        factory: () =>
          mockServices.userInfo({
            userEntityRef: priya,
            ownershipEntityRefs: [priya, 'group:default/recsys'],
          }),
      }),
    ],
  });
  const baseUrl = `http://localhost:${server.port()}/api`;
  // The pool sync runs at start-up; wait for the cluster's pool.
  for (let i = 0; i < 50; i++) {
    const pools = await fetch(`${baseUrl}/ai-platform/pools`, {
      headers: { Authorization: mockCredentials.user.header(priya) },
    });
    if ((await pools.json()).items?.length) break;
    await new Promise(r => setTimeout(r, 100));
  }
  return `${baseUrl}/mcp-actions/v1`;
}

/** An MCP client over streamable HTTP, sending the given Authorization header. */
async function connect(url: string, authorization?: string) {
  const client = new Client({ name: 'coding-agent', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: {
        headers: authorization ? { Authorization: authorization } : {},
      },
    }),
  );
  return client;
}

const textOf = (result: Awaited<ReturnType<Client['callTool']>>) =>
  (result.content as Array<{ type: string; text: string }>)
    .map(c => c.text)
    .join('\n');

describe('MCP actions', () => {
  it('lists the suite’s actions and calls them as the user', async () => {
    const client = await connect(
      await startPortal(),
      mockCredentials.user.header(priya),
    );

    const { tools } = await client.listTools();
    expect(tools.map(t => t.name)).toEqual([
      'ai-platform.list-gpu-pools',
      'ai-platform.request-gpu-quota',
      'ai-platform.get-team-spend',
      'ai-platform.get-model-drift',
      'ai-platform.get-compliance-scorecard',
    ]);
    expect(
      tools.find(t => t.name === 'ai-platform.request-gpu-quota')?.annotations,
    ).toMatchObject({ readOnlyHint: false, destructiveHint: false });

    const pools = await client.callTool({
      name: 'ai-platform.list-gpu-pools',
      arguments: {},
    });
    expect(pools.isError).toBeFalsy();
    expect(pools.structuredContent).toMatchObject({
      items: [
        {
          clusterRef: 'resource:default/cluster-a',
          gpuModel: 'H100-SXM5-80GB',
          capacity: 64,
          free: 64,
        },
      ],
    });

    const requested = await client.callTool({
      name: 'ai-platform.request-gpu-quota',
      arguments: {
        teamRef: 'group:default/recsys',
        clusterRef: 'resource:default/cluster-a',
        gpuModel: 'H100-SXM5-80GB',
        gpuCount: 4,
        startsAt: new Date(Date.now() + 3_600_000).toISOString(),
        endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        justification: 'Fine-tuning the ranker for the holiday traffic',
      },
    });
    expect(requested.isError).toBeFalsy();
    expect(requested.structuredContent).toMatchObject({
      request: { requestedBy: priya, status: 'approved', gpuCount: 4 },
    });
    await client.close();
  });

  it('refuses a tool call without the permission, naming it', async () => {
    const client = await connect(
      await startPortal(['ai-platform.quota.read']),
      mockCredentials.user.header(priya),
    );
    const result = await client.callTool({
      name: 'ai-platform.list-gpu-pools',
      arguments: {},
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      'NotAllowedError: You do not have the ai-platform.quota.read permission',
    );
    await client.close();
  });

  it('refuses a client without a token', async () => {
    await expect(connect(await startPortal())).rejects.toThrow(/401/);
  });
});
