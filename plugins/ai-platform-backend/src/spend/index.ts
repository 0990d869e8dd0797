import { PoolsService } from '../pools';
import { QuotaService } from '../quota';
import {
  DEMO_SCHEDULE,
  Domain,
  DomainEnv,
  DomainTask,
  configuredTask,
} from '../shared/domain';
import { TeamDirectory } from './attribution';
import { canonicalGpuModel, readSpendConfig } from './config';
import { createConnectors } from './connectors';
import { DatabaseSpendStore } from './DatabaseSpendStore';
import { seedSpendDemo } from './demo';
import { CatalogEnergyContributors } from './energyContributors';
import { readEnergyConfig } from './energyConfig';
import { EnergyModel } from './EnergyModel';
import { createSpendRouter } from './router';
import { SpendPuller } from './SpendPuller';
import { SpendService } from './SpendService';

export { SpendService } from './SpendService';

/**
 * Compute spend and the energy behind it: pull sources on `aiPlatform.spend.schedule`, FOCUS
 * imports, rollups and budgets; energy, carbon and water per `aiPlatform.spend.energy`.
 * `aiPlatform.spend.demoData` loads the demo organisation's bill on a task of its own.
 */
export function createSpendDomain(
  env: DomainEnv,
  deps: { quotas: QuotaService; pools: PoolsService },
): Domain<SpendService> {
  const { config, logger } = env;
  const spendConfig = readSpendConfig(config);
  const store = new DatabaseSpendStore(env.db);
  const teams = new TeamDirectory({
    catalog: env.catalog,
    auth: env.auth,
    logger,
  });
  const mapping = () => teams.get();
  const energy = new EnergyModel({
    config: readEnergyConfig(config, m => canonicalGpuModel(spendConfig, m)),
    powerLimits: async () => {
      // The highest limit imported per model: a GPU capped lower draws less, never more.
      const limits = new Map<string, number>();
      for (const device of await deps.pools.listDevices()) {
        const model = canonicalGpuModel(spendConfig, device.gpuModel);
        if (device.powerLimitW !== undefined) {
          limits.set(
            model,
            Math.max(limits.get(model) ?? 0, device.powerLimitW),
          );
        }
      }
      return limits;
    },
  });
  const service = new SpendService({
    store,
    config: spendConfig,
    mapping,
    contributors: new CatalogEnergyContributors({
      catalog: env.catalog,
      mapping,
    }),
  });
  const puller = new SpendPuller({
    store,
    connectors: createConnectors(spendConfig, mapping, deps.quotas),
    energy,
    logger,
  });

  const tasks: DomainTask[] = [
    configuredTask(config, {
      id: 'ai-platform-spend-pull',
      configKey: 'aiPlatform.spend.schedule',
      fallback: {
        frequency: { minutes: 10 },
        timeout: { minutes: 10 },
        initialDelay: { seconds: 20 },
      },
      fn: async () => {
        for (const outcome of await puller.pullAll()) {
          if (outcome.status === 'pulled' && outcome.rows > 0) {
            logger.info(`Spend: ${outcome.rows} rows from ${outcome.id}`);
          }
        }
      },
    }),
  ];
  if (config.getOptionalBoolean('aiPlatform.spend.demoData')) {
    tasks.push({
      id: 'ai-platform-spend-demo',
      // Each run adds the hours since the last; the rest is unchanged.
      schedule: DEMO_SCHEDULE,
      fn: () =>
        seedSpendDemo({
          service,
          store,
          energy,
          mapping: () => teams.reload(),
          logger,
        }),
    });
  }

  return {
    service,
    router: createSpendRouter(env.http, service, {
      maxImportBytes: spendConfig.maxImportBytes,
    }),
    tasks,
  };
}
