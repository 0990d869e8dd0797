import fs from 'fs';
import path from 'path';
import { TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  parseNvidiaSmiCsv,
  parseNvidiaSmiXml,
} from '@ai-platform/plugin-ai-platform-common';
import { connectAndMigrate } from '../../database/migrate';
import { TeamMapping } from '../attribution';
import { DatabaseSpendStore } from '../DatabaseSpendStore';
import { SpendService } from '../SpendService';
import { spendConfig } from '../__testUtils__/fixtures';
import {
  describeWithRealPrometheus,
  RealPrometheus,
  startRealPrometheus,
} from '../../__testUtils__/realPrometheus';
import { PrometheusConnector } from './prometheus';

jest.setTimeout(90_000);

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
    }
    for (const r of vision) {
      expect(r.gpuHours).toBeCloseTo(step, 12);
      expect(r.usedGpuHours).toBe(0);
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
