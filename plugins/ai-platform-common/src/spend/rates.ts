import { PricingClass } from './types';

/** Price of one GPU-hour of a GPU model under one pricing class, from config. */
export interface GpuRate {
  gpuModel: string;
  pricingClass: PricingClass;
  perGpuHour: number;
}

/**
 * The configured rate for a GPU model and pricing class; a model priced only on demand is
 * charged its on-demand rate for other classes too. Undefined when the model has no rate.
 */
export function rateFor(
  rates: readonly GpuRate[],
  gpuModel: string,
  pricingClass: PricingClass,
): number | undefined {
  const forModel = rates.filter(r => r.gpuModel === gpuModel);
  return (
    forModel.find(r => r.pricingClass === pricingClass) ??
    forModel.find(r => r.pricingClass === 'on-demand')
  )?.perGpuHour;
}
