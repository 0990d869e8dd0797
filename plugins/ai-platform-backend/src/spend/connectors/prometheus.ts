import { z } from 'zod/v3';
import { TeamMapping } from '../attribution';
import {
  canonicalGpuModel,
  PrometheusSourceConfig,
  SpendConfig,
} from '../config';
import { UsageRow } from '../SpendStore';
import { checkResponse, DAY, HOUR, PullBatch, PullConnector } from './types';

const matrixSchema = z.object({
  status: z.literal('success'),
  data: z.object({
    resultType: z.literal('matrix'),
    result: z.array(
      z.object({
        metric: z.record(z.string()),
        values: z.array(z.tuple([z.number(), z.string()])),
      }),
    ),
  }),
});

const errorSchema = z.object({
  status: z.literal('error'),
  errorType: z.string(),
  error: z.string(),
});

type Series = z.infer<typeof matrixSchema>['data']['result'][number];

/** DCGM exporter series with Kubernetes pod mapping carry these labels. */
const SERIES = 'DCGM_FI_DEV_GPU_UTIL{namespace!=""}';
/** Counter of energy since boot, in mJ; `increase` absorbs resets on reboot. */
const ENERGY = 'DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{namespace!=""}';
/** Gauge of power draw in W, for GPUs whose exporter does not collect the counter. */
const POWER = 'DCGM_FI_DEV_POWER_USAGE{namespace!=""}';
/** Multi-cluster setups label series with their cluster; absent labels group as one. */
const BY = 'by (namespace, modelName, cluster)';
const MILLIJOULES_PER_KWH = 3.6e9;

/** A sample's value, or undefined when Prometheus sent NaN, ±Inf or a negative figure. */
function observed(value: string): number | undefined {
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/**
 * GPU utilization and energy per namespace, GPU model and cluster from DCGM exporter series,
 * through the Prometheus HTTP API. For each step it records the GPUs seen (allocated
 * GPU-hours), their mean utilization (busy GPU-hours) — the difference is what the idle view
 * prices — and the energy they drew, from the energy counter where the exporter collects it,
 * else from the power gauge. Where neither is collected `energyKwh` stays undefined.
 */
export class PrometheusConnector implements PullConnector {
  constructor(
    readonly source: PrometheusSourceConfig,
    private readonly spend: SpendConfig,
    private readonly mapping: () => Promise<TeamMapping>,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  async *pull(from: number, now: number): AsyncIterable<PullBatch> {
    const step = this.source.stepSeconds * 1000;
    const start = Math.floor(from / step) * step;
    // Only whole steps: the current one is pulled when it has ended.
    const end = Math.floor(now / step) * step;
    // Well under Prometheus's 11 000 points per series.
    const chunk = Math.max(
      step,
      Math.floor(Math.min(7 * DAY, 5000 * step) / step) * step,
    );
    for (let s = start; s < end; s += chunk) {
      const e = Math.min(end, s + chunk);
      const range = `${this.source.stepSeconds}s`;
      const [used, allocated, energy, power] = await Promise.all(
        [
          `sum ${BY} (avg_over_time(${SERIES}[${range}])) / 100`,
          `count ${BY} (avg_over_time(${SERIES}[${range}]))`,
          `sum ${BY} (increase(${ENERGY}[${range}]))`,
          `sum ${BY} (avg_over_time(${POWER}[${range}]))`,
        ].map(query => this.queryRange(query, s, e)),
      );
      yield {
        rows: this.toRows(
          { used, allocated, energy, power },
          await this.mapping(),
        ),
        scope: { sourceId: this.source.id, from: s, to: e },
        watermark: e,
      };
    }
  }

  /** Samples at t cover the step (t - step, t]; the first is at from + step. */
  private async queryRange(query: string, from: number, to: number) {
    const step = this.source.stepSeconds;
    const params = new URLSearchParams({
      query,
      start: String(from / 1000 + step),
      end: String(to / 1000),
      step: String(step),
    });
    const response = await this.fetchFn(
      `${this.source.baseUrl}/api/v1/query_range`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: params.toString(),
      },
    );
    const body = await response
      .clone()
      .json()
      .catch(() => undefined);
    const error = errorSchema.safeParse(body);
    if (error.success) {
      throw new Error(
        `Prometheus ${this.source.id}: ${error.data.errorType}: ${error.data.error}`,
      );
    }
    await checkResponse(response, `Prometheus ${this.source.id}`);
    const parsed = matrixSchema.safeParse(body);
    if (!parsed.success) {
      throw new Error(
        `Prometheus ${this.source.id} sent an unexpected response: ${parsed.error.issues[0].message}`,
      );
    }
    return parsed.data.data.result;
  }

  private toRows(
    results: Record<'used' | 'allocated' | 'energy' | 'power', Series[]>,
    mapping: TeamMapping,
  ): UsageRow[] {
    const stepMs = this.source.stepSeconds * 1000;
    const stepHours = stepMs / HOUR;
    const rows = new Map<string, UsageRow>();
    const rowFor = (metric: Record<string, string>, t: number) => {
      const namespace = metric.namespace;
      const gpuModel = canonicalGpuModel(this.spend, metric.modelName ?? '');
      const periodStart = Math.round(t * 1000) - stepMs;
      // Without a cluster label the key is what it was before clusters, so stored rows are
      // replaced rather than doubled.
      const key = `${this.source.id}|${periodStart}|${namespace}|${gpuModel}${
        metric.cluster === undefined ? '' : `|${metric.cluster}`
      }`;
      let row = rows.get(key);
      if (!row) {
        row = {
          sourceKey: key,
          source: this.source.kind,
          periodStart,
          periodEnd: periodStart + stepMs,
          ...mapping.forNamespace(namespace),
          resourceType: 'gpu',
          gpuModel,
          pricingClass: 'on-demand',
          cost: 0,
          gpuHours: 0,
          usedGpuHours: 0,
          cluster: metric.cluster ?? this.source.cluster,
        };
        rows.set(key, row);
      }
      return row;
    };
    const each = (
      series: Series[],
      take: (metric: Series['metric'], t: number, value: number) => void,
    ) => {
      for (const { metric, values } of series) {
        for (const [t, value] of values) {
          const n = observed(value);
          if (n !== undefined) take(metric, t, n);
        }
      }
    };
    // Adds rather than sets: aliases can fold several DCGM model names into one row.
    each(results.allocated, (metric, t, n) => {
      rowFor(metric, t).gpuHours += n * stepHours;
    });
    each(results.used, (metric, t, n) => {
      rowFor(metric, t).usedGpuHours += n * stepHours;
    });

    // The counter where a series has it, else the gauge: chosen per series and step, before
    // aliases fold series into rows.
    const energy = new Map<
      string,
      { metric: Series['metric']; t: number; kwh: number }
    >();
    const seriesStep = (metric: Series['metric'], t: number) =>
      JSON.stringify([metric.namespace, metric.modelName, metric.cluster, t]);
    each(results.energy, (metric, t, mj) => {
      energy.set(seriesStep(metric, t), {
        metric,
        t,
        kwh: mj / MILLIJOULES_PER_KWH,
      });
    });
    each(results.power, (metric, t, watts) => {
      const key = seriesStep(metric, t);
      if (!energy.has(key)) {
        energy.set(key, { metric, t, kwh: (watts * stepHours) / 1000 });
      }
    });
    for (const { metric, t, kwh } of energy.values()) {
      const row = rowFor(metric, t);
      row.energyKwh = (row.energyKwh ?? 0) + kwh;
    }
    return [...rows.values()];
  }
}
