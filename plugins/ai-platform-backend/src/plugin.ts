import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { aiPlatformPermissions } from '@ai-platform/plugin-ai-platform-common';
import {
  aiPlatformPoolSourcesExtensionPoint,
  GpuPoolSource,
} from '@ai-platform/plugin-ai-platform-node';
import { connectAndMigrate } from './database/migrate';
import { DatabaseInventoryStore } from './pools/DatabaseInventoryStore';
import { DatabasePoolStore } from './pools/DatabasePoolStore';
import { createPoolsRouter } from './pools/router';
import { syncPools } from './pools/syncPools';
import { DatabaseQuotaStore } from './quota/DatabaseQuotaStore';
import { readQuotaPolicy } from './quota/policy';
import { QuotaService } from './quota/QuotaService';
import { createQuotaRouter } from './quota/router';
import { createRouter } from './router';
import { DatabaseDriftStore } from './drift/DatabaseDriftStore';
import { seedDriftDemo } from './drift/demo';
import { DriftService } from './drift/DriftService';
import { createDriftRouter } from './drift/router';
import { TeamDirectory } from './spend/attribution';
import { readSpendConfig } from './spend/config';
import { createConnectors } from './spend/connectors';
import { DatabaseSpendStore } from './spend/DatabaseSpendStore';
import { seedSpendDemo } from './spend/demo';
import { createSpendRouter } from './spend/router';
import { SpendPuller } from './spend/SpendPuller';
import { SpendService } from './spend/SpendService';
import { DatabaseWorkspaceStore } from './workspace/DatabaseWorkspaceStore';
import { createWorkspaceRouter } from './workspace/router';
import { WorkspaceService } from './workspace/WorkspaceService';

const EVERY_MINUTE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 1 },
  timeout: { minutes: 1 },
  initialDelay: { seconds: 10 },
};

function scheduleFromConfig(config: Config, key: string) {
  const schedule = config.getOptionalConfig(key);
  return schedule
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
    : EVERY_MINUTE;
}

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
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        userInfo: coreServices.userInfo,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const {
          auth,
          config,
          database,
          httpAuth,
          httpRouter,
          logger,
          scheduler,
          catalog,
        } = deps;
        deps.permissionsRegistry.addPermissions(aiPlatformPermissions);

        const db = await connectAndMigrate(database);
        const poolStore = new DatabasePoolStore(db);
        const inventory = new DatabaseInventoryStore(db);
        const quotaStore = new DatabaseQuotaStore(db);
        const quotaService = new QuotaService({
          store: quotaStore,
          poolStore,
          policy: readQuotaPolicy(config),
          logger,
          notifications: deps.notifications,
        });

        const workspaceStore = new DatabaseWorkspaceStore(db);
        const workspaceService = new WorkspaceService({
          store: workspaceStore,
          poolStore,
        });

        const driftStore = new DatabaseDriftStore(db);
        const driftService = new DriftService({
          store: driftStore,
          catalog,
          auth,
          notifications: deps.notifications,
          logger,
          datasetDriftShare: config.getOptionalNumber(
            'aiPlatform.drift.datasetDriftShare',
          ),
        });
        const demoData = config.getOptionalString('aiPlatform.drift.demoData');
        if (demoData) {
          await seedDriftDemo({
            path: demoData,
            store: driftStore,
            service: driftService,
            logger,
          });
        }
        const retentionDays =
          config.getOptionalNumber('aiPlatform.drift.retentionDays') ?? 90;
        await scheduler.scheduleTask({
          id: 'ai-platform-drift-evaluate',
          ...scheduleFromConfig(config, 'aiPlatform.drift.schedule'),
          fn: async () => {
            const { evaluated, failed } = await driftService.evaluatePending();
            const pruned = await driftService.prune(retentionDays);
            if (evaluated + failed + pruned.results > 0) {
              logger.info(
                `Drift: ${evaluated} windows evaluated, ${failed} refused, ${pruned.results} old results pruned`,
              );
            }
          },
        });

        const spendConfig = readSpendConfig(config);
        const spendStore = new DatabaseSpendStore(db);
        const teams = new TeamDirectory({ catalog, auth, logger });
        const mapping = () => teams.get();
        const spendService = new SpendService({
          store: spendStore,
          config: spendConfig,
          mapping,
        });
        if (config.getOptionalBoolean('aiPlatform.spend.demoData')) {
          await scheduler.scheduleTask({
            id: 'ai-platform-spend-demo',
            // Each run adds the hours since the last; the rest is unchanged.
            frequency: { minutes: 10 },
            timeout: { minutes: 5 },
            initialDelay: { seconds: 5 },
            fn: () =>
              seedSpendDemo({
                service: spendService,
                store: spendStore,
                mapping: () => teams.reload(),
                logger,
              }),
          });
        }
        const puller = new SpendPuller({
          store: spendStore,
          connectors: createConnectors(spendConfig, mapping, quotaStore),
          logger,
        });
        await scheduler.scheduleTask({
          id: 'ai-platform-spend-pull',
          ...(config.has('aiPlatform.spend.schedule')
            ? scheduleFromConfig(config, 'aiPlatform.spend.schedule')
            : {
                frequency: { minutes: 10 },
                timeout: { minutes: 10 },
                initialDelay: { seconds: 20 },
              }),
          fn: async () => {
            for (const outcome of await puller.pullAll()) {
              if (outcome.status === 'pulled' && outcome.rows > 0) {
                logger.info(`Spend: ${outcome.rows} rows from ${outcome.id}`);
              }
            }
          },
        });

        await scheduler.scheduleTask({
          id: 'ai-platform-pool-sync',
          ...scheduleFromConfig(config, 'aiPlatform.pools.schedule'),
          fn: () =>
            syncPools({
              catalog,
              auth,
              sources: poolSources,
              inventory,
              store: poolStore,
              logger,
            }),
        });
        await scheduler.scheduleTask({
          id: 'ai-platform-quota-lifecycle',
          ...scheduleFromConfig(config, 'aiPlatform.quota.lifecycleSchedule'),
          fn: async () => {
            const { activated, expired } = await quotaStore.advanceLifecycle(
              new Date(),
            );
            if (activated + expired > 0) {
              logger.info(
                `Quota lifecycle: ${activated} activated, ${expired} expired`,
              );
            }
          },
        });

        httpRouter.use(
          createRouter([
            createPoolsRouter({
              httpAuth,
              permissions: deps.permissions,
              store: poolStore,
              inventory,
            }),
            createQuotaRouter({
              httpAuth,
              permissions: deps.permissions,
              userInfo: deps.userInfo,
              auditor: deps.auditor,
              service: quotaService,
              store: quotaStore,
              poolStore,
            }),
            createDriftRouter({
              httpAuth,
              permissions: deps.permissions,
              service: driftService,
            }),
            createSpendRouter({
              httpAuth,
              permissions: deps.permissions,
              userInfo: deps.userInfo,
              service: spendService,
              maxImportBytes: spendConfig.maxImportBytes,
            }),
            createWorkspaceRouter({
              httpAuth,
              permissions: deps.permissions,
              userInfo: deps.userInfo,
              service: workspaceService,
              store: workspaceStore,
            }),
          ]),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
