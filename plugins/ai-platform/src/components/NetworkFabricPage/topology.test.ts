/**
 * @jest-environment node
 */
import cytoscape from 'cytoscape';
import {
  FabricDevice,
  FabricHealth,
  FabricLink,
} from '@ai-platform/plugin-ai-platform-common';
import {
  fabricElements,
  groupIdOf,
  layoutFabric,
  TopologyData,
  worstHealth,
} from './topology';
import { topologyStyle } from './topologyStyle';

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
  health: 'healthy',
  ...extra,
});

let ports = 0;
const link = (
  a: string,
  b: string,
  extra: Partial<FabricLink> = {},
): FabricLink => {
  const port = String(++ports);
  return {
    id: `${a}/${port}|${b}/${port}`,
    kind: 'infiniband',
    fabricRef: FABRIC,
    a: { deviceId: a, name: a, port },
    b: { deviceId: b, name: b, port },
    rates: {},
    health: 'healthy',
    reasons: [],
    sources: ['prometheus'],
    stale: false,
    ...extra,
  };
};

/**
 * 20 spines, 100 leaves, 2 000 nodes (20 per leaf, in two NVLink domains of 10) and 10 000
 * links: every leaf to every spine, and each node three cables to its leaf and one to the leaf
 * fifty along.
 */
function bigFabric() {
  const spines = Array.from({ length: 20 }, (_, i) =>
    device(`spine-${i}`, 'spine'),
  );
  const leaves = Array.from({ length: 100 }, (_, i) =>
    device(`leaf-${i}`, 'leaf'),
  );
  const nodes = Array.from({ length: 2000 }, (_, i) =>
    device(`node-${i}`, 'node', {
      acceleratorDomain: `nvl-${Math.floor(i / 10)}`,
      gpus: 8,
    }),
  );
  const links: FabricLink[] = [];
  for (const leaf of leaves) {
    for (const spine of spines) links.push(link(leaf.id, spine.id));
  }
  nodes.forEach((n, i) => {
    const leaf = Math.floor(i / 20);
    for (let cable = 0; cable < 3; cable++) {
      links.push(link(n.id, `leaf-${leaf}`));
    }
    links.push(link(`leaf-${(leaf + 50) % 100}`, n.id));
  });
  return { devices: [...spines, ...leaves, ...nodes], links };
}

const count = (elements: { group?: string; data: any }[], kind?: string) => ({
  nodes: elements.filter(
    e => e.group === 'nodes' && (!kind || e.data.kind === kind),
  ).length,
  edges: elements.filter(
    e => e.group === 'edges' && (!kind || e.data.kind === kind),
  ).length,
});

describe('fabric topology at 2 000 nodes and 10 000 links', () => {
  const graph = bigFabric();
  const layout = layoutFabric(graph);

  it('collapses the node tier into one element per leaf', () => {
    expect(graph.links).toHaveLength(10_000);
    const { elements, unplacedLinks } = fabricElements(
      graph,
      layout,
      new Set(),
    );
    expect(unplacedLinks).toBe(0);
    // 20 spines + 100 leaves + 100 groups of 20 nodes.
    expect(count(elements)).toEqual({ nodes: 220, edges: 2200 });
    expect(count(elements, 'group').nodes).toBe(100);
    // Leaf–spine cables stay single; each group has one bundle to its leaf (60 cables) and one
    // to the leaf fifty along (20).
    expect(count(elements, 'link').edges).toBe(2000);
    const bundles = elements.filter(e => e.data.kind === 'bundle');
    expect(bundles).toHaveLength(200);
    expect(
      bundles.map(b => (b.data as { linkIds: string[] }).linkIds.length).sort(),
    ).toEqual([...Array(100).fill(20), ...Array(100).fill(60)].sort());
    const group0 = elements.find(e => e.data.id === groupIdOf('leaf-0'));
    expect(group0?.data).toMatchObject({ nodes: 20, label: '20 nodes' });
  });

  it('expands one group into its nodes inside their NVLink domains', () => {
    const { elements } = fabricElements(
      graph,
      layout,
      new Set([groupIdOf('leaf-0')]),
    );
    // One group becomes 20 nodes in 2 domains; its 2 bundles become 20 bundles of 3 cables
    // and 20 single links.
    expect(count(elements)).toEqual({ nodes: 241, edges: 2238 });
    expect(count(elements, 'domain').nodes).toBe(2);
    const node0 = elements.find(e => e.data.id === 'd:node-0');
    expect(node0?.position).toEqual(layout.positions.get('node-0'));
    // The domain's box holds its ten nodes: five columns, two rows.
    const box = elements.find(e => e.data.id === 'nv:/nvl-0');
    expect(box?.data).toMatchObject({
      label: 'NVLink nvl-0',
      width: 4 * 36 + 28,
      height: 36 + 28,
    });
    expect(box?.position).toEqual({
      x: layout.positions.get('node-2')!.x,
      y: layout.positions.get('node-0')!.y + 18,
    });
  });

  it('draws every node and link when all are shown', () => {
    const { elements } = fabricElements(graph, layout, 'all');
    expect(count(elements)).toEqual({ nodes: 2320, edges: 6000 });
    const drawnLinks = elements
      .filter(e => e.group === 'edges')
      .reduce(
        (sum, e) =>
          sum +
          (e.data.kind === 'bundle'
            ? (e.data as { linkIds: string[] }).linkIds.length
            : 1),
        0,
      );
    expect(drawnLinks).toBe(10_000);
  });

  it('builds valid Cytoscape elements fast enough to stay interactive', () => {
    const started = performance.now();
    const collapsed = fabricElements(graph, layoutFabric(graph), new Set());
    const took = performance.now() - started;
    // A generous bound on a shared CI machine: it guards against quadratic work, not a target.
    expect(took).toBeLessThan(1500);

    const errors = jest.spyOn(console, 'error').mockImplementation(() => {});
    const warnings = jest.spyOn(console, 'warn').mockImplementation(() => {});
    const cy = cytoscape({
      headless: true,
      styleEnabled: true,
      elements: fabricElements(graph, layout, 'all').elements,
      style: topologyStyle({
        health: {
          healthy: '#2e7d32',
          degraded: '#ed6c02',
          down: '#d32f2f',
          unknown: '#9e9e9e',
        },
        text: '#000',
        selected: '#1976d2',
        domain: '#7b1fa2',
      }),
    });
    expect(errors).not.toHaveBeenCalled();
    expect(warnings).not.toHaveBeenCalled();
    expect(cy.nodes()).toHaveLength(2320);
    expect(cy.edges()).toHaveLength(6000);
    cy.add(collapsed.elements.filter(e => e.data.kind === 'group'));
    expect(cy.nodes('[kind = "group"]')).toHaveLength(100);
    cy.destroy();
    errors.mockRestore();
    warnings.mockRestore();
  });
});

describe('layoutFabric', () => {
  const small = () => ({
    devices: [
      device('spine-2', 'spine'),
      device('spine-1', 'spine'),
      device('leaf-10', 'leaf'),
      device('leaf-2', 'leaf'),
      device('node-a', 'node', { acceleratorDomain: 'rack-1' }),
      device('node-b', 'node', { acceleratorDomain: 'rack-1' }),
      device('node-c', 'node'),
      device('node-d', 'node'),
    ],
    links: [
      link('leaf-2', 'spine-1'),
      link('leaf-10', 'spine-2'),
      link('node-a', 'leaf-2'),
      // node-b hangs below leaf-10 by itself, but its NVLink domain keeps it with node-a.
      link('node-b', 'leaf-10'),
      link('node-c', 'leaf-10'),
      link('node-a', 'node-b', { kind: 'nvlink' }),
    ],
  });

  it('lays tiers out in rows, spines on top and nodes at the bottom, leaves above their nodes', () => {
    const layout = layoutFabric(small());
    const y = (id: string) => layout.positions.get(id)!.y;
    const x = (id: string) => layout.positions.get(id)!.x;
    expect(y('spine-1')).toBe(y('spine-2'));
    expect(y('spine-1')).toBeLessThan(y('leaf-2'));
    expect(y('leaf-2')).toBeLessThan(y('node-a'));
    // Numeric order of names: leaf-2 before leaf-10.
    expect(x('leaf-2')).toBeLessThan(x('leaf-10'));
    expect(layout.groupOf.get('node-a')).toBe(groupIdOf('leaf-2'));
    expect(layout.groupOf.get('node-b')).toBe(groupIdOf('leaf-2'));
    expect(layout.groupOf.get('node-c')).toBe(groupIdOf('leaf-10'));
    // A node behind no leaf has a group of its own, after the leaves.
    expect(layout.groupOf.get('node-d')).toBe(groupIdOf());
    expect(x('node-d')).toBeGreaterThan(x('leaf-10'));
    expect(layout.groups.get(groupIdOf('leaf-2'))!.position.x).toBe(
      x('leaf-2'),
    );
  });

  it('spreads rail-optimised nodes, which reach several leaves alike, evenly below them', () => {
    const layout = layoutFabric({
      devices: [
        device('leaf-1', 'leaf'),
        device('leaf-2', 'leaf'),
        ...[1, 2, 3, 4].map(i => device(`node-${i}`, 'node')),
      ],
      links: [1, 2, 3, 4].flatMap(i => [
        link(`node-${i}`, 'leaf-1'),
        link(`node-${i}`, 'leaf-2'),
      ]),
    });
    expect(layout.groups.get(groupIdOf('leaf-1'))!.nodeIds).toEqual([
      'node-1',
      'node-3',
    ]);
    expect(layout.groups.get(groupIdOf('leaf-2'))!.nodeIds).toEqual([
      'node-2',
      'node-4',
    ]);
  });

  it('draws no box for a node that is its own NVLink domain', () => {
    const graph = {
      devices: [
        device('leaf-1', 'leaf'),
        ...[1, 2, 3, 4].map(i =>
          device(`h100-00${i}`, 'node', { acceleratorDomain: `h100-00${i}` }),
        ),
      ],
      links: [1, 2, 3, 4].flatMap(i => [
        link(`h100-00${i}`, 'leaf-1'),
        link(`h100-00${i}`, `h100-00${i}`, { kind: 'nvlink' }),
      ]),
    };
    const layout = layoutFabric(graph);
    expect(layout.groups.get(groupIdOf('leaf-1'))!.domains).toEqual([]);
    // Two rows of two, as for nodes without a domain.
    expect(
      [1, 2, 3, 4].map(i => layout.positions.get(`h100-00${i}`)!.y),
    ).toEqual([660, 660, 696, 696]);
    const { elements } = fabricElements(graph, layout, 'all');
    expect(count(elements)).toEqual({ nodes: 5, edges: 4 });
  });

  it('is the same whatever order the graph comes in', () => {
    const graph = small();
    const shuffled = {
      devices: [...graph.devices].reverse(),
      links: [...graph.links].reverse(),
    };
    expect(layoutFabric(shuffled).positions).toEqual(
      layoutFabric(graph).positions,
    );
  });
});

describe('fabricElements', () => {
  const data = (elements: { data: unknown }[], id: string) =>
    elements.find(e => (e.data as TopologyData).id === id)
      ?.data as TopologyData;

  it('colours a group and a bundle by their worst member, and a stale link never healthy', () => {
    const graph = {
      devices: [
        device('leaf-1', 'leaf'),
        device('spine-1', 'spine'),
        device('spine-2', 'spine'),
        device('node-a', 'node', { health: 'degraded' }),
        device('node-b', 'node', { health: 'down' }),
      ],
      links: [
        link('node-a', 'leaf-1', { utilization: 0.6 }),
        link('node-b', 'leaf-1', { health: 'down', utilization: 0.8 }),
        link('leaf-1', 'spine-2', { health: 'degraded' }),
        link('leaf-1', 'spine-1', { stale: true, utilization: 1 }),
      ],
    };
    const layout = layoutFabric(graph);
    const { elements } = fabricElements(graph, layout, new Set());
    expect(data(elements, groupIdOf('leaf-1'))).toMatchObject({
      health: 'down',
      label: '2 nodes\n2 unhealthy',
    });
    const bundle = data(elements, `b:d:leaf-1\u0000${groupIdOf('leaf-1')}`);
    expect(bundle).toMatchObject({
      kind: 'bundle',
      health: 'down',
      label: '2',
      linkIds: [graph.links[1].id, graph.links[0].id],
    });
    expect((bundle as { width: number }).width).toBeCloseTo(1 + 5 * 0.7);
    // An idle degraded link is still drawn wide enough to be seen.
    expect(data(elements, `l:${graph.links[2].id}`)).toMatchObject({
      health: 'degraded',
      width: 3,
    });
    expect(data(elements, `l:${graph.links[3].id}`)).toMatchObject({
      health: 'unknown',
      width: 6,
    });
  });

  it('leaves links inside a collapsed group undrawn and counts links to unknown devices', () => {
    const graph = {
      devices: [
        device('leaf-1', 'leaf'),
        device('node-a', 'node', { acceleratorDomain: 'rack-1' }),
        device('node-b', 'node', { acceleratorDomain: 'rack-1' }),
      ],
      links: [
        link('node-a', 'leaf-1'),
        link('node-b', 'leaf-1'),
        link('node-a', 'node-b', { kind: 'nvlink' }),
        link('node-a', 'ufm-only-switch'),
      ],
    };
    const layout = layoutFabric(graph);
    const collapsed = fabricElements(graph, layout, new Set());
    expect(collapsed.unplacedLinks).toBe(1);
    expect(count(collapsed.elements).edges).toBe(1);
    const open = fabricElements(graph, layout, 'all');
    expect(count(open.elements)).toEqual({ nodes: 4, edges: 3 });
    expect(data(open.elements, 'nv:/rack-1')).toMatchObject({
      kind: 'domain',
      id: 'nv:/rack-1',
      label: 'NVLink rack-1',
    });
  });

  it('knows the worst of no health is unknown', () => {
    expect(worstHealth([])).toBe('unknown');
    expect(
      worstHealth(['healthy', 'unknown', 'degraded'] as FabricHealth[]),
    ).toBe('degraded');
  });
});
