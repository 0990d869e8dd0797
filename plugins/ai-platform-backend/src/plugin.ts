import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  aiPlatformPoolSourcesExtensionPoint,
  GpuPoolSource,
} from '@ai-platform/plugin-ai-platform-node';
import { connectAndMigrate } from './database/migrate';
import { DatabasePoolStore } from './pools/DatabasePoolStore';
import { syncPools } from './pools/syncPools';
import { createRouter } from './router';

/**
 * The AI Platform backend plugin.
 *
 * @public
 */
export const aiPlatformPlugin = createBackendPlugin({
  pluginId: 'ai-platform',
  register(env) {
    const poolSources: GpuPoolSource[] = [];
    env.registerExtensionPoint(aiPlatformPoolSourcesExtensionPoint, {
      addPoolSource(...sources) {
        poolSources.push(...sources);
      },
    });

    env.registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
      },
      async init({
        auth,
        config,
        database,
        httpAuth,
        httpRouter,
        logger,
        scheduler,
        catalog,
      }) {
        const db = await connectAndMigrate(database);
        const poolStore = new DatabasePoolStore(db);

        const scheduleConfig = config.getOptionalConfig(
          'aiPlatform.pools.schedule',
        );
        await scheduler.scheduleTask({
          id: 'ai-platform-pool-sync',
          ...(scheduleConfig
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                scheduleConfig,
              )
            : {
                frequency: { minutes: 1 },
                timeout: { minutes: 1 },
                initialDelay: { seconds: 10 },
              }),
          fn: () =>
            syncPools({
              catalog,
              auth,
              sources: poolSources,
              store: poolStore,
              logger,
            }),
        });

        httpRouter.use(await createRouter({ httpAuth, poolStore }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
