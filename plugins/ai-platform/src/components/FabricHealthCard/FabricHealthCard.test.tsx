import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  FabricLink,
  FabricSummary,
} from '@ai-platform/plugin-ai-platform-common';
import { screen } from '@testing-library/react';
import { FabricApi, fabricApiRef } from '../../api/fabric';
import { entity } from '../testEntities';
import { FabricHealthCard } from './FabricHealthCard';

const FABRIC = 'resource:default/ib-fabric-east';
const CLUSTER = 'resource:default/cluster-a';
const fabric = entity(
  'Resource',
  'ib-fabric-east',
  'network-fabric',
  'group:default/ml-platform',
);
const cluster = entity(
  'Resource',
  'cluster-a',
  'gpu-cluster',
  'group:default/ml-platform',
);

const flapping: FabricLink = {
  id: 'leaf-03/17|node-017/1',
  kind: 'infiniband',
  fabricRef: FABRIC,
  a: { deviceId: 'leaf-03', name: 'leaf-03', port: '17' },
  b: { deviceId: 'node-017', name: 'node-017 mlx5_0', port: '1' },
  expected: { speedGbps: 400, width: 4 },
  observed: { up: true, speedGbps: 400, width: 2 },
  rates: { symbolErrors: 3.2 },
  health: 'degraded',
  reasons: ['symbol errors 3.2/s (threshold 1/s)', 'width 2×, expected 4×'],
  sources: ['prometheus-east'],
  stale: false,
};

const summary: FabricSummary = {
  fabricRef: FABRIC,
  kind: 'infiniband',
  health: 'degraded',
  links: { healthy: 1150, degraded: 1, down: 1, unknown: 0 },
  degradedShare: 2 / 1152,
  oversubscription: [{ tier: 'leaf', ratio: 1 }],
  worstLinks: [
    {
      ...flapping,
      id: 'leaf-05/1|spine-03/5',
      health: 'down',
      reasons: ['link down'],
    },
    flapping,
  ],
  affectedTeams: [
    {
      teamRef: 'group:default/llm-research',
      nodes: ['node-017', 'node-018'],
      linkIds: [flapping.id],
      workloads: ['llama-pretrain'],
    },
  ],
  differences: [
    {
      kind: 'width',
      linkId: flapping.id,
      message: 'leaf-03 port 17 runs at 2×, declared 4×',
    },
  ],
  stale: false,
};

async function renderCard(of: Entity, api: Partial<FabricApi>) {
  await renderInTestApp(
    <TestApiProvider apis={[[fabricApiRef, api]]}>
      <EntityProvider entity={of}>
        <FabricHealthCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('FabricHealthCard', () => {
  it("shows a fabric's health, its worst links with their reasons and the teams behind them", async () => {
    const getSummary = jest.fn(async () => summary);
    const getSources = jest.fn();
    await renderCard(fabric, { getSummary, getSources });
    expect(
      await screen.findByText('1152 links: 1150 healthy, 1 degraded, 1 down'),
    ).toBeInTheDocument();
    expect(getSummary).toHaveBeenCalledWith(FABRIC);
    expect(screen.getByText('Degraded or down: 0.2%')).toBeInTheDocument();
    expect(
      screen.getByText('Oversubscription: Leaf 1.0:1'),
    ).toBeInTheDocument();

    const worst = screen.getAllByTestId('worst-link');
    expect(worst[0]).toHaveTextContent(
      'leaf-03 port 17 ↔ node-017 mlx5_0 port 1Down',
    );
    expect(worst[0]).toHaveTextContent('link down');
    expect(worst[1]).toHaveTextContent(
      'symbol errors 3.2/s (threshold 1/s); width 2×, expected 4×',
    );
    expect(
      screen.getByRole('link', { name: 'llm-research' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/llama-pretrain on node-017, node-018/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('leaf-03 port 17 runs at 2×, declared 4×'),
    ).toBeInTheDocument();
    // The fabric's own page names no other fabric, and a fresh summary asks no source status.
    expect(screen.queryByText(/^Fabric/)).toBeNull();
    expect(getSources).not.toHaveBeenCalled();
  });

  it("names a GPU cluster's fabric, and that the summary is the cluster's part of it", async () => {
    const getSummary = jest.fn(async () => ({
      ...summary,
      clusterRef: CLUSTER,
    }));
    await renderCard(cluster, { getSummary });
    expect(
      await screen.findByRole('link', { name: 'ib-fabric-east' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/this cluster's nodes and the switches above them/),
    ).toBeInTheDocument();
    expect(getSummary).toHaveBeenCalledWith(CLUSTER);
  });

  it('shows a stale summary as stale, never healthy, and which source fell behind', async () => {
    await renderCard(fabric, {
      getSummary: async () => ({
        ...summary,
        health: 'healthy',
        worstLinks: [],
        affectedTeams: [],
        differences: [],
        stale: true,
      }),
      getSources: async () => [
        { id: 'prometheus-east', kind: 'prometheus', status: 'ok' },
        {
          id: 'prometheus-west',
          kind: 'prometheus',
          status: 'error',
          lastSuccessAt: '2026-11-23T06:00:00.000Z',
          error: 'HTTP 503',
        },
      ],
    });
    expect(await screen.findByText('Unknown · stale')).toBeInTheDocument();
    const banner = await screen.findByTestId('fabric-source-status');
    expect(banner).toHaveTextContent(
      'Prometheus source “prometheus-west” is failing.',
    );
    expect(banner).toHaveTextContent('HTTP 503');
    expect(screen.getByText('No unhealthy link reported.')).toBeInTheDocument();
    expect(
      screen.getByText("No team's work runs behind an unhealthy link."),
    ).toBeInTheDocument();
  });

  it('says when the entity has no fabric data yet', async () => {
    await renderCard(cluster, { getSummary: async () => undefined });
    expect(
      await screen.findByText(/No fabric data for this entity yet/),
    ).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    await renderCard(fabric, { getSummary: () => new Promise(() => {}) });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows a load error', async () => {
    await renderCard(fabric, {
      getSummary: async () => {
        throw await ResponseError.fromResponse(
          new Response(
            JSON.stringify({
              error: { name: 'NotAllowedError', message: 'Unauthorized' },
              response: { statusCode: 403 },
            }),
            { status: 403, headers: { 'content-type': 'application/json' } },
          ),
        );
      },
    });
    expect(
      await screen.findByText(/Could not load the fabric's health/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/Unauthorized/).length).toBeGreaterThan(0);
  });
});
