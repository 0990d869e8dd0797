import {
  DeclaredCluster,
  declaredNodes,
  declaredObservation,
} from './declared';

const IB = 'resource:default/ib-east';
const NVL = 'resource:default/nvl72';
const at = '2026-11-23T10:00:00.000Z';

const cluster = (
  ref: string,
  nodes: number,
  prefix: string,
  extra: Partial<NonNullable<DeclaredCluster['spec']['topology']>> = {},
): DeclaredCluster => ({
  ref,
  fabricRefs: [IB, NVL],
  spec: {
    gpuPools: [{ model: 'GB200', memoryGiB: 192, count: nodes * 4 }],
    topology: { nodes, nodePrefix: prefix, gpusPerNode: 4, ...extra },
  },
});

describe('declaredObservation', () => {
  const observation = declaredObservation({
    sourceId: 'declared',
    collectedAt: at,
    fabrics: [
      {
        ref: IB,
        spec: {
          fabric: 'infiniband',
          linkSpeedGbps: 400,
          topology: {
            fatTree: {
              spines: 2,
              leaves: 2,
              nodesPerLeaf: 2,
              linksPerNode: 2,
              uplinksPerLeaf: 4,
            },
            links: [{ a: 'spine-01', b: 'core-1', count: 2 }],
          },
        },
      },
      { ref: NVL, spec: { fabric: 'nvlink', linkSpeedGbps: 3600 } },
    ],
    // Listed out of order: clusters fill the leaves by entity ref.
    clusters: [
      cluster('resource:default/rack-b', 3, 'b-'),
      cluster('resource:default/rack-a', 2, 'a-', { nvlinkDomainSize: 8 }),
    ],
  });
  const ib = observation.ports.filter(p => p.kind === 'infiniband');

  it('names nodes by prefix and number', () => {
    expect(declaredNodes(cluster('resource:default/x', 12, 'gpu-'))).toEqual(
      Array.from(
        { length: 12 },
        (_, i) => `gpu-${String(i + 1).padStart(3, '0')}`,
      ),
    );
  });

  it('cables a fat tree: nodes to leaves in cluster order, leaves round-robin to spines', () => {
    const cables = ib.map(
      p =>
        `${p.local.name}:${p.local.port} > ${p.remote.name}:${p.remote.port}`,
    );
    // Four node slots: rack-a's two nodes, then rack-b's first two; b-003 has no slot.
    expect(cables.slice(0, 8)).toEqual([
      'a-001 mlx5_0:mlx5_0/1 > leaf-01:1',
      'a-001 mlx5_1:mlx5_1/1 > leaf-01:2',
      'a-002 mlx5_0:mlx5_0/1 > leaf-01:3',
      'a-002 mlx5_1:mlx5_1/1 > leaf-01:4',
      'b-001 mlx5_0:mlx5_0/1 > leaf-02:1',
      'b-001 mlx5_1:mlx5_1/1 > leaf-02:2',
      'b-002 mlx5_0:mlx5_0/1 > leaf-02:3',
      'b-002 mlx5_1:mlx5_1/1 > leaf-02:4',
    ]);
    expect(cables.slice(8, 16)).toEqual([
      'leaf-01:5 > spine-01:1',
      'leaf-01:6 > spine-02:1',
      'leaf-01:7 > spine-01:2',
      'leaf-01:8 > spine-02:2',
      'leaf-02:5 > spine-01:3',
      'leaf-02:6 > spine-02:3',
      'leaf-02:7 > spine-01:4',
      'leaf-02:8 > spine-02:4',
    ]);
    expect(cables.slice(16)).toEqual([
      'spine-01:core-1/1 > core-1:spine-01/1',
      'spine-01:core-1/2 > core-1:spine-01/2',
    ]);
    expect(
      ib.every(p => p.fabricRef === IB && !Object.keys(p.rates).length),
    ).toBe(true);
  });

  it("declares each GPU's NVLinks as DCGM reports them, and NVLink domains", () => {
    const nvlink = observation.ports.filter(p => p.kind === 'nvlink');
    expect(nvlink).toHaveLength(5 * 4);
    expect(nvlink[0]).toEqual({
      kind: 'nvlink',
      fabricRef: NVL,
      local: {
        deviceId: 'a-001',
        name: 'a-001 GPU 0',
        port: 'gpu0',
        role: 'node',
      },
      remote: { deviceId: 'a-001', name: 'a-001 NVLink', port: 'nvlink' },
      rates: {},
    });
    expect(
      observation.placements.map(p => [
        p.node,
        p.switches,
        p.acceleratorDomain,
      ]),
    ).toEqual([
      ['a-001', ['leaf-01'], 'rack-a-nvl-01'],
      ['a-002', ['leaf-01'], 'rack-a-nvl-01'],
      ['b-001', ['leaf-02'], 'b-001'],
      ['b-002', ['leaf-02'], 'b-002'],
      ['b-003', [], 'b-003'],
    ]);
    expect(observation.placements[0]).toMatchObject({
      clusterRef: 'resource:default/rack-a',
      gpus: 4,
    });
  });
});
