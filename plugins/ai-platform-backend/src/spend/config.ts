import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  GpuRate,
  PRICING_CLASSES,
  PricingClass,
  SplitRule,
} from '@ai-platform/plugin-ai-platform-common';

export interface OpenCostSourceConfig {
  kind: 'opencost';
  id: string;
  baseUrl: string;
  /** `namespace`, or `label:<key>` to attribute by a pod label. */
  aggregate: string;
  /** OpenCost does not name GPU models; the cluster's model, for rates and drill-down. */
  gpuModel: string;
  pricingClass: PricingClass;
  backfillDays: number;
}

export interface PrometheusSourceConfig {
  kind: 'prometheus';
  id: string;
  baseUrl: string;
  /** Length of one utilization sample in seconds; an hour unless set. */
  stepSeconds: number;
  /**
   * Cluster name (`cluster-a` for `resource:default/cluster-a`) for series without a `cluster`
   * label; empty when not set.
   */
  cluster: string;
  backfillDays: number;
}

export interface QuotaSourceConfig {
  kind: 'quota';
  id: string;
  backfillDays: number;
}

export type PullSourceConfig =
  | OpenCostSourceConfig
  | PrometheusSourceConfig
  | QuotaSourceConfig;

export interface GpuSku {
  /** Matched, ignoring case, within SkuId, ResourceType or ChargeDescription. */
  match: string;
  gpuModel: string;
  gpusPerUnit: number;
}

export interface SpendConfig {
  currency: string;
  rates: GpuRate[];
  /** Other names of a GPU model (DCGM's modelName, cluster specs) → the rate's name. */
  gpuModelAliases: Map<string, string>;
  splitRule: SplitRule;
  /** Namespaces whose cost is shared by all teams, like OpenCost's idle cost. */
  sharedNamespaces: string[];
  budgets: Map<string, number>;
  sources: PullSourceConfig[];
  /** A source whose last good pull is older than this is shown as stale. */
  staleAfterMs: number;
  gpuSkus: GpuSku[];
  maxImportBytes: number;
}

function pricingClass(config: Config, key: string): PricingClass {
  const value = config.getOptionalString(key) ?? 'on-demand';
  if (!(PRICING_CLASSES as readonly string[]).includes(value)) {
    throw new InputError(
      `${key} must be one of ${PRICING_CLASSES.join(', ')}, not ${value}`,
    );
  }
  return value as PricingClass;
}

function readSource(source: Config, index: number): PullSourceConfig {
  const kind = source.getString('kind');
  const backfillDays = source.getOptionalNumber('backfillDays') ?? 30;
  const base = { id: source.getString('id'), backfillDays };
  switch (kind) {
    case 'opencost':
      return {
        ...base,
        kind,
        baseUrl: source.getString('baseUrl').replace(/\/+$/, ''),
        aggregate: source.getOptionalString('aggregate') ?? 'namespace',
        gpuModel: source.getOptionalString('gpuModel') ?? '',
        pricingClass: pricingClass(source, 'pricingClass'),
      };
    case 'prometheus':
      return {
        ...base,
        kind,
        baseUrl: source.getString('baseUrl').replace(/\/+$/, ''),
        stepSeconds: source.getOptionalNumber('stepSeconds') ?? 3600,
        cluster: source.getOptionalString('cluster') ?? '',
      };
    case 'quota':
      return { ...base, kind };
    default:
      throw new InputError(
        `aiPlatform.spend.sources[${index}].kind must be opencost, prometheus or quota, not ${kind}`,
      );
  }
}

/** Reads `aiPlatform.spend`; every key has a default, so the domain runs without config. */
export function readSpendConfig(root: Config): SpendConfig {
  const config = root.getOptionalConfig('aiPlatform.spend');
  const rates: GpuRate[] = [];
  const gpuModelAliases = new Map<string, string>();
  for (const rate of config?.getOptionalConfigArray('rates') ?? []) {
    const gpuModel = rate.getString('gpuModel');
    for (const alias of rate.getOptionalStringArray('aliases') ?? []) {
      gpuModelAliases.set(alias, gpuModel);
    }
    for (const cls of PRICING_CLASSES) {
      const perGpuHour = rate.getOptionalNumber(cls);
      if (perGpuHour !== undefined) {
        rates.push({ gpuModel, pricingClass: cls, perGpuHour });
      }
    }
  }
  const split = config?.getOptionalString('splitRule') ?? 'proportional';
  if (split !== 'proportional' && split !== 'even') {
    throw new InputError(
      `aiPlatform.spend.splitRule must be proportional or even, not ${split}`,
    );
  }
  return {
    currency: config?.getOptionalString('currency') ?? 'USD',
    rates,
    gpuModelAliases,
    splitRule: split,
    sharedNamespaces: config?.getOptionalStringArray('sharedNamespaces') ?? [
      'kube-system',
    ],
    budgets: new Map(
      (config?.getOptionalConfigArray('budgets') ?? []).map(b => [
        b.getString('team'),
        b.getNumber('monthly'),
      ]),
    ),
    sources: (config?.getOptionalConfigArray('sources') ?? []).map(readSource),
    staleAfterMs:
      (config?.getOptionalNumber('staleAfterMinutes') ?? 180) * 60_000,
    gpuSkus: (config?.getOptionalConfigArray('focus.gpuSkus') ?? []).map(s => ({
      match: s.getString('match'),
      gpuModel: s.getString('gpuModel'),
      gpusPerUnit: s.getOptionalNumber('gpusPerUnit') ?? 1,
    })),
    maxImportBytes:
      (config?.getOptionalNumber('focus.maxImportMegabytes') ?? 50) * 1_048_576,
  };
}

/** A GPU model under the name its rate is configured by. */
export function canonicalGpuModel(config: SpendConfig, model: string): string {
  return config.gpuModelAliases.get(model) ?? model;
}
