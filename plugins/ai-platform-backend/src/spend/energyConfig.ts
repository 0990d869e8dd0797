import { readFileSync } from 'fs';
import { resolve } from 'path';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  checkSiteFactors,
  GpuPowerRange,
  SiteFactors,
} from '@ai-platform/plugin-ai-platform-common';
import { GridIntensitySeries, parseGridIntensityCsv } from './gridIntensity';

/**
 * Defaults where config names no site: the Uptime Institute's 2023 global average PUE and a
 * world-average grid. Config should name the real figures of each cluster.
 */
export const DEFAULT_PUE = 1.58;
export const DEFAULT_GRID_GRAMS_PER_KWH = 480;

/** What one cluster's energy becomes: PUE, the grid's intensity hour by hour, water. */
export interface EnergySite {
  pue: number;
  /** gCO₂e/kWh of the hour; a constant unless a series file is configured. */
  grid: GridIntensitySeries;
  waterLitresPerKwh?: number;
}

export interface EnergyConfig {
  /** Idle and maximum power per GPU model, by the rate's model name; max may come from nvidia-smi. */
  gpuPower: Array<Omit<GpuPowerRange, 'maxWatts'> & { maxWatts?: number }>;
  /** By cluster name; `''` is usage whose cluster is unknown. */
  sites: Map<string, EnergySite>;
  defaultSite: EnergySite;
}

function readSeries(
  file: string | undefined,
  fallback: number,
  where: string,
): GridIntensitySeries {
  if (!file) return new GridIntensitySeries([], fallback);
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(
      `${where}.gridIntensityFile: cannot read ${path}: ${
        (error as Error).message
      }`,
    );
  }
  const { points, problems } = parseGridIntensityCsv(text);
  if (problems.length) {
    throw new InputError(
      `${where}.gridIntensityFile ${path}: ${problems
        .slice(0, 5)
        .map(p => `line ${p.line}${p.column ? ` (${p.column})` : ''}: ${p.message}`)
        .join('; ')}${problems.length > 5 ? ` and ${problems.length - 5} more` : ''}`,
    );
  }
  return new GridIntensitySeries(points, fallback);
}

function readFactors(
  config: Config | undefined,
  base: SiteFactors,
  where: string,
): SiteFactors {
  const factors: SiteFactors = {
    pue: config?.getOptionalNumber('pue') ?? base.pue,
    gridGramsPerKwh:
      config?.getOptionalNumber('gridIntensity') ?? base.gridGramsPerKwh,
    waterLitresPerKwh:
      config?.getOptionalNumber('waterLitresPerKwh') ?? base.waterLitresPerKwh,
  };
  // Named by the config key people wrote, not the field it is read into.
  const problems = checkSiteFactors(factors, where).map(p =>
    p.replace(`${where}.gridGramsPerKwh`, `${where}.gridIntensity`),
  );
  if (problems.length) throw new InputError(problems.join('; '));
  return factors;
}

function site(
  factors: SiteFactors,
  file: string | undefined,
  where: string,
): EnergySite {
  return {
    pue: factors.pue,
    waterLitresPerKwh: factors.waterLitresPerKwh,
    grid: readSeries(file, factors.gridGramsPerKwh, where),
  };
}

/**
 * Reads `aiPlatform.spend.energy`. A cluster's factors fall back to its region's, then to the
 * defaults; a series file's hours override the constant intensity. Relative file paths are
 * read from the backend's working directory.
 */
export function readEnergyConfig(
  root: Config,
  canonicalModel: (model: string) => string = m => m,
): EnergyConfig {
  const config = root.getOptionalConfig('aiPlatform.spend.energy');
  const prefix = 'aiPlatform.spend.energy';
  const defaultsConfig = config?.getOptionalConfig('defaults');
  const defaults = readFactors(
    defaultsConfig,
    { pue: DEFAULT_PUE, gridGramsPerKwh: DEFAULT_GRID_GRAMS_PER_KWH },
    `${prefix}.defaults`,
  );
  const regions = new Map<string, { factors: SiteFactors; file?: string }>();
  (config?.getOptionalConfigArray('regions') ?? []).forEach((r, i) => {
    regions.set(r.getString('region'), {
      factors: readFactors(r, defaults, `${prefix}.regions[${i}]`),
      file: r.getOptionalString('gridIntensityFile'),
    });
  });
  const sites = new Map<string, EnergySite>();
  (config?.getOptionalConfigArray('clusters') ?? []).forEach((c, i) => {
    const where = `${prefix}.clusters[${i}]`;
    const regionName = c.getOptionalString('region');
    const region = regionName ? regions.get(regionName) : undefined;
    if (regionName && !region) {
      throw new InputError(
        `${where}.region: ${regionName} is not one of ${prefix}.regions`,
      );
    }
    sites.set(
      c.getString('cluster'),
      site(
        readFactors(c, region?.factors ?? defaults, where),
        c.getOptionalString('gridIntensityFile') ?? region?.file,
        where,
      ),
    );
  });
  const gpuPower = (config?.getOptionalConfigArray('gpuPower') ?? []).map(
    (g, i) => {
      const where = `${prefix}.gpuPower[${i}]`;
      const idleWatts = g.getNumber('idleWatts');
      const maxWatts = g.getOptionalNumber('maxWatts');
      if (!(idleWatts >= 0) || (maxWatts !== undefined && maxWatts < idleWatts)) {
        throw new InputError(
          `${where}: idleWatts must be ≥ 0 and maxWatts, when given, at least idleWatts`,
        );
      }
      return {
        gpuModel: canonicalModel(g.getString('gpuModel')),
        idleWatts,
        maxWatts,
      };
    },
  );
  return {
    gpuPower,
    sites,
    defaultSite: site(
      defaults,
      defaultsConfig?.getOptionalString('gridIntensityFile'),
      `${prefix}.defaults`,
    ),
  };
}
