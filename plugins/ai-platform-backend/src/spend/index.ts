import { QuotaService } from '../quota';
import {
  DEMO_SCHEDULE,
  Domain,
  DomainEnv,
  DomainTask,
  configuredTask,
} from '../shared/domain';
import { TeamDirectory } from './attribution';
import { readSpendConfig } from './config';
import { createConnectors } from './connectors';
import { DatabaseSpendStore } from './DatabaseSpendStore';
import { seedSpendDemo } from './demo';
import { createSpendRouter } from './router';
import { SpendPuller } from './SpendPuller';
import { SpendService } from './SpendService';

export { SpendService } from './SpendService';

/**
 * Compute spend: pull sources on `aiPlatform.spend.schedule`, FOCUS imports, rollups and
 * budgets. `aiPlatform.spend.demoData` loads the demo organisation's bill on a task of its own.
 */
export function createSpendDomain(
  env: DomainEnv,
  deps: { quotas: QuotaService },
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
  const service = new SpendService({ store, config: spendConfig, mapping });
  const puller = new SpendPuller({
    store,
    connectors: createConnectors(spendConfig, mapping, deps.quotas),
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
