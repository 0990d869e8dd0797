import { LoggerService } from '@backstage/backend-plugin-api';
import {
  describeZodIssues,
  FabricCounter,
  FabricObservation,
  PortObservation,
} from '@ai-platform/plugin-ai-platform-common';
import { z } from 'zod/v3';
import { PrometheusFabricConfig } from './config';
import {
  Endpoint,
  FabricSourceError,
  parseJson,
  send,
  statusError,
} from './http';
import { laneGbps, normalizeGuid } from './infiniband';
import { FabricSource } from '../FabricSource';

/** infiniband-exporter's error counters (`infiniband_<counter>_total`), one series per cable end. */
const IB_COUNTERS: Array<[FabricCounter, string]> = [
  ['symbolErrors', 'infiniband_symbolerrorcounter_total'],
  ['linkDowned', 'infiniband_linkdownedcounter_total'],
  ['linkErrorRecovery', 'infiniband_linkerrorrecoverycounter_total'],
  ['portRcvErrors', 'infiniband_portrcverrors_total'],
  ['portXmitDiscards', 'infiniband_portxmitdiscards_total'],
  ['portXmitWait', 'infiniband_portxmitwait_total'],
];

/** dcgm-exporter's NVLink error counters, totals over a GPU's links. */
const NVLINK_COUNTERS: Array<[FabricCounter, string]> = [
  ['nvlinkCrcFlitErrors', 'DCGM_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL'],
  ['nvlinkCrcDataErrors', 'DCGM_FI_DEV_NVLINK_CRC_DATA_ERROR_COUNT_TOTAL'],
  ['nvlinkReplayErrors', 'DCGM_FI_DEV_NVLINK_REPLAY_ERROR_COUNT_TOTAL'],
  ['nvlinkRecoveryErrors', 'DCGM_FI_DEV_NVLINK_RECOVERY_ERROR_COUNT_TOTAL'],
];

/**
 * DCGM field 449 is a throughput, not a counter, whatever dcgm-exporter's CSV types it as: DCGM
 * divides NVML's KiB/s by 1000 (dcgm-exporter issues #417 and #658). Back to bytes per second.
 */
const NVLINK_BANDWIDTH = 'DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL';
const NVLINK_BANDWIDTH_TO_BYTES = 1000 * 1024;

/**
 * The labels a GPU is known by. Series of one GPU also differ by pod labels (dcgm-exporter's
 * Kubernetes mapping) and by MIG instance; `max by` makes them one per GPU.
 */
const GPU_LABELS = 'Hostname, hostname, gpu, UUID, instance';

/** The exporter's `component`: a switch port or a channel adapter (HCA) in a node. */
const ROLES = new Map<string | undefined, 'switch' | 'node'>([
  ['switch', 'switch'],
  ['ca', 'node'],
]);

const sampleSchema = z.object({
  metric: z.record(z.string()),
  value: z.tuple([z.number(), z.string()]),
});
type Sample = z.infer<typeof sampleSchema>;

const vectorSchema = z.object({
  status: z.literal('success'),
  data: z.object({
    resultType: z.literal('vector'),
    result: z.array(sampleSchema),
  }),
  warnings: z.array(z.string()).optional(),
});

const errorSchema = z.object({
  status: z.literal('error'),
  errorType: z.string(),
  error: z.string(),
});

/** A sample's value, when it is a number: Prometheus sends NaN and ±Inf as strings too. */
function valueOf(sample: Sample): number | undefined {
  const value = Number(sample.value[1]);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * One name per device, whichever end of a cable it is seen from. The exporter names a device
 * differently in its own series and in its peers' (the README's sample: `node1.mlx5_0` in the
 * HCA's series, `node1 mlx5_0` in its switch's, `SwitchX -  Mellanox Technologies` for a switch
 * whose own series say `switch1`). A switch keeps its own name; an HCA takes the name its switch
 * gives it, its node description, whose first word is the host as other sources name it.
 */
function deviceNames(observations: PortObservation[]): Map<string, string> {
  const names = new Map<string, string>();
  const switchPorts = observations.filter(o => o.local.role === 'switch');
  for (const { local } of switchPorts) names.set(local.deviceId, local.name);
  for (const { remote } of switchPorts) {
    if (!names.has(remote.deviceId)) names.set(remote.deviceId, remote.name);
  }
  return names;
}

/** A port being put together from several queries' series. */
interface PortDraft {
  observation: PortObservation;
  instance?: string;
  laneGbps?: number;
  width?: number;
  gaugeSeen: boolean;
}

/**
 * The fabric as Prometheus sees it: infiniband-exporter series (one per cable end, keyed by local
 * and remote GUID and port) and dcgm-exporter's NVLink series (one per GPU). Counters are read
 * with `rate()` over the configured window, so a counter reset counts from zero instead of
 * showing as a burst.
 */
export class PrometheusFabricSource implements FabricSource {
  readonly id = 'prometheus';
  readonly kind = 'prometheus' as const;
  private readonly endpoint: Endpoint;

  constructor(
    private readonly config: PrometheusFabricConfig,
    private readonly logger: LoggerService,
    private readonly now: () => number = Date.now,
  ) {
    this.endpoint = {
      name: 'Prometheus',
      configKey: 'aiPlatform.fabric.prometheus',
      authorization: config.token ? `Bearer ${config.token}` : undefined,
      timeoutMs: config.timeoutMs,
    };
  }

  async collect(): Promise<FabricObservation> {
    const at = this.now();
    const w = this.config.window;
    // One evaluation time for every query, so the series line up.
    const query = (promql: string) => this.query(promql, at / 1000);
    const [ibRates, ibData, ibSpeed, ibWidth, nvRates, nvBandwidth] =
      await Promise.all([
        Promise.all(IB_COUNTERS.map(([, m]) => query(`rate(${m}[${w}])`))),
        // PortXmitData and PortRcvData count 4-byte words.
        query(
          `(rate(infiniband_portxmitdata_total[${w}]) + rate(infiniband_portrcvdata_total[${w}])) * 4`,
        ),
        query('infiniband_speed'),
        query('infiniband_width'),
        Promise.all(
          NVLINK_COUNTERS.map(([, m]) =>
            query(`max by (${GPU_LABELS}) (rate(${m}[${w}]))`),
          ),
        ),
        query(
          `max by (${GPU_LABELS}) (avg_over_time(${NVLINK_BANDWIDTH}[${w}]))`,
        ),
      ]);

    const ports = new Map<string, PortDraft>();
    let skipped = 0;
    const portFor = (sample: Sample) => {
      const draft = this.infinibandPort(ports, sample.metric);
      if (!draft) skipped++;
      return draft;
    };
    IB_COUNTERS.forEach(([counter], i) => {
      for (const sample of ibRates[i]) {
        const port = portFor(sample);
        const value = valueOf(sample);
        if (port && value !== undefined)
          port.observation.rates[counter] = value;
      }
    });
    for (const sample of ibData) {
      const port = portFor(sample);
      const value = valueOf(sample);
      if (port && value !== undefined) port.observation.bytesPerSecond = value;
    }
    // The exporter writes gauges only for active links, and a series that stops being scraped
    // is stale at once: an exporter whose other gauges are current says this link is down now.
    const liveInstances = new Set<string>();
    for (const [samples, field] of [
      [ibSpeed, 'laneGbps'],
      [ibWidth, 'width'],
    ] as const) {
      for (const sample of samples) {
        const port = portFor(sample);
        const value = valueOf(sample);
        if (!port || value === undefined) continue;
        port.gaugeSeen = true;
        if (port.instance) liveInstances.add(port.instance);
        port[field] = field === 'laneGbps' ? laneGbps(value) : value;
      }
    }
    if (skipped > 0) {
      this.logger.warn(
        `Prometheus: skipped ${skipped} infiniband-exporter series without local and remote GUID and port labels`,
      );
    }

    const names = deviceNames([...ports.values()].map(p => p.observation));
    const observations: PortObservation[] = [];
    for (const port of ports.values()) {
      const { observation } = port;
      observation.local.name =
        names.get(observation.local.deviceId) ?? observation.local.name;
      observation.remote.name =
        names.get(observation.remote.deviceId) ?? observation.remote.name;
      if (port.gaugeSeen) {
        observation.up = true;
      } else if (port.instance && liveInstances.has(port.instance)) {
        observation.up = false;
      }
      if (port.width !== undefined) {
        observation.width = port.width;
        if (port.laneGbps !== undefined) {
          observation.speedGbps = port.laneGbps * port.width;
        }
      }
      observations.push(observation);
    }
    observations.push(...this.nvlinkPorts(nvRates, nvBandwidth));

    return {
      sourceId: this.id,
      collectedAt: new Date(at).toISOString(),
      ports: observations,
      placements: [],
      alarms: [],
    };
  }

  /** The draft for the cable end a series names; undefined when its labels do not say which. */
  private infinibandPort(
    ports: Map<string, PortDraft>,
    labels: Record<string, string>,
  ): PortDraft | undefined {
    const localGuid = normalizeGuid(labels.local_guid);
    const remoteGuid = normalizeGuid(labels.remote_guid);
    const localPort = labels.local_port?.trim();
    const remotePort = labels.remote_port?.trim();
    if (!localGuid || !remoteGuid || !localPort || !remotePort) {
      return undefined;
    }
    const key = `${localGuid}/${localPort}>${remoteGuid}/${remotePort}`;
    let draft = ports.get(key);
    if (!draft) {
      const role = ROLES.get(labels.component);
      draft = {
        observation: {
          kind: 'infiniband',
          local: {
            deviceId: localGuid,
            name: labels.local_name || localGuid,
            port: localPort,
            ...(role ? { role } : {}),
          },
          remote: {
            deviceId: remoteGuid,
            name: labels.remote_name || remoteGuid,
            port: remotePort,
          },
          rates: {},
        },
        instance: labels.instance,
        gaugeSeen: false,
      };
      ports.set(key, draft);
    }
    return draft;
  }

  /** One observation per GPU: its NVLink error rates and throughput, from node to its NVLinks. */
  private nvlinkPorts(
    rates: Sample[][],
    bandwidth: Sample[],
  ): PortObservation[] {
    const gpus = new Map<string, PortObservation>();
    const gpuFor = (labels: Record<string, string>) => {
      const host =
        labels.Hostname ||
        labels.hostname ||
        labels.instance?.replace(/:\d+$/, '');
      const gpu = labels.gpu || labels.UUID;
      if (!host || !gpu) return undefined;
      const key = `${host}/${gpu}`;
      let observation = gpus.get(key);
      if (!observation) {
        observation = {
          kind: 'nvlink',
          local: {
            deviceId: host,
            name: `${host} GPU ${gpu}`,
            port: `gpu${gpu}`,
            role: 'node',
          },
          remote: { deviceId: host, name: `${host} NVLink`, port: 'nvlink' },
          rates: {},
        };
        gpus.set(key, observation);
      }
      return observation;
    };
    NVLINK_COUNTERS.forEach(([counter], i) => {
      for (const sample of rates[i]) {
        const value = valueOf(sample);
        const gpu = gpuFor(sample.metric);
        if (gpu && value !== undefined) gpu.rates[counter] = value;
      }
    });
    for (const sample of bandwidth) {
      const value = valueOf(sample);
      const gpu = gpuFor(sample.metric);
      if (gpu && value !== undefined) {
        gpu.bytesPerSecond = value * NVLINK_BANDWIDTH_TO_BYTES;
      }
    }
    return [...gpus.values()];
  }

  /** `GET /api/v1/query`: the instant vector, or an error naming what Prometheus said. */
  private async query(promql: string, time: number): Promise<Sample[]> {
    const url = new URL(`${this.config.baseUrl}/api/v1/query`);
    url.searchParams.set('query', promql);
    url.searchParams.set('time', String(time));
    const { status, text } = await send(this.endpoint, url);
    const body = parseJson(text);
    // Prometheus answers errors (400, 422, 503) with the same envelope as results.
    const error = errorSchema.safeParse(body);
    if (error.success) {
      throw new FabricSourceError(
        `Prometheus refused ${promql}: ${error.data.errorType}: ${error.data.error}`,
      );
    }
    if (status < 200 || status >= 300) {
      throw statusError(this.endpoint, status);
    }
    if (body === undefined) {
      throw new FabricSourceError(
        `Prometheus answered ${status} with a body that is not JSON`,
      );
    }
    const parsed = vectorSchema.safeParse(body);
    if (!parsed.success) {
      throw new FabricSourceError(
        `Prometheus answered ${promql} with something other than an instant vector (${describeZodIssues(
          parsed.error,
        )})`,
      );
    }
    if (parsed.data.warnings?.length) {
      this.logger.warn(
        `Prometheus warned about ${promql}: ${parsed.data.warnings.join('; ')}`,
      );
    }
    return parsed.data.data.result;
  }
}
