import { FabricIndex, assignTiers, oversubscription } from './topology';
import { FabricDevice, FabricLink } from './types';
import { adapterOf, hostOf, linkId, nameKey } from './links';

const device = (
  id: string,
  tier: FabricDevice['tier'],
  clusterRef?: string,
): FabricDevice => ({
  id,
  name: id,
  role: tier === 'node' ? 'node' : 'switch',
  tier,
  fabricRef: 'resource:default/ib',
  ...(clusterRef ? { clusterRef } : {}),
  health: 'healthy',
});

const link = (
  a: string,
  b: string,
  extra: Partial<FabricLink> = {},
): FabricLink => ({
  id: `${a}~${b}`,
  kind: 'infiniband',
  fabricRef: 'resource:default/ib',
  a: { deviceId: a, name: a, port: '1' },
  b: { deviceId: b, name: b, port: '1' },
  expected: { speedGbps: 400, width: 4 },
  rates: {},
  health: 'healthy',
  reasons: [],
  sources: ['p'],
  stale: false,
  ...extra,
});

describe('links', () => {
  it('makes a host channel adapter a port of its host', () => {
    const hca = { deviceId: '0x0a', name: 'node-017 mlx5_3', port: '1' };
    expect(hostOf(hca)).toBe('node-017');
    expect(adapterOf(hca, 'node-017')).toBe('mlx5_3');
    const bare = { deviceId: '0x0b', name: '0x0b', port: '2' };
    expect(adapterOf(bare, hostOf(bare))).toBeUndefined();
    const gpu = { deviceId: 'node-017', name: 'node-017 GPU 3', port: 'gpu3' };
    expect(adapterOf(gpu, hostOf(gpu))).toBeUndefined();
  });

  it('gives both directions the same id, and compares names by first word', () => {
    const x = { deviceId: 'b', name: 'b', port: '1' };
    const y = { deviceId: 'a', name: 'a', port: '9' };
    expect(linkId(x, y)).toBe('a:9~b:1');
    expect(linkId(y, x)).toBe('a:9~b:1');
    expect(nameKey(' Leaf-03 MQM9700 ')).toBe('leaf-03');
  });
});

describe('assignTiers', () => {
  it('counts tiers up from the nodes; an unreached switch takes its placement tier', () => {
    const roles = new Map<string, 'switch' | 'node'>([
      ['n1', 'node'],
      ['l1', 'switch'],
      ['s1', 'switch'],
      ['c1', 'switch'],
      ['c2', 'switch'],
      ['lonely', 'switch'],
      ['far', 'switch'],
    ]);
    const tiers = assignTiers(
      roles,
      [
        ['n1', 'l1'],
        ['l1', 's1'],
        ['s1', 'c1'],
        ['c1', 'c2'],
        ['far', 'far'],
      ].map(([a, b]) => ({ a: { deviceId: a }, b: { deviceId: b } })),
      new Map([['far', 1]]),
    );
    expect(Object.fromEntries(tiers)).toEqual({
      n1: 'node',
      l1: 'leaf',
      s1: 'spine',
      c1: 'core',
      c2: 'core',
      lonely: 'leaf',
      far: 'spine',
    });
  });
});

describe('FabricIndex', () => {
  const devices = [
    device('s1', 'spine'),
    device('l1', 'leaf'),
    device('l2', 'leaf'),
    device('n1', 'node', 'resource:default/a'),
    device('n2', 'node', 'resource:default/a'),
    device('n3', 'node', 'resource:default/b'),
  ];
  const links = [
    link('n1', 'l1'),
    link('n2', 'l1'),
    link('n3', 'l2'),
    link('l1', 's1'),
    link('l2', 's1', { health: 'down' }),
    link('l1', 'l2'),
  ];
  const index = new FabricIndex(devices, links);

  it('finds who is behind a link: its nodes, or the nodes under its lower switch', () => {
    expect(index.nodesBehind(links[0])).toEqual(['n1']);
    expect(index.nodesBehind(links[3])).toEqual(['n1', 'n2']);
    expect(index.nodesBehind(links[5])).toEqual(['n1', 'n2', 'n3']);
    expect([...index.nodesBelow('s1')].sort()).toEqual(['n1', 'n2', 'n3']);
  });

  it('scopes a cluster to its nodes and what leads up from them', () => {
    const scope = index.clusterScope('resource:default/a');
    expect([...scope.deviceIds].sort()).toEqual(['l1', 'n1', 'n2', 's1']);
    expect([...scope.linkIds].sort()).toEqual(['l1~s1', 'n1~l1', 'n2~l1']);
  });

  it('divides downlink by uplink capacity per switch tier, down uplinks counting nothing', () => {
    expect(oversubscription(index, links)).toEqual([
      { tier: 'leaf', ratio: 1200 / 400 },
    ]);
    const narrowed = links.map((l, i) =>
      i === 4
        ? { ...l, health: 'degraded' as const, observed: { speedGbps: 200 } }
        : l,
    );
    expect(oversubscription(index, narrowed)).toEqual([
      { tier: 'leaf', ratio: 1200 / 600 },
    ]);
  });
});
