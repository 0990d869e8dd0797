import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { describeRouteGuards } from '../__testUtils__/routeTables';
import { priya, startBackend } from '../__testUtils__/startAiPlatformBackend';

const fabric = (name: string, spec: object): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, namespace: 'default', title: name },
  spec: { type: 'network-fabric', owner: 'group:default/ml-platform', ...spec },
});

const entities: Entity[] = [
  fabric('ib-fabric-east', {
    fabric: 'infiniband',
    linkSpeedGbps: 400,
    linkWidth: 4,
  }),
  fabric('nvlink-east', { fabric: 'nvlink', linkSpeedGbps: 3600 }),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: 'recsys',
      namespace: 'default',
      annotations: { 'ai-platform.io/namespaces': 'recsys-train' },
    },
    spec: { type: 'team' },
  },
];

// The demo collected once at start-up: a schedule without an initial delay runs then.
const config = {
  fabric: {
    demoData: true,
    schedule: { frequency: { minutes: 10 }, timeout: { minutes: 1 } },
  },
};

const asPriya = mockCredentials.user.header(priya);

describe('fabric routes', () => {
  describeRouteGuards([
    {
      method: 'get',
      services: true,
      path: '/fabric/graph?health=down',
      permission: 'ai-platform.fabric.read',
    },
    {
      method: 'get',
      services: true,
      path: '/fabric/summary?entityRef=resource:default/ib-fabric-east',
      permission: 'ai-platform.fabric.read',
    },
    {
      method: 'get',
      services: true,
      path: '/fabric/links/a:1~b:2/history?hours=6',
      permission: 'ai-platform.fabric.read',
    },
    {
      method: 'get',
      services: true,
      path: '/fabric/sources',
      permission: 'ai-platform.fabric.read',
    },
  ]);

  describe('with the demo collected', () => {
    let started: Awaited<ReturnType<typeof startBackend>>;
    beforeAll(async () => {
      started = await startBackend(AuthorizeResult.ALLOW, { entities, config });
    });
    const get = (path: string) =>
      request(started.server)
        .get(`/api/ai-platform${path}`)
        .set('Authorization', asPriya);

    it.each([
      ['/fabric/graph?health=broken', 'health'],
      [
        '/fabric/graph?cluster=not%20a%20ref:',
        'cluster: must be a resource entity ref',
      ],
      ['/fabric/summary', 'entityRef: must be a resource entity ref'],
      ['/fabric/summary?entityRef=group:default/recsys', 'entityRef'],
      ['/fabric/links/x/history?hours=0', 'hours: must be more than 0'],
      [
        '/fabric/links/x/history?hours=soon',
        'hours: must be a number of hours',
      ],
    ])('GET %s answers 400 naming the field', async (path, message) => {
      const res = await get(path);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    });

    it('answers the graph, filtered, and tells the owner of the bad links', async () => {
      const all = await get('/fabric/graph');
      expect(all.status).toBe(200);
      expect(all.body.devices).toHaveLength(8 + 16 + 128);
      expect(all.body.summaries.map((s: any) => s.fabricRef)).toEqual([
        'resource:default/ib-fabric-east',
        'resource:default/nvlink-east',
      ]);
      const down = await get(
        '/fabric/graph?cluster=resource:default/cluster-a&health=down&health=degraded',
      );
      expect(down.body.links.map((l: any) => l.health).sort()).toEqual([
        'degraded',
        'degraded',
        'down',
      ]);
      expect(started.notifications.send).toHaveBeenCalledWith(
        expect.objectContaining({
          recipients: {
            type: 'entity',
            entityRef: 'group:default/ml-platform',
          },
          payload: expect.objectContaining({
            title: 'ib-fabric-east: 1 link down, 2 degraded',
          }),
        }),
      );
    });

    it("answers a fabric's and a cluster's summary, 404 for an entity without fabric data", async () => {
      const ib = await get(
        '/fabric/summary?entityRef=resource:default/ib-fabric-east',
      );
      expect(ib.body).toMatchObject({
        health: 'degraded',
        links: { healthy: 253, degraded: 2, down: 1 },
      });
      const cluster = await get(
        '/fabric/summary?entityRef=resource:default/cluster-b',
      );
      expect(cluster.body).toMatchObject({
        fabricRef: 'resource:default/ib-fabric-east',
        clusterRef: 'resource:default/cluster-b',
      });
      const none = await get(
        '/fabric/summary?entityRef=resource:default/other',
      );
      expect(none.status).toBe(404);
      expect(none.body.error.message).toBe(
        'No fabric data for resource:default/other',
      );
    });

    it("answers a link's history and the sources", async () => {
      const graph = await get('/fabric/graph?health=down');
      const [link] = graph.body.links;
      const history = await get(
        `/fabric/links/${encodeURIComponent(link.id)}/history?hours=1`,
      );
      expect(history.status).toBe(200);
      expect(history.body.items).toEqual([
        expect.objectContaining({ health: 'down' }),
      ]);
      expect((await get('/fabric/links/nope/history')).status).toBe(404);

      const sources = await get('/fabric/sources');
      expect(sources.body.items).toEqual([
        expect.objectContaining({
          id: 'declared',
          kind: 'declared',
          status: 'ok',
        }),
        expect.objectContaining({ id: 'demo', kind: 'demo', status: 'ok' }),
      ]);
    });
  });
});
