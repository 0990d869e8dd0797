import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { AiPlatformEntityProcessor } from './AiPlatformEntityProcessor';
import { LedgerEntityProvider } from './providers/LedgerEntityProvider';

/**
 * Catalog module of the AI Platform: validates the suite's entity types and puts the quota
 * ledger's held quotas in the catalog.
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
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ catalog, discovery, auth, logger, scheduler }) {
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
      },
    });
  },
});
