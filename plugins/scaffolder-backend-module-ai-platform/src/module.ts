import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createValidateEntityAction } from './actions/validateEntity';

/**
 * Scaffolder actions of the AI Platform.
 *
 * @public
 */
export const scaffolderModuleAiPlatform = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'ai-platform',
  register(reg) {
    reg.registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint },
      async init({ scaffolder }) {
        scaffolder.addActions(createValidateEntityAction());
      },
    });
  },
});
