import {
  DEMO_SCHEDULE,
  Domain,
  DomainEnv,
  configuredTask,
} from '../shared/domain';
import { DatabaseDriftStore } from './DatabaseDriftStore';
import { seedDriftDemo } from './demo';
import { DriftService } from './DriftService';
import { createDriftRouter } from './router';

export { DriftService } from './DriftService';

/**
 * Model drift: windows in, evaluated on `aiPlatform.drift.schedule`, results kept
 * `aiPlatform.drift.retentionDays`. `aiPlatform.drift.demoData` names a demo file to seed.
 */
export function createDriftDomain(env: DomainEnv): Domain<DriftService> {
  const { config, logger } = env;
  const store = new DatabaseDriftStore(env.db);
  const service = new DriftService({
    store,
    catalog: env.catalog,
    auth: env.auth,
    notifications: env.notifications,
    logger,
    datasetDriftShare: config.getOptionalNumber(
      'aiPlatform.drift.datasetDriftShare',
    ),
  });
  const retentionDays =
    config.getOptionalNumber('aiPlatform.drift.retentionDays') ?? 90;

  const evaluate = async () => {
    const { evaluated, failed } = await service.evaluatePending();
    const pruned = await service.prune(retentionDays);
    if (evaluated + failed + pruned.results > 0) {
      logger.info(
        `Drift: ${evaluated} windows evaluated, ${failed} refused, ${pruned.results} old results pruned`,
      );
    }
  };
  const demoData = config.getOptionalString('aiPlatform.drift.demoData');

  return {
    service,
    router: createDriftRouter(env.http, service),
    // Windows carry up to 100 000 values.
    jsonLimits: { '/drift': '8mb' },
    tasks: [
      configuredTask(config, {
        id: 'ai-platform-drift-evaluate',
        configKey: 'aiPlatform.drift.schedule',
        fn: evaluate,
      }),
      ...(demoData
        ? [
            {
              id: 'ai-platform-drift-demo',
              // Seeds models that have no windows yet; the evaluate task judges them.
              schedule: DEMO_SCHEDULE,
              fn: () =>
                seedDriftDemo({ path: demoData, store, service, logger }),
            },
          ]
        : []),
    ],
  };
}
