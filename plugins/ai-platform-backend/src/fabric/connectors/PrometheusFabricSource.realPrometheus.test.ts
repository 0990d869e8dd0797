import { mockServices } from '@backstage/backend-test-utils';
import { PortObservation } from '@ai-platform/plugin-ai-platform-common';
import {
  describeWithRealPrometheus,
  RealPrometheus,
  startRealPrometheus,
} from '../../__testUtils__/realPrometheus';
import { PrometheusFabricSource } from './PrometheusFabricSource';

jest.setTimeout(90_000);

const describeWithPrometheus = describeWithRealPrometheus(
  'the fabric connector',
  'the fabric Prometheus connector test',
);

const SWITCH = '0x506b4b03005d3101';
const NODE1 = '0x506b4b0300e5e461';
const NODE2 = '0x506b4b0300c35b61';
const NODE3 = '0x506b4b0300a1b2c3';

/** An infiniband-exporter cable end from switch1, labelled as its README shows. */
const cable = (port: number, remoteGuid: string, remoteName: string) =>
  `component="switch",local_guid="${SWITCH}",local_name="switch1",local_port="${port}",remote_guid="${remoteGuid}",remote_name="${remoteName}",remote_port="1"`;
const toNode1 = cable(2, NODE1, 'node1 mlx5_0');
const toNode2 = cable(3, NODE2, 'node2 mlx5_0');
const toNode3 = cable(4, NODE3, 'node3 mlx5_0');
const gpu = (index: number) =>
  `gpu="${index}",UUID="GPU-5f5f0c37-0000-4000-8000-00000000000${index}",device="nvidia${index}",modelName="NVIDIA H100 80GB HBM3",Hostname="node1"`;

/**
 * The test exporter's state. Before the reset: switch1 port 2 gains 5 symbol errors a second,
 * port 3 sits at a million, GPU 1 at 50 000 replays. Then port 3's counters are cleared (as
 * `perfquery -R` does when the exporter runs with --can-reset-counter), GPU 1's driver reloads,
 * and the cable on port 4 is pulled: its series disappear, as the exporter writes only active
 * links.
 */
let reset = false;
const started = Date.now();

function exporterMetrics(): string {
  const seconds = (Date.now() - started) / 1000;
  const family = (
    name: string,
    type: 'counter' | 'gauge',
    samples: Array<[string, number]>,
  ) => [
    `# HELP ${name} ${name}`,
    `# TYPE ${name} ${type}`,
    ...samples.map(([labels, value]) => `${name}{${labels}} ${value}`),
  ];
  const linked = (samples: Array<[string, number]>) =>
    reset ? samples.filter(([labels]) => labels !== toNode3) : samples;
  return [
    ...family(
      'infiniband_symbolerrorcounter_total',
      'counter',
      linked([
        [toNode1, 100 + 5 * seconds],
        [toNode2, reset ? 2 : 1_000_000],
        [toNode3, 7],
      ]),
    ),
    ...family(
      'infiniband_linkdownedcounter_total',
      'counter',
      linked([
        [toNode1, 1],
        [toNode2, reset ? 0 : 200],
        [toNode3, 3],
      ]),
    ),
    // PortXmitData and PortRcvData in 4-byte words: 250 M words, 1 GB, a second each way.
    ...family(
      'infiniband_portxmitdata_total',
      'counter',
      linked([[toNode1, 250_000_000 * seconds]]),
    ),
    ...family(
      'infiniband_portrcvdata_total',
      'counter',
      linked([[toNode1, 250_000_000 * seconds]]),
    ),
    ...family(
      'infiniband_speed',
      'gauge',
      linked([
        [toNode1, 106.25],
        [toNode2, 53.125],
        [toNode3, 106.25],
      ]),
    ),
    ...family(
      'infiniband_width',
      'gauge',
      linked([
        [toNode1, 4],
        [toNode2, 4],
        [toNode3, 4],
      ]),
    ),
    ...family('DCGM_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL', 'counter', [
      [gpu(0), 2 * seconds],
      [gpu(1), 0],
    ]),
    ...family('DCGM_FI_DEV_NVLINK_REPLAY_ERROR_COUNT_TOTAL', 'counter', [
      [gpu(0), 0],
      [gpu(1), reset ? 0 : 50_000],
    ]),
    // dcgm-exporter's CSV calls it a counter; DCGM fills it with a throughput.
    ...family('DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL', 'counter', [
      [gpu(0), 2000],
      [gpu(1), 2000],
    ]),
    '',
  ].join('\n');
}

describeWithPrometheus(
  'PrometheusFabricSource against a real Prometheus',
  () => {
    let prometheus: RealPrometheus | undefined;
    let baseUrl: string;

    beforeAll(async () => {
      prometheus = await startRealPrometheus({
        job: 'fabric',
        metrics: exporterMetrics,
        what: 'the fabric connector',
        dirPrefix: 'prometheus-fabric-',
      });
      baseUrl = prometheus.baseUrl;
      // Eight scrapes before the reset, about five after: the 10 s window sees both.
      await prometheus.waitFor(
        `count_over_time(infiniband_width{local_port="3"}[1m])`,
        n => n >= 8,
      );
      reset = true;
      await prometheus.waitFor(
        `min_over_time(infiniband_symbolerrorcounter_total{local_port="3"}[1m])`,
        n => n === 2,
      );
      await new Promise(r => setTimeout(r, 4_000));
    });

    afterAll(async () => {
      await prometheus?.stop();
    });

    it('reads rates over the window: a counter reset is no error burst, a rising counter is', async () => {
      const source = new PrometheusFabricSource(
        { baseUrl, window: '10s', timeoutMs: 5_000 },
        mockServices.logger.mock(),
      );
      const { ports } = await source.collect();
      const end = (deviceId: string, port: string) =>
        ports.find(
          p => p.local.deviceId === deviceId && p.local.port === port,
        ) as PortObservation;

      const rising = end(SWITCH, '2');
      expect(rising.rates.symbolErrors).toBeGreaterThan(4);
      expect(rising.rates.symbolErrors).toBeLessThan(6);
      expect(rising.rates.linkDowned).toBe(0);
      expect(rising.bytesPerSecond! / 2e9).toBeGreaterThan(0.8);
      expect(rising.bytesPerSecond! / 2e9).toBeLessThan(1.2);
      expect(rising).toMatchObject({
        kind: 'infiniband',
        local: { name: 'switch1', role: 'switch' },
        remote: { deviceId: NODE1, name: 'node1 mlx5_0', port: '1' },
        up: true,
        speedGbps: 400,
        width: 4,
      });

      // A million symbol errors and 200 link-downs cleared to 2 and 0: the 2 counted since the
      // reset, over the 10 s window (about 0.2/s), not a drop of a million.
      const cleared = end(SWITCH, '3');
      expect(cleared.rates.symbolErrors).toBeGreaterThan(0);
      expect(cleared.rates.symbolErrors).toBeLessThan(0.5);
      expect(cleared.rates.linkDowned).toBe(0);
      expect(cleared).toMatchObject({ up: true, speedGbps: 200, width: 4 });

      // The pulled cable: its last samples are in the window, its gauges are gone.
      const pulled = end(SWITCH, '4');
      expect(pulled.up).toBe(false);
      expect(pulled.rates.symbolErrors).toBe(0);
      expect(pulled.speedGbps).toBeUndefined();

      const gpus = ports.filter(p => p.kind === 'nvlink');
      expect(gpus.map(g => g.local.name)).toEqual([
        'node1 GPU 0',
        'node1 GPU 1',
      ]);
      expect(gpus[0].rates.nvlinkCrcFlitErrors).toBeGreaterThan(1.5);
      expect(gpus[0].rates.nvlinkCrcFlitErrors).toBeLessThan(2.5);
      expect(gpus[0].rates.nvlinkReplayErrors).toBe(0);
      // The driver reload cleared 50 000 replays to 0: no burst.
      expect(gpus[1].rates.nvlinkReplayErrors).toBe(0);
      expect(gpus[1].rates.nvlinkCrcFlitErrors).toBe(0);
      expect(gpus[1].bytesPerSecond).toBe(2000 * 1024000);
    });

    it('says what Prometheus did not like', async () => {
      const source = new PrometheusFabricSource(
        { baseUrl, window: '0s', timeoutMs: 5_000 },
        mockServices.logger.mock(),
      );
      await expect(source.collect()).rejects.toThrow(
        /^Prometheus refused .*\[0s\].*: bad_data: /,
      );
    });
  },
);
