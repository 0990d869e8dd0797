import fs from 'fs';
import path from 'path';
import {
  registerMswTestHooks,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  parseNvidiaSmiCsv,
  parseNvidiaSmiXml,
} from '@ai-platform/plugin-ai-platform-common';
import { connectAndMigrate } from '../../database/migrate';
import { TeamMapping } from '../attribution';
import { DatabaseSpendStore } from '../DatabaseSpendStore';
import { SpendService } from '../SpendService';
import { readSpendConfig } from '../config';
import {
  mapping as exampleMapping,
  spendConfig,
} from '../__testUtils__/fixtures';
import {
  describeWithRealPrometheus,
  RealPrometheus,
  startRealPrometheus,
} from '../../__testUtils__/realPrometheus';
import { PrometheusConnector } from './prometheus';

jest.setTimeout(90_000);

const BASE = 'http://prometheus.monitoring.svc:9090';
const H100 = 'NVIDIA H100 80GB HBM3';
const pullFrom = Date.UTC(2026, 10, 20);
/** Sample times, in seconds, of the two whole hourly steps from `pullFrom`. */
const t1 = pullFrom / 1000 + 3600;
const t2 = pullFrom / 1000 + 7200;

type Labels = Record<string, string>;
type Sample = [number, string];

/** One series of a `resultType: matrix` answer, as /api/v1/query_range documents it. */
const series = (metric: Labels, ...values: Sample[]) => ({ metric, values });

/** What the fake Prometheus answers, by the DCGM field the query reads. */
interface Answers {
  used?: ReturnType<typeof series>[];
  allocated?: ReturnType<typeof series>[];
  energy?: ReturnType<typeof series>[];
  power?: ReturnType<typeof series>[];
}

const server = setupServer();

/** Serves `answers` and records the form each query_range request sent. */
function prometheusAnswers(answers: Answers) {
  const forms: URLSearchParams[] = [];
  server.use(
    http.post(`${BASE}/api/v1/query_range`, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      forms.push(form);
      const query = form.get('query') ?? '';
      let result: ReturnType<typeof series>[] | undefined;
      if (query.includes('DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION')) {
        result = answers.energy;
      } else if (query.includes('DCGM_FI_DEV_POWER_USAGE')) {
        result = answers.power;
      } else if (query.startsWith('count')) {
        result = answers.allocated;
      } else {
        result = answers.used;
      }
      return HttpResponse.json({
        status: 'success',
        data: { resultType: 'matrix', result: result ?? [] },
      });
    }),
  );
  return forms;
}

/** A Prometheus source as read from app-config, with hourly steps. */
function promSource(extra: Record<string, unknown> = {}) {
  const { sources } = readSpendConfig(
    new ConfigReader({
      aiPlatform: {
        spend: {
          sources: [
            { kind: 'prometheus', id: 'prom', baseUrl: `${BASE}/`, ...extra },
          ],
        },
      },
    }),
  );
  return sources[0] as ConstructorParameters<typeof PrometheusConnector>[0];
}

async function pullRows(source = promSource()) {
  const connector = new PrometheusConnector(
    source,
    spendConfig,
    async () => exampleMapping,
  );
  const rows = [];
  for await (const batch of connector.pull(
    pullFrom,
    pullFrom + 2 * 3_600_000 + 60_000,
  )) {
    rows.push(...batch.rows);
  }
  return rows;
}

const fixtures = path.resolve(
  __dirname,
  '../../../../../../shared/fixtures/nvidia-smi/h100',
);

const describeWithPrometheus = describeWithRealPrometheus(
  'the connector',
  'the Prometheus connector test',
);

const loaded = parseNvidiaSmiCsv(
  fs.readFileSync(path.join(fixtures, 'load-query-gpu.csv'), 'utf8'),
)[0];
const idle = parseNvidiaSmiXml(
  fs.readFileSync(path.join(fixtures, 'idle-q.xml'), 'utf8'),
)[0];

/** A DCGM exporter's /metrics for GPUs described by the H100 captures. */
function exporterMetrics() {
  const gpus = [
    { gpu: loaded, index: 0, namespace: 'llm-train', pod: 'llama-ft-0' },
    { gpu: loaded, index: 1, namespace: 'team-x-sandbox', pod: 'notebook-0' },
    { gpu: idle, index: 2, namespace: 'vision', pod: 'detector-train-0' },
    // Not assigned to any pod: DCGM leaves the Kubernetes labels empty.
    { gpu: idle, index: 3, namespace: '', pod: '' },
  ];
  // DCGM names the model as nvidia-smi prints it, with spaces, not as the node label.
  const labels = (g: (typeof gpus)[number]) =>
    `gpu="${g.index}",UUID="${g.gpu.uuid}-${g.index}",device="nvidia${
      g.index
    }",modelName="${g.gpu.gpuModel.replace(
      /-/g,
      ' ',
    )}",Hostname="gpu-node-1",container="main",namespace="${
      g.namespace
    }",pod="${g.pod}"`;
  return [
    '# HELP DCGM_FI_DEV_GPU_UTIL GPU utilization (in %).',
    '# TYPE DCGM_FI_DEV_GPU_UTIL gauge',
    ...gpus.map(
      g => `DCGM_FI_DEV_GPU_UTIL{${labels(g)}} ${g.gpu.utilizationPercent}`,
    ),
    '# HELP DCGM_FI_DEV_POWER_USAGE Power draw (in W).',
    '# TYPE DCGM_FI_DEV_POWER_USAGE gauge',
    ...gpus.map(
      g => `DCGM_FI_DEV_POWER_USAGE{${labels(g)}} ${g.gpu.powerDrawW}`,
    ),
    '# HELP DCGM_FI_DEV_FB_USED Framebuffer memory used (in MiB).',
    '# TYPE DCGM_FI_DEV_FB_USED gauge',
    ...gpus.map(
      g => `DCGM_FI_DEV_FB_USED{${labels(g)}} ${g.gpu.memoryUsedMiB}`,
    ),
    '',
  ].join('\n');
}

const teams: Entity[] = ['llm-research:llm-train', 'vision:vision'].map(
  pair => {
    const [name, ns] = pair.split(':');
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: {
        name,
        namespace: 'default',
        annotations: { 'ai-platform.io/namespaces': ns },
      },
      spec: { type: 'team' },
    };
  },
);

describe('PrometheusConnector', () => {
  registerMswTestHooks(server);

  const gpus = (namespace: string, extra: Labels = {}) => ({
    namespace,
    modelName: H100,
    ...extra,
  });

  it('asks for utilization, energy and power per namespace, GPU model and cluster, in whole steps', async () => {
    const forms = prometheusAnswers({});
    await pullRows();
    const by = 'by (namespace, modelName, cluster)';
    expect(forms.map(f => f.get('query')).sort()).toEqual(
      [
        `sum ${by} (avg_over_time(DCGM_FI_DEV_GPU_UTIL{namespace!=""}[3600s])) / 100`,
        `count ${by} (avg_over_time(DCGM_FI_DEV_GPU_UTIL{namespace!=""}[3600s]))`,
        `sum ${by} (increase(DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{namespace!=""}[3600s]))`,
        `sum ${by} (avg_over_time(DCGM_FI_DEV_POWER_USAGE{namespace!=""}[3600s]))`,
      ].sort(),
    );
    for (const form of forms) {
      expect(Object.fromEntries(form)).toMatchObject({
        start: String(t1),
        end: String(t2),
        step: '3600',
      });
    }
  });

  it('takes energy from the counter where it has a value, else from the power gauge', async () => {
    prometheusAnswers({
      allocated: [
        series(gpus('recsys-train'), [t1, '4'], [t2, '4']),
        series(gpus('fraud'), [t1, '2']),
      ],
      used: [
        series(gpus('recsys-train'), [t1, '3'], [t2, '2']),
        series(gpus('fraud'), [t1, '1']),
      ],
      // 9 360 000 000 mJ / 3.6e9 mJ per kWh = 2.6 kWh; only in the first step.
      energy: [series(gpus('recsys-train'), [t1, '9360000000'])],
      // 4 GPUs averaging 650 W for an hour: 2 600 W × 1 h = 2.6 kWh. The first step's
      // 2 000 W is not used, the counter has that step.
      power: [series(gpus('recsys-train'), [t1, '2000'], [t2, '2600'])],
    });
    const rows = await pullRows();
    const row = (namespace: string, t: number) =>
      rows.find(
        r =>
          r.attribution === `namespace:${namespace}` &&
          r.periodEnd === t * 1000,
      )!;
    expect(row('recsys-train', t1)).toMatchObject({
      team: 'group:default/recsys',
      gpuModel: H100,
      periodStart: pullFrom,
      gpuHours: 4,
      usedGpuHours: 3,
    });
    expect(row('recsys-train', t1).energyKwh).toBeCloseTo(2.6, 12);
    expect(row('recsys-train', t2).energyKwh).toBeCloseTo(2.6, 12);
    // Neither: the energy model estimates it later from utilization.
    expect(row('fraud', t1)).toMatchObject({ gpuHours: 2, usedGpuHours: 1 });
    expect(row('fraud', t1).energyKwh).toBeUndefined();
    expect(rows).toHaveLength(3);
  });

  it('converts mean watts over steps shorter than an hour', async () => {
    prometheusAnswers({
      allocated: [series(gpus('fraud'), [pullFrom / 1000 + 300, '8'])],
      // 8 GPUs averaging 700 W for 5 minutes: 5 600 W × 1/12 h = 0.4666… kWh.
      power: [series(gpus('fraud'), [pullFrom / 1000 + 300, '5600'])],
    });
    const connector = new PrometheusConnector(
      promSource({ stepSeconds: 300 }),
      spendConfig,
      async () => exampleMapping,
    );
    const rows = [];
    for await (const batch of connector.pull(pullFrom, pullFrom + 300_000)) {
      rows.push(...batch.rows);
    }
    expect(rows).toHaveLength(1);
    expect(rows[0].gpuHours).toBeCloseTo(8 / 12, 12);
    expect(rows[0].energyKwh).toBeCloseTo(5.6 / 12, 12);
  });

  it('chooses counter or gauge per series before aliases fold model names into one row', async () => {
    const alias = { namespace: 'fraud', modelName: 'H100-SXM5-80GB' };
    prometheusAnswers({
      allocated: [series(gpus('fraud'), [t1, '2']), series(alias, [t1, '1'])],
      used: [series(gpus('fraud'), [t1, '1']), series(alias, [t1, '0.5'])],
      // 1.8 kWh from the counter of the first, 0.7 kWh from the gauge of the second.
      energy: [series(gpus('fraud'), [t1, '6480000000'])],
      power: [series(gpus('fraud'), [t1, '1300']), series(alias, [t1, '700'])],
    });
    const rows = await pullRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      gpuModel: H100,
      gpuHours: 3,
      usedGpuHours: 1.5,
    });
    expect(rows[0].energyKwh).toBeCloseTo(2.5, 12);
  });

  it('treats NaN, infinite and negative samples as not observed', async () => {
    prometheusAnswers({
      allocated: [
        series(gpus('recsys-train'), [t1, '4'], [t2, '4']),
        series(gpus('fraud'), [t1, 'NaN'], [t2, '2']),
      ],
      used: [series(gpus('recsys-train'), [t1, '+Inf'], [t2, '1'])],
      energy: [
        // A counter that went backwards: not energy.
        series(gpus('recsys-train'), [t1, 'NaN'], [t2, '-3600000000']),
        series(gpus('fraud'), [t2, '+Inf']),
      ],
      power: [
        series(gpus('recsys-train'), [t1, '2600'], [t2, '-Inf']),
        series(gpus('fraud'), [t2, 'NaN']),
      ],
    });
    const rows = await pullRows();
    const row = (namespace: string, t: number) =>
      rows.find(
        r =>
          r.attribution === `namespace:${namespace}` &&
          r.periodEnd === t * 1000,
      );
    // The counter's NaN leaves the gauge.
    expect(row('recsys-train', t1)).toMatchObject({
      gpuHours: 4,
      usedGpuHours: 0,
    });
    expect(row('recsys-train', t1)!.energyKwh).toBeCloseTo(2.6, 12);
    expect(row('recsys-train', t2)).toMatchObject({ gpuHours: 4 });
    expect(row('recsys-train', t2)!.energyKwh).toBeUndefined();
    expect(row('fraud', t1)).toBeUndefined();
    expect(row('fraud', t2)!.energyKwh).toBeUndefined();
    expect(rows.every(r => Number.isFinite(r.gpuHours))).toBe(true);
  });

  it("keys rows as before for series without a cluster label, and takes the source's cluster for them", async () => {
    prometheusAnswers({
      allocated: [
        series(gpus('fraud'), [t1, '2']),
        series(gpus('fraud', { cluster: 'cluster-b' }), [t1, '3']),
      ],
      power: [series(gpus('fraud', { cluster: 'cluster-b' }), [t1, '1000'])],
    });
    const rows = await pullRows(promSource({ cluster: 'cluster-a' }));
    expect(
      rows.map(r => ({
        sourceKey: r.sourceKey,
        cluster: r.cluster,
        gpuHours: r.gpuHours,
        energyKwh: r.energyKwh,
      })),
    ).toEqual(
      expect.arrayContaining([
        {
          sourceKey: `prom|${pullFrom}|fraud|${H100}`,
          cluster: 'cluster-a',
          gpuHours: 2,
          energyKwh: undefined,
        },
        {
          sourceKey: `prom|${pullFrom}|fraud|${H100}|cluster-b`,
          cluster: 'cluster-b',
          gpuHours: 3,
          energyKwh: 1,
        },
      ]),
    );
    expect(rows).toHaveLength(2);
  });

  it('leaves the cluster empty when neither the series nor the source names one', async () => {
    prometheusAnswers({ allocated: [series(gpus('fraud'), [t1, '2'])] });
    const [row] = await pullRows();
    expect(promSource().cluster).toBe('');
    expect(row).toMatchObject({
      sourceKey: `prom|${pullFrom}|fraud|${H100}`,
      cluster: '',
    });
  });

  it('says what Prometheus answered with status error', async () => {
    server.use(
      http.post(`${BASE}/api/v1/query_range`, async ({ request }) => {
        const query = new URLSearchParams(await request.text()).get('query');
        if (!query?.includes('DCGM_FI_DEV_POWER_USAGE')) {
          return HttpResponse.json({
            status: 'success',
            data: { resultType: 'matrix', result: [] },
          });
        }
        return HttpResponse.json(
          {
            status: 'error',
            errorType: 'execution',
            error: 'query processing would load too many samples into memory',
          },
          { status: 422 },
        );
      }),
    );
    await expect(pullRows()).rejects.toThrow(
      'Prometheus prom: execution: query processing would load too many samples into memory',
    );
  });
});

describeWithPrometheus('PrometheusConnector against a real Prometheus', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let prometheus: RealPrometheus | undefined;
  let baseUrl: string;

  beforeAll(async () => {
    const metrics = exporterMetrics();
    prometheus = await startRealPrometheus({
      job: 'dcgm',
      metrics: () => metrics,
      what: 'the connector',
    });
    baseUrl = prometheus.baseUrl;
    // Ready, and three GPUs with a namespace scraped.
    await prometheus.waitFor(
      'count(DCGM_FI_DEV_GPU_UTIL{namespace!=""})',
      n => n === 3,
    );
    // Enough samples for a few whole 2-second steps.
    await new Promise(r => setTimeout(r, 7000));
  });

  afterAll(async () => {
    await prometheus?.stop();
  });

  it('records allocated and busy GPU-hours per namespace, and idle cost per team', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = new DatabaseSpendStore(
      await connectAndMigrate({ getClient: async () => knex }),
    );
    const mapping = TeamMapping.fromEntities(teams);
    const connector = new PrometheusConnector(
      {
        kind: 'prometheus',
        id: 'prom',
        baseUrl,
        stepSeconds: 2,
        cluster: '',
        backfillDays: 1,
      },
      spendConfig,
      async () => mapping,
    );
    const now = Date.now();
    const from = Math.floor((now - 6000) / 2000) * 2000;
    const batches = [];
    for await (const batch of connector.pull(from, now)) batches.push(batch);
    expect(batches).toHaveLength(1);
    const { rows, watermark } = batches[0];
    expect(watermark).toBe(Math.floor(now / 2000) * 2000);

    const step = 2 / 3600;
    const byTeam = (team: string) => rows.filter(r => r.team === team);
    const llm = byTeam('group:default/llm-research');
    const vision = byTeam('group:default/vision');
    const sandbox = byTeam('unallocated');
    expect(llm.length).toBeGreaterThanOrEqual(2);
    for (const r of llm) {
      expect(r).toMatchObject({
        gpuModel: 'NVIDIA H100 80GB HBM3',
        attribution: 'namespace:llm-train',
      });
      expect(r.gpuHours).toBeCloseTo(step, 12);
      // The capture under load averages 99.8 % over its samples.
      expect(loaded.utilizationPercent).toBeCloseTo(99.8, 9);
      expect(r.usedGpuHours).toBeCloseTo(
        (step * loaded.utilizationPercent!) / 100,
        12,
      );
      // No energy counter scraped: the power gauge's watts over the step.
      expect(r.energyKwh).toBeCloseTo((loaded.powerDrawW! * step) / 1000, 12);
      // No cluster label and none configured: keyed as before clusters.
      expect(r.cluster).toBe('');
      expect(r.sourceKey).toBe(
        `prom|${r.periodStart}|llm-train|NVIDIA H100 80GB HBM3`,
      );
    }
    for (const r of vision) {
      expect(r.gpuHours).toBeCloseTo(step, 12);
      expect(r.usedGpuHours).toBe(0);
      expect(r.energyKwh).toBeCloseTo((idle.powerDrawW! * step) / 1000, 12);
    }
    expect(
      sandbox.every(r => r.attribution === 'namespace:team-x-sandbox'),
    ).toBe(true);
    // The GPU with no pod is nobody's allocation.
    expect(rows.every(r => r.attribution !== 'namespace:')).toBe(true);
    expect(rows).toHaveLength(llm.length + vision.length + sandbox.length);

    await store.ingest(rows, { scope: batches[0].scope });
    const service = new SpendService({
      store,
      config: spendConfig,
      mapping: async () => mapping,
    });
    const today = new Date(now).toISOString().slice(0, 10);
    const idleCosts = await service.idle({ from: today, to: today }, undefined);
    // The store keeps millionths of a GPU-hour; a 2-second step is 556 of them.
    const visionIdle = idleCosts.find(i => i.team === 'group:default/vision')!;
    expect(visionIdle.idleGpuHours).toBeCloseTo(vision.length * step, 5);
    expect(visionIdle.idleCost).toBeCloseTo(vision.length * step * 4, 4);
    expect(
      idleCosts.find(i => i.team === 'group:default/llm-research')
        ?.idleGpuHours,
    ).toBeCloseTo(llm.length * step * 0.002, 5);
  });

  it('says what Prometheus did not like', async () => {
    const connector = new PrometheusConnector(
      {
        kind: 'prometheus',
        id: 'prom',
        baseUrl,
        stepSeconds: 0.0001,
        cluster: '',
        backfillDays: 1,
      },
      spendConfig,
      async () => TeamMapping.fromEntities([]),
    );
    const now = Date.now();
    const pull = async () => {
      for await (const _ of connector.pull(now - 60_000, now)) {
        // drain
      }
    };
    await expect(pull()).rejects.toThrow(/Prometheus prom: bad_data: .*/);
  });
});
