/**
 * The render half of `yarn bench:fabric`: the Network fabric page's topology (entry.tsx, the
 * page's own FabricTopology, layout and palette) bundled with esbuild into a temp dir, served
 * from a throwaway http server on 127.0.0.1 with the FabricGraph as JSON in the page, and opened
 * in headless Chromium through playwright-core, a fresh browser context per load.
 *
 * Time to first interactive render, per load: from navigation start (performance.timeOrigin) to
 * the page's handler receiving a click on the canvas, the click sent as real input once
 * Cytoscape has drawn its first frame with the elements and one more animation frame has come;
 * the drawn time alone is kept beside it. React is the production build, as in the portal.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { createServer, Server } from 'http';
import { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import type { FabricGraph } from '../../../plugins/ai-platform-common/src/fabric';

export const CHROMIUM = '/usr/bin/chromium';

export interface RenderTiming {
  /** Navigation start to the click handled, ms. */
  interactive: number;
  /** Navigation start to the first frame with the elements, plus one animation frame, ms. */
  drawn: number;
  /** Cytoscape elements drawn (the collapsed view the page opens with). */
  elements: number;
}

/** Stops the bench, naming the package, where there is no Chromium to render in. */
export function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  console.error(
    `bench:fabric renders the page in Chromium, and there is none at ${CHROMIUM}. Install it as root with:\n\n  apt-get install -y chromium\n`,
  );
  process.exit(1);
}

/** The page's bundle: esbuild's node API, in process, written to a temp dir and read back. */
async function bundle(): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'bench-fabric-'));
  try {
    const outfile = join(dir, 'page.js');
    await esbuild.build({
      entryPoints: [join(__dirname, 'entry.tsx')],
      outfile,
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      jsx: 'automatic',
      minify: true,
      define: { 'process.env.NODE_ENV': '"production"' },
      // Images of Backstage components the page's modules import but the topology never shows.
      loader: { '.svg': 'empty', '.png': 'empty' },
      logLevel: 'error',
    });
    return readFileSync(outfile, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const html = (graphJson: string) => `<!doctype html>
<html><head><meta charset="utf-8"><title>bench:fabric</title>
<style>html,body{margin:0}</style></head>
<body><div id="root"></div>
<script type="application/json" id="graph">${graphJson.replace(
  /</g,
  '\\u003c',
)}</script>
<script src="/page.js"></script></body></html>`;

/** Serves each graph's page at /<index> and the bundle at /page.js, never cached. */
function serve(pages: string[], script: string): Promise<Server> {
  const server = createServer((req, res) => {
    const page = /^\/(\d+)$/.exec(req.url ?? '');
    const body =
      req.url === '/page.js'
        ? script
        : page
        ? pages[Number(page[1])]
        : undefined;
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type':
        req.url === '/page.js'
          ? 'text/javascript; charset=utf-8'
          : 'text/html; charset=utf-8',
      'cache-control': 'no-store',
    });
    res.end(body);
  });
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () => resolve(server)),
  );
}

/**
 * Loads each graph's page `runs` times, the graphs in alternating order after one load each to
 * warm the browser up; returns every graph's timings.
 */
export async function measureRender(
  graphs: FabricGraph[],
  runs: number,
): Promise<RenderTiming[][]> {
  ensureChromium();
  const script = await bundle();
  const server = await serve(
    graphs.map(g => html(JSON.stringify(g))),
    script,
  );
  const { port } = server.address() as AddressInfo;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } =
    require('playwright-core') as typeof import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  const timings: RenderTiming[][] = graphs.map(() => []);
  try {
    const load = async (i: number): Promise<RenderTiming> => {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
      });
      try {
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', e => errors.push(e.message));
        await page.goto(`http://127.0.0.1:${port}/${i}`, {
          waitUntil: 'commit',
        });
        const fail = () =>
          new Error(
            `the topology never rendered${
              errors.length ? `: ${errors.join('; ')}` : ''
            }`,
          );
        await page
          .waitForFunction(() => window.__drawnAt !== undefined, null, {
            polling: 'raf',
            timeout: 60_000,
          })
          .catch(() => {
            throw fail();
          });
        // A corner of the canvas, inside Cytoscape's fitting padding: the background, whose tap
        // the page handles (it closes the side panel).
        await page.mouse.click(6, 6);
        await page
          .waitForFunction(() => window.__renderedAt !== undefined, null, {
            polling: 'raf',
            timeout: 10_000,
          })
          .catch(() => {
            throw new Error('the click on the canvas was never handled');
          });
        return await page.evaluate(() => ({
          interactive: window.__renderedAt!,
          drawn: window.__drawnAt!,
          elements: window.__elements!,
        }));
      } finally {
        await context.close();
      }
    };
    for (let i = 0; i < graphs.length; i++) await load(i);
    for (let run = 0; run < runs; run++) {
      // Alternating which size goes first, so that neither always follows the other.
      const order = graphs.map((_, i) => i);
      if (run % 2) order.reverse();
      for (const i of order) timings[i].push(await load(i));
    }
  } finally {
    await browser.close();
    server.close();
  }
  return timings;
}
