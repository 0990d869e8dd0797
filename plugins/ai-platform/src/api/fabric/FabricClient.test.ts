/**
 * @jest-environment node
 */
import {
  FabricGraph,
  FabricLinkPoint,
  FabricSourceStatus,
  FabricSummary,
} from '@ai-platform/plugin-ai-platform-common';
import { http, HttpResponse } from 'msw';
import { apiUrl, clientWithMsw } from '../__testUtils__/clientWithMsw';
import { FabricClient } from './FabricClient';

const baseUrl = `${apiUrl}/ai-platform`;

const graph: FabricGraph = {
  generatedAt: '2026-11-23T10:00:00.000Z',
  devices: [],
  links: [],
  summaries: [],
  sources: [],
};

const summary: FabricSummary = {
  fabricRef: 'resource:default/ib-fabric-east',
  kind: 'infiniband',
  health: 'degraded',
  links: { healthy: 10, degraded: 1, down: 0, unknown: 0 },
  degradedShare: 1 / 11,
  oversubscription: [{ tier: 'leaf', ratio: 1 }],
  worstLinks: [],
  affectedTeams: [],
  differences: [],
  stale: false,
};

const notFound = () =>
  HttpResponse.json(
    {
      error: { name: 'NotFoundError', message: 'No fabric data' },
      response: { statusCode: 404 },
    },
    { status: 404 },
  );

describe('FabricClient', () => {
  const { server, client } = clientWithMsw(FabricClient);

  it('asks for the graph with its filters, health repeated', async () => {
    let query: URLSearchParams | undefined;
    server.use(
      http.get(`${baseUrl}/fabric/graph`, ({ request }) => {
        query = new URL(request.url).searchParams;
        return HttpResponse.json(graph);
      }),
    );
    await expect(
      client.getGraph({
        cluster: 'resource:default/cluster-a',
        fabric: 'resource:default/ib-fabric-east',
        health: ['degraded', 'down'],
      }),
    ).resolves.toEqual(graph);
    expect(query!.get('cluster')).toBe('resource:default/cluster-a');
    expect(query!.get('fabric')).toBe('resource:default/ib-fabric-east');
    expect(query!.getAll('health')).toEqual(['degraded', 'down']);
  });

  it('asks for the whole graph without filters', async () => {
    let search: string | undefined;
    server.use(
      http.get(`${baseUrl}/fabric/graph`, ({ request }) => {
        search = new URL(request.url).search;
        return HttpResponse.json(graph);
      }),
    );
    await client.getGraph();
    expect(search).toBe('');
  });

  it("reads an entity's summary, and none on 404", async () => {
    let entityRef: string | null = null;
    server.use(
      http.get(`${baseUrl}/fabric/summary`, ({ request }) => {
        entityRef = new URL(request.url).searchParams.get('entityRef');
        return entityRef === 'resource:default/ib-fabric-east'
          ? HttpResponse.json(summary)
          : notFound();
      }),
    );
    await expect(
      client.getSummary('resource:default/ib-fabric-east'),
    ).resolves.toEqual(summary);
    await expect(
      client.getSummary('resource:default/cluster-z'),
    ).resolves.toBeUndefined();
    expect(entityRef).toBe('resource:default/cluster-z');
  });

  it("reads a link's history with the link id as one path segment", async () => {
    const points: FabricLinkPoint[] = [
      {
        at: '2026-11-23T09:00:00.000Z',
        health: 'degraded',
        rates: { symbolErrors: 3.2 },
        utilization: 0.4,
      },
    ];
    let path: string | undefined;
    let hours: string | null = null;
    server.use(
      http.get(`${baseUrl}/fabric/links/:id/history`, ({ request }) => {
        const url = new URL(request.url);
        path = url.pathname;
        hours = url.searchParams.get('hours');
        return HttpResponse.json({ items: points });
      }),
    );
    // Link ids join both ends' GUIDs and ports; a slash must not change the route.
    await expect(client.getLinkHistory('0xa/1|0xb/17', 6)).resolves.toEqual(
      points,
    );
    expect(path).toBe(
      '/api/ai-platform/fabric/links/0xa%2F1%7C0xb%2F17/history',
    );
    expect(hours).toBe('6');
  });

  it('lists the sources', async () => {
    const sources: FabricSourceStatus[] = [
      {
        id: 'prometheus-east',
        kind: 'prometheus',
        status: 'stale',
        lastSuccessAt: '2026-11-23T08:00:00.000Z',
        error: 'connect ECONNREFUSED',
      },
    ];
    server.use(
      http.get(`${baseUrl}/fabric/sources`, () =>
        HttpResponse.json({ items: sources }),
      ),
    );
    await expect(client.getSources()).resolves.toEqual(sources);
  });

  it('throws the backend error with its status and message', async () => {
    server.use(
      http.get(`${baseUrl}/fabric/graph`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'Unauthorized' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await expect(client.getGraph()).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
      cause: { message: 'Unauthorized' },
    });
  });
});
