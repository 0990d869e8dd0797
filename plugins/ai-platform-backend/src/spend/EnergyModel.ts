import {
  ENERGY_SOURCES,
  estimatedEnergyKwh,
  footprint,
  GpuPowerRange,
} from '@ai-platform/plugin-ai-platform-common';
import { HOUR } from './connectors/types';
import { EnergyConfig, EnergySite } from './energyConfig';
import { UsageRow } from './SpendStore';

/** The highest power limit nvidia-smi imports report per GPU model (rate names). */
export type PowerLimits = () => Promise<Map<string, number>>;

/** Hours of a row that the grid series is averaged over; longer rows use their first month. */
const MAX_HOURS = 24 * 31;

/**
 * Turns what connectors saw into energy, carbon and water before rows are stored: rows of
 * energy sources without observed power get an estimate from utilization and the GPU model's
 * power range (and say so), then every row's IT energy is carried through its cluster's PUE,
 * the grid's intensity over the row's hours, and the water factor.
 */
export class EnergyModel {
  constructor(
    private readonly options: {
      config: EnergyConfig;
      powerLimits?: PowerLimits;
    },
  ) {}

  /** Each configured model's range; the max from nvidia-smi's power limit where config has none. */
  async powerRanges(): Promise<Map<string, GpuPowerRange>> {
    const limits = (await this.options.powerLimits?.()) ?? new Map();
    const ranges = new Map<string, GpuPowerRange>();
    for (const g of this.options.config.gpuPower) {
      const maxWatts = g.maxWatts ?? limits.get(g.gpuModel);
      if (maxWatts !== undefined && maxWatts >= g.idleWatts) {
        ranges.set(g.gpuModel, { ...g, maxWatts });
      }
    }
    return ranges;
  }

  site(cluster: string): EnergySite {
    return (
      this.options.config.sites.get(cluster) ?? this.options.config.defaultSite
    );
  }

  async complete(rows: UsageRow[]): Promise<UsageRow[]> {
    const ranges = await this.powerRanges();
    return rows.map(row => {
      if (!ENERGY_SOURCES.includes(row.source)) return row;
      let energyKwh = row.energyKwh;
      let estimated = row.estimatedEnergyKwh ?? 0;
      if (energyKwh === undefined) {
        const range = ranges.get(row.gpuModel);
        if (!range || row.gpuHours <= 0) return row;
        energyKwh = estimatedEnergyKwh(range, {
          gpuHours: row.gpuHours,
          busyGpuHours: row.usedGpuHours,
        });
        estimated = energyKwh;
      }
      const site = this.site(row.cluster ?? '');
      return {
        ...row,
        energyKwh,
        estimatedEnergyKwh: estimated,
        ...footprint(energyKwh, {
          pue: site.pue,
          gridGramsPerKwh: meanIntensity(site, row.periodStart, row.periodEnd),
          waterLitresPerKwh: site.waterLitresPerKwh,
        }),
      };
    });
  }
}

/** The grid's mean intensity over the whole hours a row covers (its start hour at least). */
function meanIntensity(site: EnergySite, start: number, end: number): number {
  const first = Math.floor(start / HOUR) * HOUR;
  const hours = Math.min(MAX_HOURS, Math.max(1, Math.ceil((end - first) / HOUR)));
  let sum = 0;
  for (let h = 0; h < hours; h++) sum += site.grid.at(first + h * HOUR);
  return sum / hours;
}
