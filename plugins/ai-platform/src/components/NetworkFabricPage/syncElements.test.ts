/**
 * @jest-environment node
 */
import cytoscape from 'cytoscape';
import {
  FabricDevice,
  FabricLink,
} from '@ai-platform/plugin-ai-platform-common';
import { syncElements } from './syncElements';
import { fabricElements, groupIdOf, layoutFabric } from './topology';

const device = (id: string, tier: FabricDevice['tier']): FabricDevice => ({
  id,
  name: id,
  role: tier === 'node' ? 'node' : 'switch',
  tier,
  fabricRef: 'resource:default/ib',
  health: 'healthy',
});

const link = (
  a: string,
  b: string,
  extra: Partial<FabricLink> = {},
): FabricLink => ({
  id: `${a}|${b}`,
  kind: 'infiniband',
  fabricRef: 'resource:default/ib',
  a: { deviceId: a, name: a, port: '1' },
  b: { deviceId: b, name: b, port: '1' },
  rates: {},
  health: 'healthy',
  reasons: [],
  sources: [],
  stale: false,
  ...extra,
});

const graph = {
  devices: [
    device('spine-1', 'spine'),
    device('leaf-1', 'leaf'),
    device('leaf-2', 'leaf'),
    device('node-1', 'node'),
    device('node-2', 'node'),
  ],
  // One node per leaf: its one link is drawn from its group, then from the node itself.
  links: [
    link('leaf-1', 'spine-1'),
    link('node-1', 'leaf-1'),
    link('node-2', 'leaf-2'),
  ],
};

const snapshot = (cy: cytoscape.Core) =>
  cy
    .elements()
    .map(e =>
      e.isEdge()
        ? `${e.id()} ${e.data('source')}→${e.data('target')} ${e.data(
            'health',
          )}`
        : `${e.id()} ${e.data('health') ?? ''}`,
    )
    .sort();

const expected = (elements: cytoscape.ElementDefinition[]) => {
  const cy = cytoscape({ headless: true, elements });
  const out = snapshot(cy);
  cy.destroy();
  return out;
};

describe('syncElements', () => {
  it('opens and closes a group, moving links to the ends now drawn, and takes a new health', () => {
    const layout = layoutFabric(graph);
    const cy = cytoscape({ headless: true });
    const steps = [
      fabricElements(graph, layout, new Set()).elements,
      fabricElements(graph, layout, new Set([groupIdOf('leaf-1')])).elements,
      fabricElements(graph, layout, new Set()).elements,
    ];
    for (const elements of steps) {
      syncElements(cy, elements);
      expect(snapshot(cy)).toEqual(expected(elements));
    }
    syncElements(cy, steps[1]);
    expect(snapshot(cy)).toContain('l:node-1|leaf-1 d:leaf-1→d:node-1 healthy');
    syncElements(cy, steps[2]);
    expect(snapshot(cy)).toContain('l:node-1|leaf-1 d:leaf-1→g:leaf-1 healthy');

    const worse = {
      ...graph,
      links: [
        link('leaf-1', 'spine-1', { health: 'down' }),
        ...graph.links.slice(1),
      ],
    };
    const kept = cy.getElementById('d:spine-1');
    const elements = fabricElements(
      worse,
      layoutFabric(worse),
      new Set(),
    ).elements;
    syncElements(cy, elements);
    expect(snapshot(cy)).toEqual(expected(elements));
    expect(snapshot(cy)).toContain('l:leaf-1|spine-1 d:leaf-1→d:spine-1 down');
    // Unchanged elements are the same objects, not re-created.
    expect(cy.getElementById('d:spine-1')).toBe(kept);
    cy.destroy();
  });
});
