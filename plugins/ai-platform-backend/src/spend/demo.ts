import { LoggerService } from '@backstage/backend-plugin-api';
import { stringify } from 'csv-stringify/sync';
import { waitUntil } from '../shared/waitUntil';
import { TeamMapping } from './attribution';
import { DAY, HOUR, startOfDay } from './connectors/types';
import { EnergyModel } from './EnergyModel';
import { SpendService } from './SpendService';
import { SpendStore, UsageRow } from './SpendStore';

/** Where a demo team's GPUs run: namespace (as its Group claims it), cluster and GPU model. */
interface DemoPlacement {
  namespace: string;
  cluster: string;
  gpuModel: string;
  share: number;
}

const H100 = 'NVIDIA H100 80GB HBM3';
const H200 = 'NVIDIA H200 141GB HBM3e';

/**
 * A demo team: its cloud tag, daily GPU use, how busy its GPUs are and where they run. A team
 * whose exporter sends no power readings gets energy estimated from utilization.
 */
interface DemoTeam {
  tag: string;
  team: string;
  gpusPerDay: number;
  committedShare: number;
  utilization: number;
  growth: number;
  placements: DemoPlacement[];
  powerReadings: boolean;
}

const TEAMS: DemoTeam[] = [
  {
    tag: 'llm-research',
    team: 'group:default/llm-research',
    gpusPerDay: 40,
    committedShare: 0.5,
    utilization: 0.82,
    growth: 0.35,
    placements: [
      { namespace: 'llm-train', cluster: 'cluster-b', gpuModel: H200, share: 0.7 },
      { namespace: 'llm-serve', cluster: 'cluster-a', gpuModel: H100, share: 0.3 },
    ],
    powerReadings: true,
  },
  {
    tag: 'recsys',
    team: 'group:default/recsys',
    gpusPerDay: 16,
    committedShare: 0.6,
    utilization: 0.71,
    growth: 0.05,
    placements: [
      { namespace: 'recsys-train', cluster: 'cluster-a', gpuModel: H100, share: 0.6 },
      { namespace: 'recsys-serve', cluster: 'cluster-a', gpuModel: H100, share: 0.4 },
    ],
    powerReadings: true,
  },
  {
    tag: 'vision',
    team: 'group:default/vision',
    gpusPerDay: 10,
    committedShare: 0,
    utilization: 0.34,
    growth: -0.1,
    placements: [{ namespace: 'vision', cluster: 'cluster-a', gpuModel: H100, share: 1 }],
    // An older DCGM exporter without the power fields: its energy is an estimate.
    powerReadings: false,
  },
  {
    tag: 'fraud-detection',
    team: 'group:default/fraud-detection',
    gpusPerDay: 6,
    committedShare: 0.3,
    utilization: 0.58,
    growth: 0.6,
    placements: [{ namespace: 'fraud', cluster: 'cluster-a', gpuModel: H100, share: 1 }],
    powerReadings: true,
  },
  {
    tag: 'ml-platform',
    team: 'group:default/ml-platform',
    gpusPerDay: 3,
    committedShare: 0,
    utilization: 0.45,
    growth: 0,
    placements: [
      { namespace: 'ml-platform', cluster: 'cluster-a', gpuModel: H100, share: 1 },
    ],
    powerReadings: true,
  },
];

const GPU_RATE = { Standard: 6.88, Committed: 4.5 };

/** Deterministic noise in [0, 1) per key, so the demo is the same on every start. */
function noise(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++)
    h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return ((h >>> 0) % 100_000) / 100_000;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** A FOCUS 1.0 export of the demo organisation's cloud bill for the days given. */
export function demoFocusCsv(days: number[]): string {
  const records: Array<Record<string, string>> = [];
  for (const day of days) {
    const weekend = [0, 6].includes(new Date(day).getUTCDay()) ? 0.8 : 1;
    const age = (days[days.length - 1] - day) / (180 * DAY);
    for (const t of TEAMS) {
      const n = noise(`${t.tag}${day}`);
      const gpus = Math.max(
        1,
        Math.round(
          t.gpusPerDay *
            (1 + t.growth * (0.5 - age)) *
            weekend *
            (0.9 + 0.2 * n),
        ),
      );
      const common = {
        BillingAccountId: '112233445566',
        BillingCurrency: 'USD',
        ChargePeriodStart: iso(day),
        ChargePeriodEnd: iso(day + DAY),
        ChargeCategory: 'Usage',
        Tags: JSON.stringify({ team: t.tag }),
      };
      for (const [category, share] of [
        ['Committed', t.committedShare],
        ['Standard', 1 - t.committedShare],
      ] as const) {
        const instances = (gpus * share) / 8;
        if (instances <= 0) continue;
        const hours = +(instances * 24).toFixed(3);
        const cost = (hours * 8 * GPU_RATE[category]).toFixed(4);
        records.push({
          ...common,
          SubAccountId: `ml-${t.tag}`,
          ResourceId: `arn:aws:ec2:us-east-1:112233445566:instance/i-${
            t.tag
          }-${category.toLowerCase()}`,
          ResourceType: 'Virtual Machine',
          ServiceName: 'Amazon Elastic Compute Cloud',
          ServiceCategory: 'Compute',
          SkuId: 'p5.48xlarge',
          ChargeDescription: `p5.48xlarge ${
            category === 'Committed' ? 'Savings Plan' : 'On Demand'
          } Linux instance hour`,
          PricingCategory: category,
          ConsumedQuantity: String(hours),
          ConsumedUnit: 'Hours',
          BilledCost: category === 'Committed' ? '0' : cost,
          EffectiveCost: cost,
        });
      }
      for (const [service, category, sku, amount] of [
        ['Amazon Elastic Compute Cloud', 'Compute', 'm7i.8xlarge', gpus * 9.5],
        [
          'Amazon Simple Storage Service',
          'Storage',
          'TimedStorage-ByteHrs',
          gpus * 4.2,
        ],
        [
          'AWS Data Transfer',
          'Networking',
          'DataTransfer-Out-Bytes',
          gpus * 1.1,
        ],
      ] as const) {
        const cost = (
          amount *
          (0.85 + 0.3 * noise(`${t.tag}${sku}${day}`))
        ).toFixed(4);
        records.push({
          ...common,
          SubAccountId: `ml-${t.tag}`,
          ResourceId: `${t.tag}-${sku}`,
          ResourceType: '',
          ServiceName: service,
          ServiceCategory: category,
          SkuId: sku,
          ChargeDescription: `${sku} usage`,
          PricingCategory: 'Standard',
          ConsumedQuantity: '',
          ConsumedUnit: '',
          BilledCost: cost,
          EffectiveCost: cost,
        });
      }
    }
    // A sandbox account nobody tagged: it shows as unallocated.
    const sandbox = (180 + 60 * noise(`sandbox${day}`)).toFixed(4);
    records.push({
      BillingAccountId: '112233445566',
      BillingCurrency: 'USD',
      ChargePeriodStart: iso(day),
      ChargePeriodEnd: iso(day + DAY),
      ChargeCategory: 'Usage',
      Tags: JSON.stringify({ project: 'sandbox' }),
      SubAccountId: 'sandbox',
      ResourceId: 'sandbox-g5',
      ResourceType: 'Virtual Machine',
      ServiceName: 'Amazon Elastic Compute Cloud',
      ServiceCategory: 'Compute',
      SkuId: 'g5.2xlarge',
      ChargeDescription: 'g5.2xlarge On Demand Linux instance hour',
      PricingCategory: 'Standard',
      ConsumedQuantity: '48',
      ConsumedUnit: 'Hours',
      BilledCost: sandbox,
      EffectiveCost: sandbox,
    });
  }
  return stringify(records, { header: true, columns: Object.keys(records[0]) });
}

/**
 * What a demo GPU draws at a utilization: between the idle (~120 W) and loaded (~700 W) draw
 * of the H100 captures in the fixtures, a little above linear at mid load, with noise.
 */
function demoWatts(busy: number, key: string): number {
  return (120 + 580 * busy ** 0.9) * (0.97 + 0.06 * noise(`${key}w`));
}

/**
 * Demo utilization and power, shaped as the Prometheus connector stores it: hourly per
 * namespace. Rows of a team without power readings carry no energy; the energy model
 * estimates it, as it would for a real exporter.
 */
function demoUtilization(days: number[], now: number): UsageRow[] {
  const rows: UsageRow[] = [];
  for (const day of days) {
    for (let h = day; h < day + DAY && h + HOUR <= now; h += HOUR) {
      for (const t of TEAMS) {
        for (const p of t.placements) {
          const key = `${p.namespace}${h}`;
          const gpus = t.gpusPerDay * p.share;
          const busy = Math.min(
            1,
            t.utilization * (0.75 + 0.5 * noise(key)),
          );
          rows.push({
            sourceKey: `demo-dcgm|${h}|${p.namespace}`,
            source: 'prometheus',
            periodStart: h,
            periodEnd: h + HOUR,
            team: t.team,
            attribution: `namespace:${p.namespace}`,
            resourceType: 'gpu',
            gpuModel: p.gpuModel,
            pricingClass: 'on-demand',
            cost: 0,
            gpuHours: gpus,
            usedGpuHours: gpus * busy,
            cluster: p.cluster,
            energyKwh: t.powerReadings
              ? (gpus * demoWatts(busy, key)) / 1000
              : undefined,
          });
        }
      }
    }
  }
  return rows;
}

/**
 * Loads demo spend for the last six months through the real FOCUS importer, and 30 days of
 * utilization and power through the energy model. The same rows every run, so runs after the first add only the new hours.
 */
export async function seedSpendDemo(options: {
  service: SpendService;
  store: SpendStore;
  energy: EnergyModel;
  mapping: () => Promise<TeamMapping>;
  logger: LoggerService;
  now?: number;
}) {
  // Before the catalog has read the example org everything would land as unallocated.
  const teamsRead = await waitUntil(
    async () => !(await options.mapping()).isEmpty,
  );
  if (!teamsRead) {
    options.logger.info(
      'Spend demo waits for the example teams in the catalog',
    );
    return;
  }
  const now = options.now ?? Date.now();
  const today = startOfDay(now);
  const days = Array.from({ length: 181 }, (_, i) => today - (180 - i) * DAY);
  const outcome = await options.service.importFocus({
    text: demoFocusCsv(days),
    fileName: 'demo-focus.csv',
    importedBy: 'demo',
  });
  if (!outcome.ok) {
    throw new Error(
      `Spend demo refused: ${JSON.stringify(outcome.problems.slice(0, 3))}`,
    );
  }
  const utilization = await options.store.ingest(
    await options.energy.complete(demoUtilization(days.slice(-30), now)),
  );
  options.logger.info(
    `Spend demo: ${outcome.result.inserted} billing rows and ${utilization.inserted} utilization rows added`,
  );
}
