import { z } from 'zod/v3';
import {
  ResourceType,
  splitShared,
  UNALLOCATED_TEAM,
} from '@ai-platform/plugin-ai-platform-common';
import { TeamMapping } from '../attribution';
import {
  canonicalGpuModel,
  OpenCostSourceConfig,
  SpendConfig,
} from '../config';
import { UsageRow } from '../SpendStore';
import {
  checkResponse,
  DAY,
  PullBatch,
  PullConnector,
  startOfDay,
} from './types';

const cost = z
  .number()
  .nullish()
  .transform(v => v ?? 0);

/** The fields of an OpenCost allocation this connector reads (the API sends many more). */
const allocationSchema = z.object({
  name: z.string(),
  start: z.string(),
  end: z.string(),
  properties: z
    .object({
      namespace: z.string().optional(),
      labels: z.record(z.string()).optional(),
    })
    .passthrough()
    .optional(),
  cpuCost: cost,
  cpuCostAdjustment: cost,
  gpuCost: cost,
  gpuCostAdjustment: cost,
  ramCost: cost,
  ramCostAdjustment: cost,
  pvCost: cost,
  pvCostAdjustment: cost,
  networkCost: cost,
  networkCostAdjustment: cost,
  loadBalancerCost: cost,
  loadBalancerCostAdjustment: cost,
  sharedCost: cost,
  externalCost: cost,
  gpuHours: cost,
});
type Allocation = z.infer<typeof allocationSchema>;

const responseSchema = z.object({
  code: z.number(),
  message: z.string().optional(),
  data: z.array(z.record(allocationSchema).nullable()).nullish(),
});

const IDLE = '__idle__';
const UNALLOCATED = '__unallocated__';
const UNMOUNTED = '__unmounted__';

function components(a: Allocation): Array<[ResourceType, number, number]> {
  return [
    ['gpu', a.gpuCost + a.gpuCostAdjustment, a.gpuHours],
    ['cpu', a.cpuCost + a.cpuCostAdjustment, 0],
    ['memory', a.ramCost + a.ramCostAdjustment, 0],
    ['storage', a.pvCost + a.pvCostAdjustment, 0],
    [
      'network',
      a.networkCost +
        a.networkCostAdjustment +
        a.loadBalancerCost +
        a.loadBalancerCostAdjustment,
      0,
    ],
    ['other', a.sharedCost + a.externalCost, 0],
  ];
}

/**
 * Pulls OpenCost's `/allocation/compute` one day per step. Each namespace (or label value)
 * goes to its team; `__idle__` and the shared namespaces are split over that day's teams by
 * the configured rule; `__unallocated__` stays visible as unallocated.
 */
export class OpenCostConnector implements PullConnector {
  constructor(
    readonly source: OpenCostSourceConfig,
    private readonly spend: SpendConfig,
    private readonly mapping: () => Promise<TeamMapping>,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  async *pull(from: number, now: number): AsyncIterable<PullBatch> {
    const start = startOfDay(from);
    const end = startOfDay(now) + DAY;
    // A month of days per request keeps responses small.
    for (let chunk = start; chunk < end; chunk += 31 * DAY) {
      const chunkEnd = Math.min(end, chunk + 31 * DAY);
      const sets = await this.fetchWindow(chunk, chunkEnd);
      const mapping = await this.mapping();
      for (let day = chunk; day < chunkEnd; day += DAY) {
        const set = sets.find(s => s.start === day);
        yield {
          rows: set ? this.toRows(day, set.allocations, mapping) : [],
          scope: { sourceId: this.source.id, from: day, to: day + DAY },
          // Today is pulled again next time: OpenCost's figures for it still grow.
          watermark: day + DAY <= now ? day + DAY : day,
        };
      }
    }
  }

  private async fetchWindow(from: number, to: number) {
    const params = new URLSearchParams({
      window: `${new Date(from).toISOString().replace('.000', '')},${new Date(
        to,
      )
        .toISOString()
        .replace('.000', '')}`,
      aggregate: this.source.aggregate,
      step: '1d',
      accumulate: 'false',
      includeIdle: 'true',
    });
    const url = `${this.source.baseUrl}/allocation/compute?${params}`;
    const response = await this.fetchFn(url);
    await checkResponse(response, `OpenCost ${this.source.id}`);
    const parsed = responseSchema.safeParse(await response.json());
    if (!parsed.success) {
      throw new Error(
        `OpenCost ${
          this.source.id
        } sent an unexpected response: ${parsed.error.issues[0].path.join(
          '.',
        )} ${parsed.error.issues[0].message}`,
      );
    }
    if (parsed.data.code !== 200) {
      throw new Error(
        `OpenCost ${this.source.id} answered code ${parsed.data.code}: ${
          parsed.data.message ?? ''
        }`,
      );
    }
    return (parsed.data.data ?? []).flatMap(set => {
      const allocations = Object.values(set ?? {});
      if (!allocations.length) return [];
      return [
        { start: startOfDay(Date.parse(allocations[0].start)), allocations },
      ];
    });
  }

  private attribute(a: Allocation, mapping: TeamMapping) {
    if (a.name === UNALLOCATED || a.name === UNMOUNTED) {
      return { team: UNALLOCATED_TEAM, attribution: a.name };
    }
    const labelKey = this.source.aggregate.startsWith('label:')
      ? this.source.aggregate.slice('label:'.length)
      : undefined;
    return labelKey
      ? mapping.forLabels({ [labelKey]: a.name })
      : mapping.forNamespace(a.properties?.namespace ?? a.name);
  }

  toRows(
    day: number,
    allocations: Allocation[],
    mapping: TeamMapping,
  ): UsageRow[] {
    const gpuModel = canonicalGpuModel(this.spend, this.source.gpuModel);
    const base = {
      source: this.source.kind,
      periodStart: day,
      periodEnd: day + DAY,
      pricingClass: this.source.pricingClass,
      usedGpuHours: 0,
    };
    const rows: UsageRow[] = [];
    const shared: Allocation[] = [];
    const weights = new Map<string, number>();
    for (const a of allocations) {
      const isShared =
        a.name === IDLE ||
        (!this.source.aggregate.startsWith('label:') &&
          this.spend.sharedNamespaces.includes(a.name));
      if (isShared) {
        shared.push(a);
        continue;
      }
      const { team, attribution } = this.attribute(a, mapping);
      for (const [resourceType, amount, gpuHours] of components(a)) {
        if (amount === 0 && gpuHours === 0) continue;
        rows.push({
          ...base,
          sourceKey: `${this.source.id}|${day}|${a.name}|${resourceType}`,
          team,
          attribution,
          resourceType,
          gpuModel: resourceType === 'gpu' ? gpuModel : '',
          cost: amount,
          gpuHours,
        });
        if (team !== UNALLOCATED_TEAM) {
          weights.set(team, (weights.get(team) ?? 0) + amount);
        }
      }
    }
    // Shared and idle cost follow the teams that used the cluster that day.
    for (const a of shared) {
      for (const [resourceType, amount, gpuHours] of components(a)) {
        if (amount === 0) continue;
        const shares = splitShared(
          Math.round(amount * 1e6),
          weights,
          this.spend.splitRule,
        );
        const targets = shares.size
          ? shares
          : new Map([[UNALLOCATED_TEAM, Math.round(amount * 1e6)]]);
        for (const [team, micros] of targets) {
          rows.push({
            ...base,
            sourceKey: `${this.source.id}|${day}|${a.name}>${team}|${resourceType}`,
            team,
            attribution:
              a.name === IDLE ? 'idle' : `shared:namespace:${a.name}`,
            resourceType,
            gpuModel: resourceType === 'gpu' ? gpuModel : '',
            cost: micros / 1e6,
            // Idle GPU-hours are nobody's use; they show in the idle view instead.
            gpuHours:
              a.name === IDLE
                ? 0
                : (gpuHours * micros) / Math.round(amount * 1e6),
          });
        }
      }
    }
    return rows;
  }
}
