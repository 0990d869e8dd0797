import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { AiPlatformEntityProcessor } from './AiPlatformEntityProcessor';

/**
 * Catalog module of the AI Platform: validates the suite's entity types.
 *
 * @public
 */
export const catalogModuleAiPlatform = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'ai-platform',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor(new AiPlatformEntityProcessor());
      },
    });
  },
});
