import { SpendPoint } from '@ai-platform/plugin-ai-platform-common';
import { formatCarbon, formatKwh } from '../shared/energy';
import { compactMoney, money } from '../shared/spend';

/** What the charts sum: the same series carry cost and energy, so switching needs no fetch. */
export const SPEND_METRICS = {
  cost: 'Cost',
  energy: 'Energy (kWh)',
  carbon: 'CO₂e',
} as const;
export type SpendMetric = keyof typeof SPEND_METRICS;

export function metricOf(point: SpendPoint, metric: SpendMetric): number {
  switch (metric) {
    case 'energy':
      return point.energyKwh;
    case 'carbon':
      return point.carbonKg;
    default:
      return point.cost;
  }
}

const compactNumber = new Intl.NumberFormat('en-US', {
  notation: 'compact',
  maximumFractionDigits: 1,
});

/** How a metric's values read in tooltips (`value`) and on an axis (`axis`). */
export function metricFormat(
  metric: SpendMetric,
  currency: string,
): { value: (v: number) => string; axis: (v: number) => string } {
  switch (metric) {
    case 'energy':
      return {
        value: formatKwh,
        axis: v => `${compactNumber.format(v)} kWh`,
      };
    case 'carbon':
      return {
        value: v => `${formatCarbon(v)} CO₂e`,
        axis: formatCarbon,
      };
    default:
      return {
        value: v => money(currency).format(v),
        axis: v => compactMoney(currency).format(v),
      };
  }
}

/** The word for a metric in titles: "Spend by team", "Energy by team". */
export const METRIC_NOUN: Record<SpendMetric, string> = {
  cost: 'Spend',
  energy: 'Energy',
  carbon: 'CO₂e',
};

/** The same word within a sentence: "No spend in this period." */
export const METRIC_TEXT: Record<SpendMetric, string> = {
  cost: 'spend',
  energy: 'energy',
  carbon: 'CO₂e',
};
