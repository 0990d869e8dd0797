import { rateFor } from '@ai-platform/plugin-ai-platform-common';
import { QuotaService } from '../../quota';
import { canonicalGpuModel, QuotaSourceConfig, SpendConfig } from '../config';
import { UsageRow } from '../SpendStore';
import { DAY, HOUR, PullBatch, PullConnector, startOfDay } from './types';

/**
 * Reserved capacity from the quota ledger: approved GPUs × hours of each day held, priced at
 * the pool's reserved rate (spot for preemptible quota). Days already past stay as recorded:
 * a quota released today keeps what it held before.
 */
export class QuotaConnector implements PullConnector {
  constructor(
    readonly source: QuotaSourceConfig,
    private readonly spend: SpendConfig,
    private readonly quotas: Pick<QuotaService, 'list'>,
  ) {}

  async *pull(from: number, now: number): AsyncIterable<PullBatch> {
    for (let day = startOfDay(from); day < now; day += DAY) {
      const dayEnd = Math.min(day + DAY, now);
      const held = await this.quotas.list({
        statuses: ['approved', 'active', 'expired'],
        from: new Date(day),
        to: new Date(dayEnd),
      });
      const rows: UsageRow[] = [];
      for (const quota of held) {
        const start = Math.max(day, Date.parse(quota.startsAt));
        const end = Math.min(dayEnd, Date.parse(quota.endsAt));
        if (end <= start) continue;
        const gpuModel = canonicalGpuModel(this.spend, quota.gpuModel);
        const pricingClass = quota.preemptible ? 'spot' : 'reserved';
        const gpuHours = (quota.gpuCount * (end - start)) / HOUR;
        rows.push({
          sourceKey: `${this.source.id}|${day}|${quota.id}`,
          source: this.source.kind,
          periodStart: day,
          periodEnd: day + DAY,
          team: quota.teamRef,
          attribution: `quota:${quota.id}`,
          resourceType: 'gpu',
          gpuModel,
          pricingClass,
          cost:
            gpuHours * (rateFor(this.spend.rates, gpuModel, pricingClass) ?? 0),
          gpuHours,
          usedGpuHours: 0,
        });
      }
      yield {
        rows,
        scope: { sourceId: this.source.id, from: day, to: day + DAY },
        watermark: day + DAY <= now ? day + DAY : day,
      };
    }
  }
}
