import { z } from 'zod/v3';
import { aiSpecSchemas } from '../entities/schemas';
import {
  FabricObservation,
  NodePlacement,
  PortObservation,
  PortRef,
} from './types';

export type NetworkFabricSpec = z.infer<
  (typeof aiSpecSchemas)['network-fabric']
>;
export type GpuClusterSpec = z.infer<(typeof aiSpecSchemas)['gpu-cluster']>;

/** A `network-fabric` entity: its ref and valid spec. */
export interface DeclaredFabric {
  ref: string;
  spec: NetworkFabricSpec;
}

/** A `gpu-cluster` entity: its ref, the fabrics it depends on and its valid spec. */
export interface DeclaredCluster {
  ref: string;
  fabricRefs: string[];
  spec: GpuClusterSpec;
}

/** `prefix` and a 1-based number padded to at least `min` digits (or the count's). */
function numbered(prefix: string, n: number, count: number, min: number) {
  return `${prefix}${String(n).padStart(
    Math.max(min, String(count).length),
    '0',
  )}`;
}

/** The names of a cluster's declared nodes, in order: `<nodePrefix>001`, … */
export function declaredNodes(cluster: DeclaredCluster): string[] {
  const t = cluster.spec.topology;
  if (!t) return [];
  return Array.from({ length: t.nodes }, (_, i) =>
    numbered(t.nodePrefix, i + 1, t.nodes, 3),
  );
}

const switchEnd = (
  name: string,
  port: string,
): PortRef & { role: 'switch' } => ({
  deviceId: name,
  name,
  port,
  role: 'switch',
});

/** One cable of a declared fat tree; declared sources report each cable once. */
function fatTreePorts(
  fabric: DeclaredFabric,
  nodes: string[],
): PortObservation[] {
  const tree = fabric.spec.topology!.fatTree!;
  const perNode = tree.linksPerNode ?? 1;
  const uplinks = tree.uplinksPerLeaf ?? tree.spines;
  const kind = fabric.spec.fabric;
  const leaf = (i: number) => numbered('leaf-', i + 1, tree.leaves, 2);
  const spine = (i: number) => numbered('spine-', i + 1, tree.spines, 2);
  const ports: PortObservation[] = [];
  nodes.slice(0, tree.leaves * tree.nodesPerLeaf).forEach((host, slot) => {
    const l = Math.floor(slot / tree.nodesPerLeaf);
    const position = slot % tree.nodesPerLeaf;
    for (let r = 0; r < perNode; r++) {
      ports.push({
        kind,
        fabricRef: fabric.ref,
        local: {
          deviceId: host,
          name: `${host} mlx5_${r}`,
          port: `mlx5_${r}/1`,
          role: 'node',
        },
        remote: switchEnd(leaf(l), String(position * perNode + r + 1)),
        rates: {},
      });
    }
  });
  const spinePorts = new Array<number>(tree.spines).fill(0);
  for (let l = 0; l < tree.leaves; l++) {
    for (let j = 0; j < uplinks; j++) {
      const s = j % tree.spines;
      spinePorts[s]++;
      ports.push({
        kind,
        fabricRef: fabric.ref,
        local: switchEnd(leaf(l), String(tree.nodesPerLeaf * perNode + j + 1)),
        remote: switchEnd(spine(s), String(spinePorts[s])),
        rates: {},
      });
    }
  }
  return ports;
}

/** Declared explicit cables, by device name; a cluster's node name makes that end a node. */
function explicitPorts(
  fabric: DeclaredFabric,
  nodeNames: Set<string>,
): PortObservation[] {
  const ports: PortObservation[] = [];
  for (const { a, b, count = 1 } of fabric.spec.topology?.links ?? []) {
    for (let c = 1; c <= count; c++) {
      const end = (self: string, other: string) => ({
        deviceId: self,
        name: self,
        port: `${other}/${c}`,
        role: nodeNames.has(self) ? ('node' as const) : ('switch' as const),
      });
      const local = end(a, b);
      const { role: _role, ...remote } = end(b, a);
      ports.push({
        kind: fabric.spec.fabric,
        fabricRef: fabric.ref,
        local,
        remote,
        rates: {},
      });
    }
  }
  return ports;
}

/** Each declared GPU's NVLinks, shaped as the DCGM source reports them: node GPU to its NVLink. */
function nvlinkPorts(
  cluster: DeclaredCluster,
  fabricRef: string,
  nodes: string[],
): PortObservation[] {
  const gpus = cluster.spec.topology!.gpusPerNode;
  return nodes.flatMap(host =>
    Array.from({ length: gpus }, (_, g) => ({
      kind: 'nvlink' as const,
      fabricRef,
      local: {
        deviceId: host,
        name: `${host} GPU ${g}`,
        port: `gpu${g}`,
        role: 'node' as const,
      },
      remote: { deviceId: host, name: `${host} NVLink`, port: 'nvlink' },
      rates: {},
    })),
  );
}

/**
 * What the catalog declares, as an observation with nothing measured: the cables of each
 * fabric's fat tree and explicit links, each cluster's NVLinks, and where its nodes sit. The
 * nodes of the clusters that depend on a fat-tree fabric fill its leaves in order, clusters by
 * entity ref; nodes beyond its slots are left out.
 */
export function declaredObservation(options: {
  sourceId: string;
  collectedAt: string;
  fabrics: DeclaredFabric[];
  clusters: DeclaredCluster[];
}): FabricObservation {
  const clusters = [...options.clusters].sort((x, y) =>
    x.ref.localeCompare(y.ref),
  );
  const fabrics = new Map(options.fabrics.map(f => [f.ref, f]));
  const nodesOf = new Map(clusters.map(c => [c.ref, declaredNodes(c)]));
  const nodeNames = new Set([...nodesOf.values()].flat());
  const ports: PortObservation[] = [];
  const leafOf = new Map<string, string>();

  for (const fabric of [...fabrics.values()].sort((x, y) =>
    x.ref.localeCompare(y.ref),
  )) {
    if (fabric.spec.topology?.fatTree) {
      const nodes = clusters
        .filter(c => c.fabricRefs.includes(fabric.ref))
        .flatMap(c => nodesOf.get(c.ref)!);
      for (const port of fatTreePorts(fabric, nodes)) {
        ports.push(port);
        if (port.local.role === 'node') {
          leafOf.set(port.local.deviceId, port.remote.deviceId);
        }
      }
    }
    ports.push(...explicitPorts(fabric, nodeNames));
  }

  const placements: NodePlacement[] = [];
  for (const cluster of clusters) {
    const topology = cluster.spec.topology;
    if (!topology) continue;
    const nodes = nodesOf.get(cluster.ref)!;
    const nvlink = cluster.fabricRefs.find(
      ref => fabrics.get(ref)?.spec.fabric === 'nvlink',
    );
    if (nvlink) ports.push(...nvlinkPorts(cluster, nvlink, nodes));
    const domainSize = topology.nvlinkDomainSize ?? topology.gpusPerNode;
    const clusterName = cluster.ref.slice(cluster.ref.lastIndexOf('/') + 1);
    const domains = Math.ceil(
      (nodes.length * topology.gpusPerNode) / domainSize,
    );
    nodes.forEach((host, i) => {
      const leaf = leafOf.get(host);
      placements.push({
        node: host,
        clusterRef: cluster.ref,
        switches: leaf ? [leaf] : [],
        gpus: topology.gpusPerNode,
        acceleratorDomain:
          domainSize <= topology.gpusPerNode
            ? host
            : numbered(
                `${clusterName}-nvl-`,
                Math.floor((i * topology.gpusPerNode) / domainSize) + 1,
                domains,
                2,
              ),
      });
    });
  }

  return {
    sourceId: options.sourceId,
    collectedAt: options.collectedAt,
    ports,
    placements,
    alarms: [],
  };
}
