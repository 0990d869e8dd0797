/**
 * The input `yarn bench:fabric` builds from, and renders the built graph of: like a real run,
 * both directions of every cable from an infiniband-exporter-shaped source, node placements with
 * namespaces, the declared topology to compare with, a few bad cables, the teams on each node.
 */
import {
  DEFAULT_FABRIC_THRESHOLDS,
  DeclaredCluster,
  DeclaredFabric,
  FabricBuildInput,
  FabricObservation,
  NodeTeams,
  PortObservation,
  PortRef,
  declaredNodes,
  declaredObservation,
} from '../../../plugins/ai-platform-common/src/fabric';

const NODES_PER_LEAF = 16;
const RAILS = 4;
const SPINES = 16;
const TEAMS = 20;
const FABRIC = 'resource:default/bench-ib';
const CLUSTER = 'resource:default/bench-cluster';
const AT = '2026-11-23T10:00:00.000Z';

/** Deterministic noise in [0, 1). */
function noise(n: number): number {
  const x = Math.sin(n * 12.9898) * 43758.5453;
  return x - Math.floor(x);
}

const guid = (kind: number, n: number) =>
  `0x${kind.toString(16)}${n.toString(16).padStart(12, '0')}`;

/**
 * A fat tree of `nodes` nodes: 16 per leaf, 4 cables from each node to its leaf, one cable from
 * every leaf to each of 16 spines; 5 links per node.
 */
export function input(nodes: number): FabricBuildInput {
  const leaves = Math.ceil(nodes / NODES_PER_LEAF);
  const fabric: DeclaredFabric = {
    ref: FABRIC,
    spec: {
      fabric: 'infiniband',
      linkSpeedGbps: 400,
      linkWidth: 4,
      topology: {
        fatTree: {
          spines: SPINES,
          leaves,
          nodesPerLeaf: NODES_PER_LEAF,
          linksPerNode: RAILS,
        },
      },
    },
  };
  const cluster: DeclaredCluster = {
    ref: CLUSTER,
    fabricRefs: [FABRIC],
    spec: {
      gpuPools: [{ model: 'H100', memoryGiB: 80, count: nodes * 8 }],
      topology: { nodes, nodePrefix: 'node-', gpusPerNode: 8 },
    },
  };
  const hosts = declaredNodes(cluster);
  const leafName = (l: number) =>
    `leaf-${String(l + 1).padStart(Math.max(2, String(leaves).length), '0')}`;
  const spineName = (s: number) => `spine-${String(s + 1).padStart(2, '0')}`;

  const ports: PortObservation[] = [];
  let cables = 0;
  const cable = (x: PortRef, xRole: 'node' | 'switch', y: PortRef) => {
    const n = cables++;
    const r = noise(n);
    // About 1 % of cables misbehave: errors, a narrow width or down.
    const bad = r < 0.01 ? Math.floor(r * 300) : -1;
    const reading = {
      up: bad !== 0,
      speedGbps: bad === 1 ? 200 : 400,
      width: bad === 1 ? 2 : 4,
      bytesPerSecond: noise(n + 0.5) * 100e9,
    };
    ports.push(
      {
        kind: 'infiniband',
        local: { ...x, role: xRole },
        remote: y,
        ...reading,
        rates: { symbolErrors: bad === 2 ? 0.4 : 0, portRcvErrors: 0 },
      },
      {
        kind: 'infiniband',
        local: { ...y, role: 'switch' },
        remote: x,
        ...reading,
        rates: { symbolErrors: 0, linkErrorRecovery: bad === 2 ? 0.01 : 0 },
      },
    );
  };
  hosts.forEach((host, i) => {
    const l = Math.floor(i / NODES_PER_LEAF);
    for (let rail = 0; rail < RAILS; rail++) {
      cable(
        {
          deviceId: guid(0xa, i * RAILS + rail),
          name: `${host} mlx5_${rail}`,
          port: '1',
        },
        'node',
        {
          deviceId: guid(0x1, l),
          name: leafName(l),
          port: String((i % NODES_PER_LEAF) * RAILS + rail + 1),
        },
      );
    }
  });
  for (let l = 0; l < leaves; l++) {
    for (let s = 0; s < SPINES; s++) {
      cable(
        {
          deviceId: guid(0x1, l),
          name: leafName(l),
          port: String(NODES_PER_LEAF * RAILS + s + 1),
        },
        'switch',
        { deviceId: guid(0x2, s), name: spineName(s), port: String(l + 1) },
      );
    }
  }

  const team = (i: number) => `group:default/team-${i % TEAMS}`;
  const observed: FabricObservation = {
    sourceId: 'prometheus',
    collectedAt: AT,
    ports,
    placements: hosts.map((node, i) => ({
      node,
      clusterRef: CLUSTER,
      switches: [leafName(Math.floor(i / NODES_PER_LEAF))],
      namespaces: [`ns-${i % TEAMS}`],
    })),
    alarms: [],
  };
  const nodeTeams: NodeTeams = Object.fromEntries(
    hosts.map((host, i) => [
      host,
      [{ teamRef: team(i), workloads: [`namespace ns-${i % TEAMS}`] }],
    ]),
  );
  const status = (id: string, kind: 'prometheus' | 'declared') => ({
    id,
    kind,
    status: 'ok' as const,
    lastSuccessAt: AT,
  });
  return {
    generatedAt: AT,
    fabrics: [
      {
        ref: FABRIC,
        kind: 'infiniband',
        owner: 'group:default/network',
        speedGbps: 400,
        width: 4,
      },
    ],
    clusters: [{ ref: CLUSTER, fabricRefs: [FABRIC] }],
    sources: [
      {
        status: status('declared', 'declared'),
        observation: declaredObservation({
          sourceId: 'declared',
          collectedAt: AT,
          fabrics: [fabric],
          clusters: [cluster],
        }),
      },
      { status: status('prometheus', 'prometheus'), observation: observed },
    ],
    thresholds: DEFAULT_FABRIC_THRESHOLDS,
    nodeTeams,
  };
}
