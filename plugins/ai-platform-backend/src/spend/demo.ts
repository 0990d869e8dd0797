import { LoggerService } from '@backstage/backend-plugin-api';
import { stringify } from 'csv-stringify/sync';
import { waitUntil } from '../shared/waitUntil';
import { TeamMapping } from './attribution';
import { DAY, HOUR, startOfDay } from './connectors/types';
import { SpendService } from './SpendService';
import { SpendStore, UsageRow } from './SpendStore';

/** A demo team: its cloud tag, daily GPU use and how busy its GPUs are. */
interface DemoTeam {
  tag: string;
  team: string;
  gpusPerDay: number;
  committedShare: number;
  utilization: number;
  growth: number;
}

const TEAMS: DemoTeam[] = [
  {
    tag: 'llm-research',
    team: 'group:default/llm-research',
    gpusPerDay: 40,
    committedShare: 0.5,
    utilization: 0.82,
    growth: 0.35,
  },
  {
    tag: 'recsys',
    team: 'group:default/recsys',
    gpusPerDay: 16,
    committedShare: 0.6,
    utilization: 0.71,
    growth: 0.05,
  },
  {
    tag: 'vision',
    team: 'group:default/vision',
    gpusPerDay: 10,
    committedShare: 0,
    utilization: 0.34,
    growth: -0.1,
  },
  {
    tag: 'fraud-detection',
    team: 'group:default/fraud-detection',
    gpusPerDay: 6,
    committedShare: 0.3,
    utilization: 0.58,
    growth: 0.6,
  },
  {
    tag: 'ml-platform',
    team: 'group:default/ml-platform',
    gpusPerDay: 3,
    committedShare: 0,
    utilization: 0.45,
    growth: 0,
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

/** Demo utilization, shaped as the Prometheus connector stores it: hourly per team. */
function demoUtilization(days: number[], now: number): UsageRow[] {
  const rows: UsageRow[] = [];
  for (const day of days) {
    for (let h = day; h < day + DAY && h + HOUR <= now; h += HOUR) {
      for (const t of TEAMS) {
        const gpus = t.gpusPerDay;
        const busy = Math.min(
          1,
          t.utilization * (0.75 + 0.5 * noise(`${t.tag}${h}`)),
        );
        rows.push({
          sourceKey: `demo-dcgm|${h}|${t.tag}`,
          source: 'prometheus',
          periodStart: h,
          periodEnd: h + HOUR,
          team: t.team,
          attribution: `namespace:${t.tag}`,
          resourceType: 'gpu',
          gpuModel: 'NVIDIA H100 80GB HBM3',
          pricingClass: 'on-demand',
          cost: 0,
          gpuHours: gpus,
          usedGpuHours: gpus * busy,
        });
      }
    }
  }
  return rows;
}

/**
 * Loads demo spend for the last six months through the real FOCUS importer, and 30 days of
 * utilization. The same rows every run, so runs after the first add only the new hours.
 */
export async function seedSpendDemo(options: {
  service: SpendService;
  store: SpendStore;
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
    demoUtilization(days.slice(-30), now),
  );
  options.logger.info(
    `Spend demo: ${outcome.result.inserted} billing rows and ${utilization.inserted} utilization rows added`,
  );
}
