import {
  EntityEnergyResponse,
  Facts,
} from '@ai-platform/plugin-ai-platform-common';

const round = (v: number) => Math.round(v * 1000) / 1000;

/**
 * Training energy of a model (Article 53 and Annex XI ask providers of general-purpose models
 * for it): what its pipelines' namespaces drew, as spend measured or estimated it. Null values
 * when nothing was seen, so a check can require it.
 */
export function trainingEnergyFacts(response: EntityEnergyResponse): Facts {
  const { energy, contributors } = response;
  const source = contributors.length
    ? `spend: ${contributors
        .map(c => `${c.entityRef} in ${c.namespaces.join(', ')}`)
        .join('; ')}, ${response.from} to ${response.to}`
    : 'spend: no pipeline of this model names a namespace';
  const fact = (value: number | undefined) => ({
    value: value === undefined ? null : round(value),
    source,
  });
  return {
    'training.energyKwh': fact(energy?.energyKwh),
    'training.facilityEnergyKwh': fact(energy?.facilityEnergyKwh),
    'training.carbonKg': fact(energy?.carbonKg),
    'training.waterLitres': fact(energy?.waterLitres || undefined),
    'training.energyEstimatedShare': fact(
      energy && energy.energyKwh > 0
        ? energy.estimatedEnergyKwh / energy.energyKwh
        : undefined,
    ),
  };
}
