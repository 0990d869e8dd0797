import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { AiPlatformEntityProcessor } from './AiPlatformEntityProcessor';
import {
  FeastRegistryProvider,
  readFeastRegistryConfigs,
} from './providers/FeastRegistryProvider';
import { LedgerEntityProvider } from './providers/LedgerEntityProvider';
import {
  MlflowRegistryProvider,
  readMlflowRegistryConfigs,
} from './providers/MlflowRegistryProvider';
import { RegistryConfig } from './providers/registryConfig';

/**
 * Catalog module of the AI Platform: validates the suite's entity types, puts the quota
 * ledger's held quotas in the catalog and, for each configured Feast registry
 * (`aiPlatform.feast.registries`), its feature views and, for each configured MLflow model
 * registry (`aiPlatform.mlflow.registries`), its registered models.
 *
 * @public
 */
export const catalogModuleAiPlatform = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'ai-platform',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ catalog, config, discovery, auth, logger, scheduler }) {
        catalog.addProcessor(new AiPlatformEntityProcessor());
        catalog.addEntityProvider(
          new LedgerEntityProvider({
            discovery,
            auth,
            logger,
            taskRunner: scheduler.createScheduledTaskRunner({
              frequency: { minutes: 1 },
              timeout: { minutes: 1 },
              initialDelay: { seconds: 15 },
            }),
          }),
        );
        // Each registry is read on its own schedule.
        const runnerOf = (registry: RegistryConfig) => ({
          logger,
          taskRunner: scheduler.createScheduledTaskRunner(registry.schedule),
        });
        for (const registry of readFeastRegistryConfigs(config)) {
          catalog.addEntityProvider(
            new FeastRegistryProvider(registry, runnerOf(registry)),
          );
        }
        for (const registry of readMlflowRegistryConfigs(config)) {
          catalog.addEntityProvider(
            new MlflowRegistryProvider(registry, runnerOf(registry)),
          );
        }
      },
    });
  },
});
