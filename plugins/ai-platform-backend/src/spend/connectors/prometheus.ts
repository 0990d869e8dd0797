import { z } from 'zod';
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

/** DCGM exporter series with Kubernetes pod mapping carry these labels. */
const SERIES = 'DCGM_FI_DEV_GPU_UTIL{namespace!=""}';

/**
 * GPU utilization per namespace and GPU model from DCGM exporter series, through the Prometheus
 * HTTP API. For each step it records the GPUs seen (allocated GPU-hours) and their mean
 * utilization (busy GPU-hours); the difference is what the idle view prices.
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
      const [used, allocated] = await Promise.all([
        this.queryRange(
          `sum by (namespace, modelName) (avg_over_time(${SERIES}[${range}])) / 100`,
          s,
          e,
        ),
        this.queryRange(
          `count by (namespace, modelName) (avg_over_time(${SERIES}[${range}]))`,
          s,
          e,
        ),
      ]);
      yield {
        rows: this.toRows(used, allocated, await this.mapping()),
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
    used: z.infer<typeof matrixSchema>['data']['result'],
    allocated: z.infer<typeof matrixSchema>['data']['result'],
    mapping: TeamMapping,
  ): UsageRow[] {
    const stepMs = this.source.stepSeconds * 1000;
    const stepHours = stepMs / HOUR;
    const rows = new Map<string, UsageRow>();
    const rowFor = (metric: Record<string, string>, t: number) => {
      const namespace = metric.namespace;
      const gpuModel = canonicalGpuModel(this.spend, metric.modelName ?? '');
      const periodStart = Math.round(t * 1000) - stepMs;
      const key = `${this.source.id}|${periodStart}|${namespace}|${gpuModel}`;
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
        };
        rows.set(key, row);
      }
      return row;
    };
    for (const series of allocated) {
      for (const [t, value] of series.values) {
        rowFor(series.metric, t).gpuHours = Number(value) * stepHours;
      }
    }
    for (const series of used) {
      for (const [t, value] of series.values) {
        rowFor(series.metric, t).usedGpuHours = Number(value) * stepHours;
      }
    }
    return [...rows.values()];
  }
}
