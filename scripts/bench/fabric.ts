/**
 * `yarn bench:fabric`: builds the fabric health graph (buildFabricGraph, what the scheduled task
 * runs every minute) from 10 000 links on 2 000 nodes, and from about 1 000 links on 200 nodes
 * as the baseline, from the input in fabric/input.ts; then renders each built graph in the
 * Network fabric page's topology in headless Chromium (fabric/render.ts, fabric/entry.tsx).
 *
 * Build: both sizes are timed in one process, in alternating rounds, so that other load on the
 * machine falls on both alike; beside them, a linear pass over the same input (every port's link
 * id, grouped, one object per link, sorted), whose growth from 1 000 to 10 000 links is what the
 * machine's caches and garbage collector make of linear work. Peak memory is measured per size
 * in a process of its own, with the input alone for comparison.
 *
 * Render: time to first interactive render, from navigation start to a click on the canvas
 * handled by the page, once Cytoscape has drawn the elements; the page opens with nodes
 * collapsed into one box per leaf, so 10 000 links draw as about 2 400 elements. Median of
 * BENCH_FABRIC_RENDERS loads per size (default 5), the sizes alternating.
 *
 * Prints one table and exits 1 if a target is missed: the 10 000-link build's median ≤ 200 ms,
 * the 10 000-link render's ≤ 2 000 ms, and growth no worse than linear from 1 000 to 10 000
 * links, for each a growth per link (time ratio over link ratio) ≤ 1.5:
 * - Build: its growth over the linear pass's. Why 1.5: the linear pass itself, linear by
 *   construction, grows 1.0-1.35 times the link ratio from run to run on a loaded 2-core machine
 *   (and the build 1.4-1.7), so its ratio to the build swings by about a third between runs with
 *   no change in the code; a mark at 1.25 failed about half the runs. A quadratic step reads 2
 *   or more over the linear pass at this 10× size step (it grows 100× where the pass grows 10×,
 *   so even a step taking a tenth of the 1 000-link build doubles the 10 000-link one), well
 *   clear of 1.5.
 * - Render: its own growth. Loading the bundle, React, MUI and an empty canvas cost 200-300 ms
 *   whatever the graph (an 80-link page takes that long), most of the 1 000-link page's time, so
 *   this growth reads well under 1 and a quadratic step in drawing shows rather in the 2 000 ms
 *   mark: one costing the 1 000-link page's ~50 ms above that fixed cost would cost 5 s at
 *   10 000 links.
 *
 * BENCH_FABRIC_ROUNDS sets the build's rounds (default 25). Chromium is /usr/bin/chromium
 * (Debian's chromium package); without it the bench stops naming the install command.
 */
import { execFileSync } from 'child_process';
import {
  FabricBuildInput,
  PortObservation,
  buildFabricGraph,
  linkId,
} from '../../plugins/ai-platform-common/src/fabric';
import { input } from './fabric/input';
import { ensureChromium, measureRender } from './fabric/render';

const SIZES = [200, 2000];
/** Growth over the linear pass's that still reads as linear: see the header. */
const GROWTH_MARK = 1.5;

const ROUNDS = Number(process.env.BENCH_FABRIC_ROUNDS ?? 25);
/** Loads of the page per size in Chromium. */
const RENDERS = Number(process.env.BENCH_FABRIC_RENDERS ?? 5);
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

async function main() {
  if (process.env.BENCH_FABRIC_MEMORY) {
    memoryChild(process.env.BENCH_FABRIC_MEMORY);
    return;
  }
  ensureChromium();
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

  console.error(
    `Render in Chromium, ${RENDERS} loads of each size after one to warm up…`,
  );
  const renders = await measureRender(graphs, RENDERS);
  const rendered = renders.map(runs => ({
    interactive: median(runs.map(r => r.interactive)),
    drawn: median(runs.map(r => r.drawn)),
    slowest: Math.max(...runs.map(r => r.interactive)),
    elements: runs[0].elements,
  }));

  const [base, top] = rows;
  const scale = top.links / base.links;
  const buildGrowth = top.build / (base.build * scale);
  const passGrowth = top.pass / (base.pass * scale);
  const relative = buildGrowth / passGrowth;
  const renderGrowth =
    rendered[1].interactive / (rendered[0].interactive * scale);
  const ms = (v: number) => v.toFixed(1);
  console.log(
    `\nyarn bench:fabric — buildFabricGraph, medians of ${ROUNDS} alternating rounds (${BATCH.small} builds of the small size per round); the page's first interactive render in Chromium, medians of ${RENDERS} alternating loads\n`,
  );
  console.log(
    '| links | nodes | unhealthy | build median ms (≤ 200) | slowest ms | linear pass ms | peak RSS MB (input alone) | elements drawn | drawn ms | render median ms (≤ 2 000) | slowest ms |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  rows.forEach((r, i) => {
    const v = rendered[i];
    console.log(
      `| ${r.links.toLocaleString('en')} | ${r.nodes.toLocaleString('en')} | ${
        r.unhealthy
      } | ${ms(r.build)} | ${ms(r.slowest)} | ${ms(r.pass)} | ${Math.round(
        r.rss,
      )} (${Math.round(r.inputRss)}) | ${v.elements.toLocaleString(
        'en',
      )} | ${ms(v.drawn)} | ${ms(v.interactive)} | ${ms(v.slowest)} |`,
    );
  });
  console.log(
    `\nGrowth per link from ${base.links.toLocaleString(
      'en',
    )} to ${top.links.toLocaleString('en')} links (×${scale.toFixed(
      2,
    )}), medians, over linear: build ${buildGrowth.toFixed(
      2,
    )}, linear pass ${passGrowth.toFixed(
      2,
    )}, build over linear pass ${relative.toFixed(
      2,
    )}; render ${renderGrowth.toFixed(2)}\n`,
  );
  const targets = [
    {
      target: 'build at 10 000 links',
      value: `${ms(top.build)} ms`,
      mark: '≤ 200 ms',
      ok: top.build <= 200,
    },
    {
      target: "build's growth per link over the linear pass's",
      value: relative.toFixed(2),
      mark: `≤ ${GROWTH_MARK}`,
      ok: relative <= GROWTH_MARK,
    },
    {
      target: 'first interactive render at 10 000 links',
      value: `${ms(rendered[1].interactive)} ms`,
      mark: '≤ 2 000 ms',
      ok: rendered[1].interactive <= 2000,
    },
    {
      target: "render's growth per link",
      value: renderGrowth.toFixed(2),
      mark: `≤ ${GROWTH_MARK}`,
      ok: renderGrowth <= GROWTH_MARK,
    },
  ];
  console.log('| target | measured | mark | result |');
  console.log('|---|---:|---:|---|');
  for (const t of targets) {
    console.log(
      `| ${t.target} | ${t.value} | ${t.mark} | ${t.ok ? 'PASS' : 'FAIL'} |`,
    );
  }
  const ok = targets.every(t => t.ok);
  console.log(ok ? '\nAll targets met.' : '\nA target was missed.');
  process.exit(ok ? 0 : 1);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
