import { LoggerService } from '@backstage/backend-plugin-api';
import {
  FabricObservation,
  NodePlacement,
  PortObservation,
  PortRef,
} from '@ai-platform/plugin-ai-platform-common';
import { waitUntil } from '../shared/waitUntil';
import { FabricCatalog } from './FabricCatalog';
import { FabricService } from './FabricService';
import { FabricSource } from './FabricSource';

export const DEMO_IB_FABRIC = 'resource:default/ib-fabric-east';
export const DEMO_NVLINK_FABRIC = 'resource:default/nvlink-east';

const SPINES = 8;
const LEAVES = 16;
const NODES_PER_LEAF = 8;
const GPUS = 8;
/** NDR: 4 lanes of 100 Gb/s. */
const NDR = { speedGbps: 400, width: 4 };
/** Bytes per second both ways of a full NDR link, and of a GPU's NVLinks (450 GB/s each way). */
const NDR_FULL = (2 * 400e9) / 8;
const NVLINK_FULL = 2 * 450e9;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const spineName = (s: number) => `spine-${pad(s + 1)}`;
const leafName = (l: number) => `leaf-${pad(l + 1)}`;

/** Node i (0-based): cluster-a's 96 H100 nodes on leaves 1–12, cluster-b's 32 H200 on 13–16. */
function nodeOf(i: number) {
  return i < 96
    ? {
        host: `h100-${pad(i + 1, 3)}`,
        clusterRef: 'resource:default/cluster-a',
      }
    : {
        host: `h200-${pad(i - 95, 3)}`,
        clusterRef: 'resource:default/cluster-b',
      };
}

/** The example teams' namespaces (examples/org.yaml) and how busy their jobs keep the links. */
function workloadOf(host: string): { namespaces: string[]; busy: number } {
  const n = Number(host.slice(5));
  if (host.startsWith('h100-')) {
    if (n <= 64) return { namespaces: ['llm-train'], busy: 0.72 };
    if (n <= 84) return { namespaces: ['recsys-train'], busy: 0.45 };
    if (n <= 92) return { namespaces: ['vision'], busy: 0.22 };
    return { namespaces: ['kueue-system', 'ml-platform'], busy: 0.06 };
  }
  if (n <= 16) return { namespaces: ['llm-train'], busy: 0.8 };
  if (n <= 24) return { namespaces: ['recsys-serve'], busy: 0.3 };
  if (n <= 28) return { namespaces: ['fraud'], busy: 0.15 };
  return { namespaces: [], busy: 0.01 };
}

/** Deterministic noise in [0, 1) per key, so a given minute always reads the same. */
function noise(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  }
  return ((h >>> 0) % 100_000) / 100_000;
}

/** NVIDIA's OUI, `0300`, and a device number: how InfiniBand GUIDs look. */
const switchGuid = (n: number) => `0xfc6a1c0300${(0xa00000 + n).toString(16)}`;
const hcaGuid = (n: number) => `0x946dae0300${(0x100000 + n).toString(16)}`;

const spine = (s: number, port: number): PortRef => ({
  deviceId: switchGuid(s),
  name: spineName(s),
  port: String(port),
});
const leaf = (l: number, port: number): PortRef => ({
  deviceId: switchGuid(0x100 + l),
  name: leafName(l),
  port: String(port),
});
const hca = (i: number): PortRef => ({
  deviceId: hcaGuid(i),
  name: `${nodeOf(i).host} mlx5_0`,
  port: '1',
});

/**
 * The demo fabric, as the infiniband-exporter, dcgm-exporter and Topograph's node labels would
 * report it: a two-tier NDR fat tree of 8 spines and 16 leaves (8 nodes down, one cable up to
 * each spine per leaf), 128 nodes of 8 GPUs with NVLink inside each, the example teams' jobs on
 * them, utilization following the day and each minute's noise. A few cables misbehave:
 * h100-075's flaps (link error recovery), leaf-05 ↔ spine-03 trained at 2×, leaf-11 ↔ spine-06
 * is down, GPU 3 of h200-006 replays NVLink packets, and h200-029 sits on leaf-15 where the
 * declared topology puts it on leaf-16. The same minute always reads the same.
 */
export class DemoFabricSource implements FabricSource {
  readonly id = 'demo';
  readonly kind = 'demo' as const;

  constructor(private readonly now: () => Date = () => new Date()) {}

  async collect(): Promise<FabricObservation> {
    return this.observe(this.now());
  }

  observe(at: Date): FabricObservation {
    const t = at.getTime();
    const minute = Math.floor(t / MINUTE);
    const hour = (t % (24 * HOUR)) / HOUR;
    // Busier in the (UTC) working day, quieter at night.
    const day = 0.85 + 0.15 * Math.sin(((hour - 8) / 24) * 2 * Math.PI);
    const busy = (host: string, key: string) =>
      Math.min(
        0.98,
        workloadOf(host).busy * day * (0.85 + 0.3 * noise(`${key}${minute}`)),
      );

    const ports: PortObservation[] = [];
    const cable = (
      x: PortRef,
      xRole: 'node' | 'switch',
      y: PortRef,
      yRole: 'node' | 'switch',
      reading: Omit<PortObservation, 'kind' | 'local' | 'remote' | 'rates'>,
      rates: [PortObservation['rates'], PortObservation['rates']] = [{}, {}],
    ) => {
      for (const [local, localRole, remote, own] of [
        [x, xRole, y, rates[0]],
        [y, yRole, x, rates[1]],
      ] as const) {
        ports.push({
          kind: 'infiniband',
          fabricRef: DEMO_IB_FABRIC,
          local: { ...local, role: localRole },
          remote,
          ...reading,
          rates: { symbolErrors: 0, portRcvErrors: 0, ...own },
        });
      }
    };

    const leafLoad = new Array<number>(LEAVES).fill(0);
    const placements: NodePlacement[] = [];
    for (let i = 0; i < LEAVES * NODES_PER_LEAF; i++) {
      const { host, clusterRef } = nodeOf(i);
      const home = Math.floor(i / NODES_PER_LEAF);
      const load = busy(host, host);
      leafLoad[home] += load / NODES_PER_LEAF;
      // Cabled to a spare port of the leaf next door.
      const miscabled = host === 'h200-029';
      const l = miscabled ? home - 1 : home;
      const port = miscabled ? 17 : (i % NODES_PER_LEAF) + 1;
      const flapping = host === 'h100-075';
      cable(
        hca(i),
        'node',
        leaf(l, port),
        'switch',
        { up: true, ...NDR, bytesPerSecond: load * NDR_FULL },
        flapping
          ? [
              {
                symbolErrors: 0.05 + 0.55 * noise(`sym${minute}`),
                linkErrorRecovery: 0.002 + 0.01 * noise(`ler${minute}`),
              },
              { linkErrorRecovery: 0.002 + 0.01 * noise(`ler${minute}`) },
            ]
          : [{}, {}],
      );
      for (let g = 0; g < GPUS; g++) {
        const replaying = host === 'h200-006' && g === 3;
        ports.push({
          kind: 'nvlink',
          fabricRef: DEMO_NVLINK_FABRIC,
          local: {
            deviceId: host,
            name: `${host} GPU ${g}`,
            port: `gpu${g}`,
            role: 'node',
          },
          remote: { deviceId: host, name: `${host} NVLink`, port: 'nvlink' },
          bytesPerSecond: busy(host, `${host}gpu${g}`) * NVLINK_FULL,
          rates: {
            nvlinkCrcFlitErrors: 0,
            nvlinkReplayErrors: replaying
              ? 0.05 + 0.25 * noise(`replay${minute}`)
              : 0,
          },
        });
      }
      placements.push({
        node: host,
        clusterRef,
        switches: [leafName(l)],
        acceleratorDomain: host,
        gpus: GPUS,
        namespaces: workloadOf(host).namespaces,
      });
    }

    for (let l = 0; l < LEAVES; l++) {
      for (let s = 0; s < SPINES; s++) {
        const narrowed = l === 4 && s === 2;
        const down = l === 10 && s === 5;
        // Most of a leaf's traffic crosses the spines (all-reduce over leaves).
        const share =
          0.7 * leafLoad[l] * (0.9 + 0.2 * noise(`${l}/${s}${minute}`));
        cable(
          leaf(l, NODES_PER_LEAF + s + 1),
          'switch',
          spine(s, l + 1),
          'switch',
          down
            ? { up: false }
            : {
                up: true,
                ...(narrowed ? { speedGbps: 200, width: 2 } : NDR),
                bytesPerSecond: share * NDR_FULL * (narrowed ? 0.5 : 1),
              },
        );
      }
    }

    return {
      sourceId: this.id,
      collectedAt: at.toISOString(),
      ports,
      placements,
      alarms: [],
    };
  }
}

/**
 * The demo's history: once the catalog holds the demo's fabric, a day of points from the demo
 * source through the same build as the scheduled runs, so a link's chart has a past.
 */
export async function seedFabricDemo(options: {
  service: FabricService;
  catalog: FabricCatalog;
  source: DemoFabricSource;
  logger: LoggerService;
  now?: Date;
}) {
  const { catalog, logger } = options;
  const ready = await waitUntil(async () =>
    (await catalog.reload()).fabrics.some(f => f.ref === DEMO_IB_FABRIC),
  );
  if (!ready) {
    logger.info(`Fabric demo waits for ${DEMO_IB_FABRIC} in the catalog`);
    return;
  }
  const now = options.now ?? new Date();
  const added = await options.service.backfill(
    options.source,
    new Date(now.getTime() - 24 * HOUR),
  );
  if (added)
    logger.info(`Fabric demo: ${added} history points for the last day`);
}
