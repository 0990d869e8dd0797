import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  FabricDevice,
  FabricGraph,
  FabricLink,
  FabricSummary,
} from '@ai-platform/plugin-ai-platform-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FabricApi, fabricApiRef } from '../../api/fabric';
import { entity, testEntities } from '../testEntities';
import type { FabricTopologyProps } from './FabricTopology';
import { NetworkFabricPage } from './NetworkFabricPage';
import { TopologyData } from './topology';

// Cytoscape draws on a canvas jsdom does not have: the stand-in lists the elements it was given
// as buttons that select them, as a tap on the canvas would.
jest.mock('./FabricTopology', () => ({
  FabricTopology: (props: FabricTopologyProps) => (
    <ul aria-label="Fabric topology">
      {props.elements.map(e => (
        <li key={e.data.id}>
          <button
            type="button"
            aria-pressed={props.selectedId === e.data.id}
            onClick={() => props.onSelect(e.data as TopologyData)}
          >
            {e.data.id}
          </button>
        </li>
      ))}
    </ul>
  ),
}));

const FABRIC = 'resource:default/ib-fabric-east';

const device = (
  id: string,
  tier: FabricDevice['tier'],
  extra: Partial<FabricDevice> = {},
): FabricDevice => ({
  id,
  name: id,
  role: tier === 'node' ? 'node' : 'switch',
  tier,
  fabricRef: FABRIC,
  clusterRef: 'resource:default/cluster-a',
  health: 'healthy',
  ...extra,
});

const link = (
  a: string,
  b: string,
  extra: Partial<FabricLink> = {},
): FabricLink => ({
  id: `${a}/1|${b}/1`,
  kind: 'infiniband',
  fabricRef: FABRIC,
  a: { deviceId: a, name: a, port: '1' },
  b: { deviceId: b, name: b, port: '1' },
  expected: { speedGbps: 400, width: 4 },
  observed: { up: true, speedGbps: 400, width: 4 },
  rates: {},
  utilization: 0.3,
  health: 'healthy',
  reasons: [],
  sources: ['prometheus-east'],
  stale: false,
  ...extra,
});

const flapping = link('leaf-1', 'spine-1', {
  observed: { up: true, speedGbps: 200, width: 2 },
  rates: { symbolErrors: 3.2 },
  health: 'degraded',
  reasons: ['symbol errors 3.2/s (threshold 1/s)', 'width 2×, expected 4×'],
});

const summary: FabricSummary = {
  fabricRef: FABRIC,
  kind: 'infiniband',
  health: 'degraded',
  links: { healthy: 7, degraded: 1, down: 0, unknown: 0 },
  degradedShare: 0.125,
  oversubscription: [
    { tier: 'leaf', ratio: 1 },
    { tier: 'spine', ratio: 2 },
  ],
  worstLinks: [flapping],
  affectedTeams: [
    {
      teamRef: 'group:default/llm-research',
      nodes: ['node-1', 'node-2'],
      linkIds: [flapping.id],
      workloads: ['llama-pretrain'],
    },
  ],
  differences: [],
  stale: false,
};

const graph: FabricGraph = {
  generatedAt: '2026-11-23T10:00:00.000Z',
  devices: [
    device('spine-1', 'spine'),
    device('spine-2', 'spine'),
    device('leaf-1', 'leaf', { health: 'degraded' }),
    device('leaf-2', 'leaf'),
    device('node-1', 'node', { acceleratorDomain: 'rack-1', gpus: 8 }),
    device('node-2', 'node', { acceleratorDomain: 'rack-1', gpus: 8 }),
    device('node-3', 'node', { gpus: 8 }),
    device('node-4', 'node', { gpus: 8 }),
  ],
  links: [
    flapping,
    link('leaf-1', 'spine-2'),
    link('leaf-2', 'spine-1'),
    link('leaf-2', 'spine-2'),
    link('node-1', 'leaf-1'),
    link('node-2', 'leaf-1'),
    link('node-3', 'leaf-2'),
    link('node-4', 'leaf-2'),
  ],
  summaries: [summary],
  sources: [
    {
      id: 'prometheus-east',
      kind: 'prometheus',
      status: 'ok',
      lastSuccessAt: '2026-11-23T09:59:00.000Z',
    },
    {
      id: 'ufm-east',
      kind: 'ufm',
      status: 'stale',
      lastSuccessAt: '2026-11-23T06:00:00.000Z',
      error: 'connect ETIMEDOUT 10.0.0.5:443',
    },
  ],
};

const empty: FabricGraph = {
  generatedAt: '2026-11-23T10:00:00.000Z',
  devices: [],
  links: [],
  summaries: [],
  sources: [],
};

const catalog = catalogApiMock({
  entities: [
    ...testEntities,
    entity(
      'Resource',
      'ib-fabric-east',
      'network-fabric',
      'group:default/ml-platform',
      {
        title: 'InfiniBand fabric (east)',
      },
    ),
  ],
});

function mockApi(overrides: Partial<FabricApi> = {}) {
  return {
    getGraph: jest.fn(async () => graph),
    getSummary: jest.fn(),
    getLinkHistory: jest.fn(async () => [
      {
        at: '2026-11-23T08:00:00.000Z',
        health: 'healthy' as const,
        rates: {},
        utilization: 0.2,
      },
      {
        at: '2026-11-23T09:00:00.000Z',
        health: 'degraded' as const,
        rates: { symbolErrors: 3.2 },
        utilization: 0.3,
      },
    ]),
    getSources: jest.fn(),
    ...overrides,
  };
}

async function renderPage(api: Partial<FabricApi>, path = '/network-fabric') {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [fabricApiRef, api],
        [catalogApiRef, catalog],
      ]}
    >
      <NetworkFabricPage />
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

const drawn = () =>
  within(screen.getByRole('list', { name: 'Fabric topology' }))
    .getAllByRole('button')
    .map(b => b.textContent);

describe('NetworkFabricPage', () => {
  it('shows each fabric, a stale source as stale, and the topology with nodes collapsed per leaf', async () => {
    const api = mockApi();
    await renderPage(api);
    expect(
      await screen.findByRole('link', { name: 'ib-fabric-east' }),
    ).toBeInTheDocument();
    expect(api.getGraph).toHaveBeenCalledWith({
      cluster: undefined,
      fabric: undefined,
      health: undefined,
    });

    const banner = screen.getByTestId('fabric-source-status');
    expect(banner).toHaveTextContent('UFM source “ufm-east” is stale.');
    expect(banner).toHaveTextContent('shown as unknown, not healthy');
    expect(banner).toHaveTextContent('ETIMEDOUT');
    expect(screen.getAllByTestId('fabric-source-status')).toHaveLength(1);

    expect(
      screen.getByText('8 links: 7 healthy, 1 degraded'),
    ).toBeInTheDocument();
    expect(screen.getByText('Degraded or down: 12.5%')).toBeInTheDocument();
    expect(
      screen.getByText('Oversubscription: Leaf 1.0:1, Spine 2.0:1'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'llm-research' }),
    ).toBeInTheDocument();

    // Four switches, one box per leaf for its nodes, and the links between them.
    expect(drawn()).toEqual(
      expect.arrayContaining(['d:spine-1', 'd:leaf-2', 'g:leaf-1', 'g:leaf-2']),
    );
    expect(drawn()).not.toContain('d:node-1');
    expect(screen.getByText(/8 devices · 8 links/)).toBeInTheDocument();

    // Clicking a box opens it, with its NVLink domain; the toggle shows every node.
    fireEvent.click(screen.getByRole('button', { name: 'g:leaf-1' }));
    expect(drawn()).toEqual(
      expect.arrayContaining([
        'd:node-1',
        'd:node-2',
        'nv:resource:default/cluster-a/rack-1',
      ]),
    );
    expect(drawn()).not.toContain('d:node-3');
    fireEvent.click(screen.getByRole('button', { name: 'Collapse nodes' }));
    expect(drawn()).not.toContain('d:node-1');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show nodes' }));
    expect(drawn()).toEqual(
      expect.arrayContaining(['d:node-1', 'd:node-3', 'd:node-4']),
    );
  });

  it("opens a link's panel: its ends, expected against observed, why, the teams and its counters", async () => {
    const api = mockApi();
    await renderPage(api);
    fireEvent.click(
      await screen.findByRole('button', { name: `l:${flapping.id}` }),
    );
    const panel = screen.getByRole('region', {
      name: 'Details of InfiniBand link',
    });
    expect(
      within(panel).getByText('leaf-1 port 1 ↔ spine-1 port 1'),
    ).toBeInTheDocument();
    expect(within(panel).getByText('400 Gb/s 4×')).toBeInTheDocument();
    expect(within(panel).getByText('200 Gb/s 2×')).toBeInTheDocument();
    expect(
      within(panel).getByText('symbol errors 3.2/s (threshold 1/s)'),
    ).toBeInTheDocument();
    expect(within(panel).getByText('Symbol errors 3.2/s')).toBeInTheDocument();
    expect(
      within(panel).getByText(/llama-pretrain on node-1, node-2/),
    ).toBeInTheDocument();
    expect(
      within(panel).getByRole('link', { name: 'llm-research' }),
    ).toBeInTheDocument();

    expect(
      await within(panel).findByText('Degraded or down in 1 of 2 readings.'),
    ).toBeInTheDocument();
    expect(api.getLinkHistory).toHaveBeenCalledWith(flapping.id, 24);
    fireEvent.click(within(panel).getByRole('button', { name: '6 h' }));
    await waitFor(() =>
      expect(api.getLinkHistory).toHaveBeenCalledWith(flapping.id, 6),
    );
    expect(
      await within(panel).findByText('Degraded or down in 1 of 2 readings.'),
    ).toBeInTheDocument();

    fireEvent.click(within(panel).getByRole('button', { name: 'Close' }));
    expect(
      screen.queryByRole('region', { name: 'Details of InfiniBand link' }),
    ).toBeNull();
  });

  it("opens a switch's panel with its links worst first and the teams behind them", async () => {
    await renderPage(mockApi());
    fireEvent.click(await screen.findByRole('button', { name: 'd:leaf-1' }));
    const panel = screen.getByRole('region', { name: 'Details of leaf-1' });
    expect(
      within(panel).getByText('Links (4), worst first'),
    ).toBeInTheDocument();
    const items = within(panel)
      .getAllByRole('button')
      .filter(b => b.textContent?.includes('↔'));
    expect(items[0]).toHaveTextContent('leaf-1 port 1 ↔ spine-1 port 1');
    expect(
      within(panel).getByRole('link', { name: 'llm-research' }),
    ).toBeInTheDocument();
    // Another link of the switch: its details and counters.
    fireEvent.click(items[1]);
    expect(within(panel).getByTestId('link-details')).toHaveTextContent(
      items[1].textContent!.split('Healthy')[0],
    );
    expect(
      await within(panel).findByText('Degraded or down in 1 of 2 readings.'),
    ).toBeInTheDocument();
  });

  it("opens a worst link's panel from its fabric's tile, however it is drawn", async () => {
    const api = mockApi();
    await renderPage(api);
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'leaf-1 port 1 ↔ spine-1 port 1',
      }),
    );
    const panel = screen.getByRole('region', {
      name: 'Details of InfiniBand link',
    });
    expect(
      within(panel).getByText('width 2×, expected 4×'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: `l:${flapping.id}` }),
    ).toHaveAttribute('aria-pressed', 'true');
    expect(
      await within(panel).findByText('Degraded or down in 1 of 2 readings.'),
    ).toBeInTheDocument();
  });

  it('lights up the bundle a listed link is drawn in', async () => {
    const parallel = link('leaf-2', 'spine-1', {
      id: 'leaf-2/2|spine-1/2',
      health: 'down',
      reasons: ['link is down'],
    });
    await renderPage(
      mockApi({
        getGraph: async () => ({
          ...graph,
          links: [...graph.links, parallel],
          summaries: [{ ...summary, worstLinks: [parallel] }],
        }),
      }),
    );
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'leaf-2 port 1 ↔ spine-1 port 1',
      }),
    );
    expect(
      screen.getByRole('button', { name: 'b:d:leaf-2\u0000d:spine-1' }),
    ).toHaveAttribute('aria-pressed', 'true');
    const panel = screen.getByRole('region', {
      name: 'Details of InfiniBand link',
    });
    expect(within(panel).getByText('link is down')).toBeInTheDocument();
    expect(
      await within(panel).findByText('Degraded or down in 1 of 2 readings.'),
    ).toBeInTheDocument();
  });

  it('asks for the filters in the URL, and again when they change', async () => {
    const api = mockApi();
    await renderPage(
      api,
      '/network-fabric?cluster=resource%3Adefault%2Fcluster-a&health=down',
    );
    await waitFor(() =>
      expect(api.getGraph).toHaveBeenCalledWith({
        cluster: 'resource:default/cluster-a',
        fabric: undefined,
        health: ['down'],
      }),
    );
    expect(await screen.findByRole('button', { name: 'Down' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Degraded' }));
    await waitFor(() =>
      expect(api.getGraph).toHaveBeenLastCalledWith({
        cluster: 'resource:default/cluster-a',
        fabric: undefined,
        health: ['degraded', 'down'],
      }),
    );

    fireEvent.mouseDown(screen.getByLabelText('Fabric'));
    fireEvent.click(
      await screen.findByRole('option', { name: 'InfiniBand fabric (east)' }),
    );
    await waitFor(() =>
      expect(api.getGraph).toHaveBeenLastCalledWith({
        cluster: 'resource:default/cluster-a',
        fabric: FABRIC,
        health: ['degraded', 'down'],
      }),
    );
  });

  it('says where fabric data comes from when there is none, and a failing source', async () => {
    await renderPage(
      mockApi({
        getGraph: async () => ({
          ...empty,
          sources: [
            {
              id: 'prometheus-east',
              kind: 'prometheus',
              status: 'error',
              error: 'HTTP 502',
            },
          ],
        }),
      }),
    );
    expect(await screen.findByText('No fabric data yet')).toBeInTheDocument();
    expect(screen.getByTestId('fabric-source-status')).toHaveTextContent(
      'Prometheus source “prometheus-east” is failing. No read has succeeded yet.',
    );
  });

  it('offers to clear filters that match nothing', async () => {
    const api = mockApi({ getGraph: jest.fn(async () => empty) });
    await renderPage(api, '/network-fabric?health=down');
    expect(
      await screen.findByText('Nothing matches these filters'),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() =>
      expect(api.getGraph).toHaveBeenLastCalledWith({
        cluster: undefined,
        fabric: undefined,
        health: undefined,
      }),
    );
  });

  it('names links no fabric claims as such, not as a catalog entity', async () => {
    await renderPage(
      mockApi({
        getGraph: async () => ({
          ...graph,
          summaries: [
            summary,
            { ...summary, fabricRef: 'unassigned', worstLinks: [] },
          ],
        }),
      }),
    );
    expect(await screen.findByText('Links in no fabric')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'unassigned' })).toBeNull();
  });

  it('shows a stale fabric as stale, never healthy', async () => {
    await renderPage(
      mockApi({
        getGraph: async () => ({
          ...graph,
          summaries: [{ ...summary, health: 'healthy', stale: true }],
        }),
      }),
    );
    expect(await screen.findByText('Unknown · stale')).toBeInTheDocument();
    expect(screen.getByText(/may be out of date/)).toBeInTheDocument();
  });

  it('shows progress while the graph loads', async () => {
    await renderPage(mockApi({ getGraph: () => new Promise(() => {}) }));
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Fabric topology' })).toBeNull();
  });

  it('shows a load error', async () => {
    await renderPage(
      mockApi({
        getGraph: async () => {
          throw new Error('backend down');
        },
      }),
    );
    expect(
      await screen.findByText(/Could not load the network fabric/),
    ).toBeInTheDocument();
  });
});
