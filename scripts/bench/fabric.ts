/**
 * `yarn bench:fabric`: builds the fabric health graph (buildFabricGraph, what the scheduled task
 * runs every minute) from 10 000 links on 2 000 nodes, and from about 1 000 links on 200 nodes
 * as the baseline. Input like a real run: both directions of every cable from an
 * infiniband-exporter-shaped source, node placements with namespaces, the declared topology to
 * compare with, a few bad cables, the teams on each node.
 *
 * Both sizes are timed in one process, in alternating rounds, so that other load on the machine
 * falls on both alike; beside them, a linear pass over the same input (every port's link id,
 * grouped, one object per link, sorted), whose growth from 1 000 to 10 000 links is what the
 * machine's caches and garbage collector make of linear work (1.3-1.6 times the link ratio on
 * a laptop). Peak memory is measured per size in a process of its own, with the input alone
 * for comparison.
 *
 * Prints one table and exits 1 if a target is missed: the 10 000-link build's median ≤ 200 ms,
 * and growth no worse than linear: the build's growth over the linear pass's ≤ 1.5. Why 1.5:
 * the linear pass itself, linear by construction, grows 1.0-1.35 times the link ratio from run
 * to run on a loaded 2-core machine (and the build 1.4-1.7), so its ratio to the build swings by
 * about a third between runs with no change in the code; a mark at 1.25 failed about half the
 * runs. A quadratic step reads 2 or more over the linear pass at this 10× size step (it grows
 * 100× where the pass grows 10×, so even a step taking a tenth of the 1 000-link build doubles
 * the 10 000-link one), well clear of 1.5.
 *
 * BENCH_FABRIC_ROUNDS sets the rounds (default 25).
 */
import { execFileSync } from 'child_process';
import {
  DEFAULT_FABRIC_THRESHOLDS,
  DeclaredCluster,
  DeclaredFabric,
  FabricBuildInput,
  FabricObservation,
  NodeTeams,
  PortObservation,
  PortRef,
  buildFabricGraph,
  declaredNodes,
  declaredObservation,
  linkId,
} from '../../plugins/ai-platform-common/src/fabric';

const SIZES = [200, 2000];
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
function input(nodes: number): FabricBuildInput {
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

/** Growth over the linear pass's that still reads as linear: see the header. */
const GROWTH_MARK = 1.5;

const ROUNDS = Number(process.env.BENCH_FABRIC_ROUNDS ?? 25);
/** Calls per round, so that each timing is long enough to read: builds, then linear passes. */
const BATCH = { small: 10, full: 1, smallPass: 50, fullPass: 5 };

/**
 * The least any build must do, linear by construction: every port to its link, and one link
 * with the counters of its ends added up.
 */
function linearPass(built: FabricBuildInput) {
  const byLink = new Map<string, PortObservation[]>();
  for (const { observation } of built.sources) {
    for (const port of observation?.ports ?? []) {
      const id = linkId(port.local, port.remote);
      const ports = byLink.get(id);
      if (ports) ports.push(port);
      else byLink.set(id, [port]);
    }
  }
  const links = [];
  for (const [id, ports] of byLink) {
    const rates: Record<string, number> = {};
    for (const port of ports) {
      for (const [counter, value] of Object.entries(port.rates)) {
        rates[counter] = (rates[counter] ?? 0) + value!;
      }
    }
    links.push({ id, a: ports[0].local, b: ports[0].remote, rates });
  }
  return links.sort((x, y) => {
    if (x.id === y.id) return 0;
    return x.id < y.id ? -1 : 1;
  });
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Milliseconds per call of `fn`, over `times` calls. */
function time(fn: () => unknown, times: number): number {
  const began = performance.now();
  for (let i = 0; i < times; i++) fn();
  return (performance.now() - began) / times;
}

/** A process of its own: its peak RSS with the input alone, or after building from it. */
function memoryChild(mode: string) {
  const [what, nodes] = mode.split(':');
  const built = input(Number(nodes));
  if (what === 'build') {
    for (let i = 0; i < 3; i++) buildFabricGraph(built);
  }
  console.log(JSON.stringify(process.resourceUsage().maxRSS / 1024));
}

function peakRssMb(mode: string): number {
  const out = execFileSync(
    process.execPath,
    process.execArgv.concat(process.argv.slice(1)),
    {
      env: { ...process.env, BENCH_FABRIC_MEMORY: mode },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  ).toString();
  return JSON.parse(out.trim().split('\n').pop()!);
}

function main() {
  if (process.env.BENCH_FABRIC_MEMORY) {
    memoryChild(process.env.BENCH_FABRIC_MEMORY);
    return;
  }
  const [small, full] = SIZES.map(nodes => ({ nodes, built: input(nodes) }));
  const graphs = [small, full].map(s => buildFabricGraph(s.built));
  const samples = {
    small: [] as number[],
    full: [] as number[],
    smallPass: [] as number[],
    fullPass: [] as number[],
  };
  for (let round = -2; round < ROUNDS; round++) {
    const t = {
      small: time(() => buildFabricGraph(small.built), BATCH.small),
      full: time(() => buildFabricGraph(full.built), BATCH.full),
      smallPass: time(() => linearPass(small.built), BATCH.smallPass),
      fullPass: time(() => linearPass(full.built), BATCH.fullPass),
    };
    // The first two rounds warm the compiler up.
    if (round < 0) continue;
    for (const key of Object.keys(t) as Array<keyof typeof t>) {
      samples[key].push(t[key]);
    }
  }
  console.error('Peak memory, each size in a process of its own…');
  const rows = [small, full].map((size, i) => ({
    nodes: size.nodes,
    links: graphs[i].links.length,
    unhealthy: graphs[i].links.filter(l => l.health !== 'healthy').length,
    build: median(i ? samples.full : samples.small),
    slowest: Math.max(...(i ? samples.full : samples.small)),
    pass: median(i ? samples.fullPass : samples.smallPass),
    rss: peakRssMb(`build:${size.nodes}`),
    inputRss: peakRssMb(`input:${size.nodes}`),
  }));

  const [base, top] = rows;
  const scale = top.links / base.links;
  const buildGrowth = top.build / (base.build * scale);
  const passGrowth = top.pass / (base.pass * scale);
  const relative = buildGrowth / passGrowth;
  const ms = (v: number) => v.toFixed(1);
  console.log(
    `\nyarn bench:fabric — buildFabricGraph, medians of ${ROUNDS} alternating rounds (${BATCH.small} builds of the small size per round)\n`,
  );
  console.log(
    '| links | nodes | unhealthy | build median ms (≤ 200) | slowest ms | linear pass ms | peak RSS MB (input alone) |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.links.toLocaleString('en')} | ${r.nodes.toLocaleString('en')} | ${
        r.unhealthy
      } | ${ms(r.build)} | ${ms(r.slowest)} | ${ms(r.pass)} | ${Math.round(
        r.rss,
      )} (${Math.round(r.inputRss)}) |`,
    );
  }
  console.log(
    `\nGrowth from ${base.links.toLocaleString(
      'en',
    )} to ${top.links.toLocaleString('en')} links (×${scale.toFixed(
      2,
    )}), fastest rounds, over linear: build ${buildGrowth.toFixed(
      2,
    )}, linear pass ${passGrowth.toFixed(
      2,
    )}; build over linear pass ${relative.toFixed(2)} (≤ ${GROWTH_MARK})`,
  );
  const ok = top.build <= 200 && relative <= GROWTH_MARK;
  console.log(ok ? '\nAll targets met.' : '\nA target was missed.');
  process.exit(ok ? 0 : 1);
}

main();
