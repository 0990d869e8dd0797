import { ChildProcess, execFileSync, spawn } from 'child_process';
import fs from 'fs';
import http from 'http';
import { AddressInfo } from 'net';
import os from 'os';
import path from 'path';

/**
 * Test harness for connectors that query a real Prometheus: Debian's `prometheus` binary,
 * started with a temporary config that scrapes a local test exporter every second.
 */

function findPrometheus(): string | undefined {
  try {
    return (
      execFileSync('sh', ['-c', 'command -v prometheus'], {
        encoding: 'utf8',
      }).trim() || undefined
    );
  } catch {
    return undefined;
  }
}

const prometheusBin = findPrometheus();

const missing = (what: string) =>
  `no prometheus binary: apt-get install prometheus (Debian) to run ${what} against a real server`;

/**
 * `describe` when the binary is there or in CI, else `describe.skip`, after printing why.
 *
 * CI installs Prometheus (.ci/run), so there a missing binary fails (in `startRealPrometheus`).
 * Elsewhere, where it cannot be installed, the test is skipped and says why.
 *
 * @param what - what runs against the server, e.g. `the connector`
 * @param test - the test's name in the skip message, e.g. `the Prometheus connector test`
 */
export function describeWithRealPrometheus(
  what: string,
  test: string,
): jest.Describe {
  if (!prometheusBin && !process.env.CI) {
    // eslint-disable-next-line no-console
    console.warn(`Skipping ${test}: ${missing(what)}`);
  }
  return prometheusBin || process.env.CI ? describe : describe.skip;
}

export interface RealPrometheus {
  /** Where Prometheus answers, `http://127.0.0.1:<port>`. */
  baseUrl: string;
  /** Polls an instant query until its first value passes the check; throws after ~30 s. */
  waitFor(query: string, ok: (value: number) => boolean): Promise<void>;
  /** Stops Prometheus and the exporter and removes the temporary folder. */
  stop(): Promise<void>;
}

/**
 * Starts the test exporter (serving `metrics()` on every scrape) and a Prometheus scraping it
 * as `job` every second; resolves once the exporter listens and Prometheus is spawned (use
 * `waitFor` to wait for data). Throws when the binary is missing.
 */
export async function startRealPrometheus(options: {
  job: string;
  metrics: () => string;
  /** What runs against the server, for the missing-binary error. */
  what: string;
  /** Prefix of the temporary folder under the OS temp dir. */
  dirPrefix?: string;
}): Promise<RealPrometheus> {
  if (!prometheusBin) throw new Error(missing(options.what));
  let exporter: http.Server | undefined;
  let prometheus: ChildProcess | undefined;
  let dir: string | undefined;
  const stop = async () => {
    prometheus?.kill();
    if (exporter) await new Promise(r => exporter!.close(r));
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(options.metrics());
    });
    exporter = server;
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const exporterPort = (server.address() as AddressInfo).port;

    dir = fs.mkdtempSync(
      path.join(os.tmpdir(), options.dirPrefix ?? 'prometheus-'),
    );
    fs.writeFileSync(
      path.join(dir, 'prometheus.yml'),
      `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: ${options.job}\n    static_configs:\n      - targets: ['127.0.0.1:${exporterPort}']\n`,
    );
    const port = await new Promise<number>(resolve => {
      const probe = http.createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(p));
      });
    });
    const baseUrl = `http://127.0.0.1:${port}`;
    prometheus = spawn(
      prometheusBin,
      [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: 'ignore' },
    );

    const waitFor = async (query: string, ok: (value: number) => boolean) => {
      for (let i = 0; i < 300; i++) {
        try {
          const r = await fetch(
            `${baseUrl}/api/v1/query?query=${encodeURIComponent(query)}`,
          );
          const body = await r.json();
          const value = Number(body.data?.result?.[0]?.value?.[1]);
          if (ok(value)) return;
        } catch {
          // not up yet
        }
        await new Promise(r => setTimeout(r, 100));
      }
      throw new Error(`Prometheus never answered ${query} as expected`);
    };
    return { baseUrl, waitFor, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
