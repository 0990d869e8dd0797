import {
  counterRate,
  describeZodIssues,
  FabricCounter,
  FabricObservation,
  PortObservation,
} from '@ai-platform/plugin-ai-platform-common';
import { z } from 'zod/v3';
import { decodeCaData, UfmFabricConfig } from './config';
import {
  basicAuth,
  Endpoint,
  FabricSourceError,
  isRecord,
  parseJson,
  send,
  statusError,
} from './http';
import { laneCount, laneGbps, normalizeGuid } from './infiniband';
import { FabricSource } from '../FabricSource';

/**
 * UFM's monitoring attributes (raw port counters) for each common counter, with the counter's
 * width in the InfiniBand PortCounters attribute: a counter stops at its maximum rather than
 * wrap, and a stopped counter says nothing about the window.
 */
const UFM_COUNTERS: Array<[FabricCounter, string, number]> = [
  ['symbolErrors', 'Infiniband_SymbolErrors', 16],
  ['linkDowned', 'Infiniband_LinkDowned', 8],
  ['linkErrorRecovery', 'Infiniband_LinkRecovers', 8],
  ['portRcvErrors', 'Infiniband_RcvErrors', 16],
  ['portXmitDiscards', 'Infiniband_XmtDiscards', 16],
  ['portXmitWait', 'Infiniband_XmitWait', 32],
];

/**
 * `POST /monitoring/snapshot` for every port of the site, raw values. UFM runs the snapshot as a
 * short monitoring session, which needs a sampling interval in seconds; 2, as published
 * snapshot clients send, so the answer comes well within the timeout.
 */
const SNAPSHOT_REQUEST = {
  attributes: UFM_COUNTERS.map(([, attribute]) => attribute),
  functions: ['RAW'],
  scope_object: 'Site',
  monitor_object: 'Port',
  objects: ['Grid.default'],
  interval: 2,
};

/** UFM's system types that are a fabric role; gateways and routers are neither. */
const ROLES = new Map<string | undefined, 'switch' | 'node'>([
  ['switch', 'switch'],
  ['host', 'node'],
]);

const portNumber = z.union([z.string(), z.number()]).transform(String);

// The fields the source reads; UFM sends many more, and versions add some.
const systemSchema = z.object({
  guid: z.string(),
  system_name: z.string(),
  type: z.string().optional(),
});
const portSchema = z.object({
  name: z.string(),
  guid: z.string(),
  number: portNumber,
  systemID: z.string().optional(),
  system_name: z.string().optional(),
  node_description: z.string().optional(),
  physical_state: z.string().optional(),
  active_speed: z.string().nullish(),
  active_width: z.string().nullish(),
});
type UfmPort = z.infer<typeof portSchema>;
const linkSchema = z.object({
  source_guid: z.string(),
  source_port: portNumber,
  destination_guid: z.string(),
  destination_port: portNumber,
  width: z.string().optional(),
});
const unhealthyPortSchema = z.object({
  UnhealthyGUID: z.string(),
  UnhealthyNode: z.string(),
  UnhealthyPortNumber: portNumber.optional(),
  State: z.string(),
  Condition: z.union([z.string(), z.array(z.string())]),
});
/** UFM 6.15 and older name the object `related_object_*` and the text `summary`. */
const alarmSchema = z.object({
  severity: z.string(),
  name: z.string().optional(),
  description: z.string().optional(),
  summary: z.string().optional(),
  reason: z.string().optional(),
  object_name: z.string().optional(),
  related_object_name: z.string().optional(),
});
/** `{ "<sampled at>": { "Port": { "<guid>_<port>": { statistics: {...} } } } }` */
const snapshotSchema = z.record(
  z.record(
    z.record(
      z.object({
        statistics: z
          .record(z.union([z.number(), z.string(), z.null()]))
          .optional(),
      }),
    ),
  ),
);

/** One read of a port's counters. */
interface PortCounters {
  at: number;
  values: Map<string, number>;
}

/** UFM writes `2024-05-28 08:23:10` without a zone; only differences between reads are used. */
function sampledAt(key: string): number | undefined {
  const at = Date.parse(`${key.trim().replace(' ', 'T')}Z`);
  return Number.isNaN(at) ? undefined : at;
}

/** The device of an alarm's object: a system GUID, or a port's `<guid>_<port>`. */
function alarmDevice(objectName: string): string {
  const guid = objectName.replace(/_\d+$/, '');
  return normalizeGuid(guid) ?? objectName;
}

/**
 * NVIDIA UFM Enterprise's REST API: the links of the fabric with their ports' state, speed and
 * width, error counters turned into rates between runs (a reset counts from zero), unhealthy
 * ports and alarms. Basic auth against `/ufmRest`, or an access token against `/ufmRestV3`.
 */
export class UfmFabricSource implements FabricSource {
  readonly id = 'ufm';
  readonly kind = 'ufm' as const;
  private readonly endpoint: Endpoint;
  private readonly api: string;
  /** The last run's counters by port name: a rate needs two reads. */
  private previous = new Map<string, PortCounters>();

  constructor(
    config: UfmFabricConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.endpoint = {
      name: 'UFM',
      configKey: 'aiPlatform.fabric.ufm',
      // UFM takes a token as Basic credentials, on its V3 path.
      authorization: config.token
        ? `Basic ${config.token}`
        : basicAuth(config.username!, config.password!),
      ca: decodeCaData(config.caData),
      timeoutMs: config.timeoutMs,
    };
    this.api = `${config.baseUrl}/${config.token ? 'ufmRestV3' : 'ufmRest'}`;
  }

  async collect(): Promise<FabricObservation> {
    const [systems, ports, links, unhealthy, alarms, snapshot] =
      await Promise.all([
        this.get('/resources/systems', z.array(systemSchema)),
        this.get('/resources/ports', z.array(portSchema)),
        this.get('/resources/links', z.array(linkSchema)),
        this.get('/app/unhealthy_ports', z.array(unhealthyPortSchema)),
        this.get('/app/alarms', z.array(alarmSchema)),
        this.call(
          'POST',
          '/monitoring/snapshot',
          snapshotSchema,
          SNAPSHOT_REQUEST,
        ),
      ]);
    const at = this.now();
    const counters = this.readCounters(snapshot, at);

    const systemTypes = new Map(
      systems.map(s => [normalizeGuid(s.guid) ?? s.guid, s.type]),
    );
    const portsByEnd = new Map<string, UfmPort>();
    for (const port of ports) {
      portsByEnd.set(`${normalizeGuid(port.guid)}/${port.number}`, port);
    }
    const systemType = (port: UfmPort | undefined) =>
      port?.systemID
        ? systemTypes.get(normalizeGuid(port.systemID) ?? port.systemID)
        : undefined;
    // A switch by its name, an HCA as the node describes it (`node-017 mlx5_0`).
    const nameOf = (port: UfmPort | undefined, guid: string) =>
      (systemType(port) === 'switch'
        ? port?.system_name
        : port?.node_description || port?.system_name) || guid;

    const observations: PortObservation[] = [];
    for (const link of links) {
      const ends = [
        [link.source_guid, link.source_port],
        [link.destination_guid, link.destination_port],
      ] as const;
      for (const [self, other] of [
        [ends[0], ends[1]],
        [ends[1], ends[0]],
      ]) {
        const localGuid = normalizeGuid(self[0]);
        const remoteGuid = normalizeGuid(other[0]);
        if (!localGuid || !remoteGuid) continue;
        const local = portsByEnd.get(`${localGuid}/${self[1]}`);
        const remote = portsByEnd.get(`${remoteGuid}/${other[1]}`);
        const role = ROLES.get(systemType(local));
        const width = laneCount(local?.active_width ?? link.width ?? '');
        const lane = local?.active_speed
          ? laneGbps(local.active_speed)
          : undefined;
        observations.push({
          kind: 'infiniband',
          local: {
            deviceId: localGuid,
            name: nameOf(local, localGuid),
            port: self[1],
            ...(role ? { role } : {}),
          },
          remote: {
            deviceId: remoteGuid,
            name: nameOf(remote, remoteGuid),
            port: other[1],
          },
          ...(local?.physical_state
            ? { up: local.physical_state === 'Link Up' }
            : {}),
          ...(width !== undefined ? { width } : {}),
          ...(width !== undefined && lane !== undefined
            ? { speedGbps: lane * width }
            : {}),
          rates: local ? this.rates(local.name, counters) : {},
        });
      }
    }
    this.previous = counters;

    return {
      sourceId: this.id,
      collectedAt: new Date(at).toISOString(),
      ports: observations,
      placements: [],
      alarms: [
        ...unhealthy.map(port => ({
          deviceId: normalizeGuid(port.UnhealthyGUID) ?? port.UnhealthyGUID,
          severity: port.State,
          description: `Port ${port.UnhealthyNode}${
            port.UnhealthyPortNumber ? ` ${port.UnhealthyPortNumber}` : ''
          } marked unhealthy (${[port.Condition].flat().join(', ')})`,
        })),
        ...alarms.flatMap(alarm => {
          const object = alarm.object_name ?? alarm.related_object_name;
          if (!object) return [];
          const what = alarm.description ?? alarm.summary ?? alarm.name;
          return [
            {
              deviceId: alarmDevice(object),
              severity: alarm.severity,
              description: [what, alarm.reason].filter(Boolean).join(': '),
            },
          ];
        }),
      ],
    };
  }

  /** The snapshot's counters by port name, with when UFM sampled them. */
  private readCounters(
    snapshot: z.infer<typeof snapshotSchema>,
    fallbackAt: number,
  ): Map<string, PortCounters> {
    const counters = new Map<string, PortCounters>();
    // Oldest first, so a port's latest sample wins.
    for (const key of Object.keys(snapshot).sort()) {
      const at = sampledAt(key) ?? fallbackAt;
      for (const [name, { statistics }] of Object.entries(
        snapshot[key].Port ?? {},
      )) {
        const values = new Map<string, number>();
        for (const [attribute, raw] of Object.entries(statistics ?? {})) {
          const value = Number(raw);
          if (raw !== null && Number.isFinite(value)) {
            values.set(attribute, value);
          }
        }
        counters.set(name, { at, values });
      }
    }
    return counters;
  }

  /** Rates of a port between the last run's read and this one's; none on the first run. */
  private rates(
    portName: string,
    counters: Map<string, PortCounters>,
  ): PortObservation['rates'] {
    const rates: PortObservation['rates'] = {};
    const before = this.previous.get(portName);
    const now = counters.get(portName);
    if (!before || !now) return rates;
    for (const [counter, attribute, bits] of UFM_COUNTERS) {
      const previous = before.values.get(attribute);
      const current = now.values.get(attribute);
      if (previous === undefined || current === undefined) continue;
      const rate = counterRate(
        { value: previous, at: before.at },
        { value: current, at: now.at },
        2 ** bits - 1,
      );
      if (rate !== undefined) rates[counter] = rate;
    }
    return rates;
  }

  private get<T>(
    path: string,
    schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  ): Promise<T> {
    return this.call('GET', path, schema);
  }

  /** One request to UFM's REST API, its body checked against what the API documents. */
  private async call<T>(
    method: 'GET' | 'POST',
    path: string,
    schema: z.ZodType<T, z.ZodTypeDef, unknown>,
    json?: unknown,
  ): Promise<T> {
    const { status, text } = await send(
      this.endpoint,
      new URL(`${this.api}${path}`),
      { method, json },
    );
    const body = parseJson(text);
    if (status < 200 || status >= 300) {
      const detail =
        isRecord(body) &&
        ['error', 'message', 'detail']
          .map(key => body[key])
          .find((v): v is string => typeof v === 'string');
      const error = statusError(this.endpoint, status, detail || undefined);
      if (status === 404 && !detail) {
        error.message += `; check that aiPlatform.fabric.ufm.baseUrl is the UFM server`;
      }
      throw error;
    }
    if (body === undefined) {
      throw new FabricSourceError(
        `UFM answered ${method} ${path} with a body that is not JSON`,
      );
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new FabricSourceError(
        `UFM answered ${method} ${path} with something other than it documents (${describeZodIssues(
          parsed.error,
        )})`,
      );
    }
    return parsed.data;
  }
}
