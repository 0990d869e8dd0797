import { declaredObservation } from './declared';
import { DEFAULT_FABRIC_THRESHOLDS } from './health';
import {
  FabricEntityInfo,
  FabricSourceInput,
  buildFabricGraph,
  clusterSummaries,
  filterFabricGraph,
} from './graph';
import {
  FabricObservation,
  FabricSourceStatus,
  PortObservation,
  PortRef,
} from './types';

const IB = 'resource:default/ib-east';
const NVL = 'resource:default/nvlink-east';
const CLUSTER = 'resource:default/cluster-a';
const AT = '2026-11-23T10:00:00.000Z';

const fabrics: FabricEntityInfo[] = [
  {
    ref: IB,
    kind: 'infiniband',
    owner: 'group:default/ml-platform',
    speedGbps: 400,
    width: 4,
  },
  { ref: NVL, kind: 'nvlink', speedGbps: 3600, width: 18 },
];
const clusters = [{ ref: CLUSTER, fabricRefs: [IB, NVL] }];

const guid = (n: number) => `0x${n.toString(16).padStart(16, '0')}`;
const leaf = (i: number, port: number): PortRef => ({
  deviceId: guid(0x100 + i),
  name: `leaf-0${i}`,
  port: String(port),
});
const spine = (i: number, port: number): PortRef => ({
  deviceId: guid(0x200 + i),
  name: `spine-0${i}`,
  port: String(port),
});
const hca = (n: number): PortRef => ({
  deviceId: guid(0xa00 + n),
  name: `gpu-00${n} mlx5_0`,
  port: '1',
});

type Cable = Partial<Omit<PortObservation, 'local' | 'remote'>>;

/** Both directions of a cable, as the infiniband-exporter reports them. */
function cable(
  x: PortRef,
  y: PortRef,
  extra: Cable = {},
  ratesAtY: PortObservation['rates'] = {},
): PortObservation[] {
  const role = (r: PortRef) => (r.name.includes('mlx5') ? 'node' : 'switch');
  const base = {
    kind: 'infiniband' as const,
    up: true,
    speedGbps: 400,
    width: 4,
  };
  return [
    {
      ...base,
      local: { ...x, role: role(x) },
      remote: y,
      rates: {},
      ...extra,
    },
    {
      ...base,
      local: { ...y, role: role(y) },
      remote: x,
      ...extra,
      rates: { ...extra.rates, ...ratesAtY },
    },
  ];
}

/** A 2-spine, 2-leaf tree of four nodes; gpu-004's cable flaps and leaf-02's uplink to spine-02 is down. */
function fabricPorts(): PortObservation[] {
  return [
    ...cable(hca(1), leaf(1, 1)),
    ...cable(hca(2), leaf(1, 2)),
    ...cable(hca(3), leaf(2, 1)),
    ...cable(
      hca(4),
      leaf(2, 2),
      { rates: { linkErrorRecovery: 0.004 } },
      { symbolErrors: 0.5 },
    ),
    ...cable(leaf(1, 3), spine(1, 1)),
    ...cable(leaf(1, 4), spine(2, 1)),
    ...cable(leaf(2, 3), spine(1, 2), {
      speedGbps: 200,
      width: 2,
      bytesPerSecond: 10e9,
    }),
    ...cable(leaf(2, 4), spine(2, 2), { up: false }),
  ];
}

const nvlinks = (host: string, gpus: number): PortObservation[] =>
  Array.from({ length: gpus }, (_, g) => ({
    kind: 'nvlink' as const,
    local: {
      deviceId: host,
      name: `${host} GPU ${g}`,
      port: `gpu${g}`,
      role: 'node' as const,
    },
    remote: { deviceId: host, name: `${host} NVLink`, port: 'nvlink' },
    rates: g === 1 && host === 'gpu-001' ? { nvlinkReplayErrors: 2 } : {},
    bytesPerSecond: 450e9,
  }));

const status = (
  id: string,
  kind: FabricSourceStatus['kind'],
  s: FabricSourceStatus['status'] = 'ok',
  error?: string,
): FabricSourceStatus => ({
  id,
  kind,
  status: s,
  lastSuccessAt: AT,
  ...(error ? { error } : {}),
});

const observation = (
  sourceId: string,
  ports: PortObservation[],
  placements: FabricObservation['placements'] = [],
): FabricObservation => ({
  sourceId,
  collectedAt: AT,
  ports,
  placements,
  alarms: [],
});

const placements = [1, 2, 3, 4].map(n => ({
  node: `gpu-00${n}`,
  clusterRef: CLUSTER,
  switches: [`leaf-0${n <= 2 ? 1 : 2}`],
  gpus: 2,
  acceleratorDomain: `gpu-00${n}`,
  namespaces: n <= 2 ? ['llm-train'] : ['recsys-train', 'kube-system'],
}));

const nodeTeams = Object.fromEntries(
  [1, 2, 3, 4].map(n => [
    `gpu-00${n}`,
    [
      n <= 2
        ? {
            teamRef: 'group:default/llm-research',
            workloads: ['namespace llm-train'],
          }
        : {
            teamRef: 'group:default/recsys',
            workloads: ['namespace recsys-train'],
          },
    ],
  ]),
);

function build(sources: FabricSourceInput[]) {
  return buildFabricGraph({
    generatedAt: AT,
    fabrics,
    clusters,
    sources,
    thresholds: DEFAULT_FABRIC_THRESHOLDS,
    nodeTeams,
  });
}

const prometheus = (
  s: FabricSourceStatus['status'] = 'ok',
  error?: string,
) => ({
  status: status('prometheus', 'prometheus', s, error),
  observation: observation('prometheus', [
    ...fabricPorts(),
    ...[1, 2, 3, 4].flatMap(n => nvlinks(`gpu-00${n}`, 2)),
  ]),
});
const kubernetes = {
  status: status('kubernetes', 'kubernetes'),
  observation: observation('kubernetes', [], placements),
};

describe('buildFabricGraph', () => {
  const graph = build([prometheus(), kubernetes]);
  const link = (x: string, y: string) =>
    graph.links.find(l => {
      const names = [l.a, l.b].map(
        end => graph.devices.find(d => d.id === end.deviceId)!.name,
      );
      return names.includes(x) && names.includes(y) && l.kind === 'infiniband';
    })!;

  it('merges both directions of a cable into one link with a stable id', () => {
    expect(graph.links.filter(l => l.kind === 'infiniband')).toHaveLength(8);
    const flapping = link('gpu-004', 'leaf-02');
    expect(flapping.id).toBe(`${guid(0x102)}:2~gpu-004:mlx5_0/1`);
    expect(flapping.a).toEqual({
      deviceId: guid(0x102),
      name: 'leaf-02',
      port: '2',
    });
    // Each end's counters once, the two ends added.
    expect(flapping.rates).toEqual({
      linkErrorRecovery: 0.008,
      symbolErrors: 0.5,
    });
    expect(build([prometheus(), kubernetes]).links.map(l => l.id)).toEqual(
      graph.links.map(l => l.id),
    );
  });

  it('makes the adapters and GPUs of a host ports of one node device', () => {
    const node = graph.devices.find(d => d.id === 'gpu-001')!;
    expect(node).toEqual({
      id: 'gpu-001',
      name: 'gpu-001',
      role: 'node',
      tier: 'node',
      fabricRef: IB,
      clusterRef: CLUSTER,
      acceleratorDomain: 'gpu-001',
      gpus: 2,
      health: 'degraded',
    });
    expect(
      graph.links.filter(
        l => l.a.deviceId === 'gpu-001' || l.b.deviceId === 'gpu-001',
      ),
    ).toHaveLength(3);
  });

  it('judges each link and says why', () => {
    expect(link('gpu-001', 'leaf-01')).toMatchObject({
      health: 'healthy',
      reasons: [],
      fabricRef: IB,
      expected: { speedGbps: 400, width: 4 },
      observed: { up: true, speedGbps: 400, width: 4 },
      sources: ['prometheus'],
      stale: false,
    });
    expect(link('gpu-004', 'leaf-02')).toMatchObject({
      health: 'degraded',
      reasons: [
        'symbol errors 0.5/s (threshold 0.01/s)',
        'link error recovery 0.008/s (threshold 0.001/s)',
      ],
    });
    expect(link('leaf-02', 'spine-01')).toMatchObject({
      health: 'degraded',
      reasons: ['width 2×, expected 4×', 'speed 200 Gb/s, expected 400 Gb/s'],
      utilization: 0.1,
    });
    expect(link('leaf-02', 'spine-02')).toMatchObject({
      health: 'down',
      reasons: ['link is down'],
    });
    const nv = graph.links.find(l => l.id === 'gpu-001:gpu1~gpu-001:nvlink')!;
    expect(nv).toMatchObject({
      kind: 'nvlink',
      fabricRef: NVL,
      health: 'degraded',
      utilization: 0.5,
    });
  });

  it('places switches in tiers and rolls health up to devices', () => {
    const tiers = Object.fromEntries(graph.devices.map(d => [d.name, d.tier]));
    expect(tiers).toMatchObject({
      'spine-01': 'spine',
      'spine-02': 'spine',
      'leaf-01': 'leaf',
      'leaf-02': 'leaf',
      'gpu-003': 'node',
    });
    expect(graph.devices.map(d => d.name).slice(0, 4)).toEqual([
      'spine-01',
      'spine-02',
      'leaf-01',
      'leaf-02',
    ]);
    const health = Object.fromEntries(
      graph.devices.map(d => [d.name, d.health]),
    );
    expect(health).toMatchObject({
      'leaf-01': 'healthy',
      'leaf-02': 'degraded',
      'spine-02': 'degraded',
      'gpu-003': 'healthy',
    });
  });

  it('summarizes each fabric: counts, share, oversubscription, worst links, teams', () => {
    const ib = graph.summaries.find(s => s.fabricRef === IB)!;
    expect(ib).toMatchObject({
      kind: 'infiniband',
      health: 'degraded',
      links: { healthy: 5, degraded: 2, down: 1, unknown: 0 },
      degradedShare: 3 / 8,
      stale: false,
      differences: [
        {
          kind: 'width',
          message: 'leaf-02 ↔ spine-01: width 2×, declared 4×',
        },
        {
          kind: 'speed',
          message: 'leaf-02 ↔ spine-01: 200 Gb/s, declared 400 Gb/s',
        },
      ],
    });
    // Leaves: four nodes' 1600 Gb/s down over 400 + 400 + 200 + 0 up.
    expect(ib.oversubscription).toEqual([{ tier: 'leaf', ratio: 1600 / 1000 }]);
    expect(ib.worstLinks.map(l => l.health)).toEqual([
      'down',
      'degraded',
      'degraded',
    ]);
    expect(ib.worstLinks[1]).toBe(link('gpu-004', 'leaf-02'));
    expect(ib.affectedTeams).toEqual([
      {
        teamRef: 'group:default/recsys',
        nodes: ['gpu-003', 'gpu-004'],
        linkIds: [
          link('gpu-004', 'leaf-02').id,
          link('leaf-02', 'spine-01').id,
          link('leaf-02', 'spine-02').id,
        ].sort(),
        workloads: ['namespace recsys-train'],
      },
    ]);
    const nv = graph.summaries.find(s => s.fabricRef === NVL)!;
    expect(nv.links).toEqual({ healthy: 7, degraded: 1, down: 0, unknown: 0 });
    expect(nv.oversubscription).toEqual([]);
    expect(nv.affectedTeams.map(t => [t.teamRef, t.nodes])).toEqual([
      ['group:default/llm-research', ['gpu-001']],
    ]);
  });

  it('shows the links of a failing source as unknown and stale, never healthy', () => {
    const stale = build([prometheus('error', 'fetch failed'), kubernetes]);
    expect(stale.links).toHaveLength(graph.links.length);
    expect(new Set(stale.links.map(l => l.health))).toEqual(
      new Set(['unknown']),
    );
    expect(stale.links[0]).toMatchObject({
      stale: true,
      rates: {},
      reasons: ['no fresh data (prometheus error: fetch failed)'],
    });
    expect(stale.summaries.every(s => s.stale && s.health === 'unknown')).toBe(
      true,
    );
    expect(stale.sources.map(s => s.status)).toEqual(['error', 'ok']);
  });

  it('keeps fresh data of one source when another that sees the link fails', () => {
    const ufm = {
      status: status('ufm', 'ufm', 'stale'),
      observation: observation('ufm', cable(hca(1), leaf(1, 1), { up: false })),
    };
    const both = build([prometheus(), ufm, kubernetes]);
    const l = both.links.find(
      x => x.id === `${guid(0x101)}:1~gpu-001:mlx5_0/1`,
    )!;
    expect(l).toMatchObject({
      health: 'healthy',
      sources: ['prometheus', 'ufm'],
      stale: false,
    });
  });

  it('places links in the only fabric of their kind, or in none', () => {
    const g = buildFabricGraph({
      generatedAt: AT,
      fabrics,
      clusters: [],
      sources: [
        {
          status: status('p', 'prometheus'),
          observation: observation('p', [
            ...cable(leaf(1, 3), spine(1, 1)),
            ...cable(leaf(1, 5), spine(1, 5), { kind: 'roce' }),
          ]),
        },
      ],
      thresholds: {},
    });
    expect(g.links.map(l => [l.kind, l.fabricRef])).toEqual([
      ['infiniband', IB],
      ['roce', 'unassigned'],
    ]);
  });
});

describe('declared topology', () => {
  const declared = declaredObservation({
    sourceId: 'declared',
    collectedAt: AT,
    fabrics: [
      {
        ref: IB,
        spec: {
          fabric: 'infiniband',
          linkSpeedGbps: 400,
          linkWidth: 4,
          topology: { fatTree: { spines: 2, leaves: 2, nodesPerLeaf: 2 } },
        },
      },
      {
        ref: NVL,
        spec: { fabric: 'nvlink', linkSpeedGbps: 3600, linkWidth: 18 },
      },
    ],
    clusters: [
      {
        ref: CLUSTER,
        fabricRefs: [IB, NVL],
        spec: {
          gpuPools: [{ model: 'H100', memoryGiB: 80, count: 8 }],
          topology: { nodes: 4, nodePrefix: 'gpu-', gpusPerNode: 2 },
        },
      },
    ],
  });
  const declaredSource = {
    status: status('declared', 'declared'),
    observation: declared,
  };

  it('stands in for the fabric where no source observes it', () => {
    const g = build([declaredSource]);
    const ib = g.summaries.find(s => s.fabricRef === IB)!;
    expect(ib).toMatchObject({
      health: 'unknown',
      links: { healthy: 0, degraded: 0, down: 0, unknown: 8 },
      oversubscription: [{ tier: 'leaf', ratio: 1 }],
      differences: [],
      stale: false,
    });
    expect(g.links.find(l => l.fabricRef === IB)!.reasons).toEqual([
      'declared; no source observes this fabric',
    ]);
    expect(g.devices.filter(d => d.role === 'node')).toHaveLength(4);
    expect(g.devices.find(d => d.name === 'spine-02')!.tier).toBe('spine');
  });

  it('lists where the observed fabric differs: a cable on the wrong leaf, and narrowed links', () => {
    const ports = fabricPorts().filter(
      p => ![p.local.name, p.remote.name].includes('gpu-004 mlx5_0'),
    );
    ports.push(...cable(hca(4), leaf(1, 5)));
    const g = build([
      {
        status: status('prometheus', 'prometheus'),
        observation: observation('prometheus', ports),
      },
      kubernetes,
      declaredSource,
    ]);
    const ib = g.summaries.find(s => s.fabricRef === IB)!;
    expect(ib.differences.map(d => [d.kind, d.message])).toEqual([
      ['missing', 'gpu-004 ↔ leaf-02: declared, not observed'],
      ['unexpected', 'gpu-004 ↔ leaf-01: observed, not declared'],
      ['width', 'leaf-02 ↔ spine-01: width 2×, declared 4×'],
      ['speed', 'leaf-02 ↔ spine-01: 200 Gb/s, declared 400 Gb/s'],
    ]);
    // The missing cable carries nothing: leaf-02 is down to one node.
    expect(ib.oversubscription).toEqual([{ tier: 'leaf', ratio: 1600 / 1000 }]);
    // The declared switch is the observed one of its name: one leaf-02, not two.
    expect(g.devices.filter(d => d.name === 'leaf-02')).toHaveLength(1);
    const missing = g.links.find(l => l.id === ib.differences[0].linkId)!;
    expect(missing).toMatchObject({
      health: 'unknown',
      reasons: ['declared, not observed'],
      sources: ['declared'],
    });
    // Declared NVLinks nobody observes are no differences of the IB fabric; they stand in.
    expect(g.summaries.find(s => s.fabricRef === NVL)!.links.unknown).toBe(8);
  });
});

describe('views', () => {
  const other = 'resource:default/cluster-b';
  const ports = [
    ...fabricPorts(),
    ...cable(
      { deviceId: guid(0xb01), name: 'gpu-101 mlx5_0', port: '1' },
      leaf(3, 1),
      { up: false },
    ),
    ...cable(leaf(3, 3), spine(1, 3)),
  ];
  const graph = build([
    {
      status: status('prometheus', 'prometheus'),
      observation: observation('prometheus', ports),
    },
    {
      status: status('kubernetes', 'kubernetes'),
      observation: observation(
        'kubernetes',
        [],
        [...placements, { node: 'gpu-101', clusterRef: other, switches: [] }],
      ),
    },
  ]);
  const context = {
    nodeTeams,
    thresholds: DEFAULT_FABRIC_THRESHOLDS,
  };

  it('scopes a cluster to its nodes, their links and the switches above them', () => {
    const scoped = clusterSummaries(graph, other, context);
    const names = graph.devices
      .filter(d => scoped.deviceIds.has(d.id))
      .map(d => d.name);
    expect(names).toEqual(['spine-01', 'leaf-03', 'gpu-101']);
    expect(scoped.summaries).toEqual([
      expect.objectContaining({
        fabricRef: IB,
        clusterRef: other,
        links: { healthy: 1, degraded: 0, down: 1, unknown: 0 },
        differences: [],
      }),
    ]);
  });

  it('filters the graph by cluster, fabric and state', () => {
    const byCluster = filterFabricGraph(graph, { cluster: CLUSTER }, context);
    expect(byCluster.devices.some(d => d.name === 'gpu-101')).toBe(false);
    expect(byCluster.links).toHaveLength(8);
    expect(byCluster.summaries[0].clusterRef).toBe(CLUSTER);

    const down = filterFabricGraph(
      graph,
      { fabric: IB, health: ['down'] },
      context,
    );
    expect(down.links.map(l => l.health)).toEqual(['down', 'down']);
    expect(down.devices.map(d => d.name).sort()).toEqual([
      'gpu-101',
      'leaf-02',
      'leaf-03',
      'spine-02',
    ]);
    expect(down.summaries.map(s => s.fabricRef)).toEqual([IB]);
    expect(filterFabricGraph(graph, {}, context)).toEqual(graph);
  });
});
