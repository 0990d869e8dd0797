import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createRequestQuotaAction } from './actions/requestQuota';
import { createValidateEntityAction } from './actions/validateEntity';
import { AiPlatformBackendClient } from './client/AiPlatformBackendClient';

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
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, discovery, auth }) {
        const client = new AiPlatformBackendClient({ discovery, auth });
        scaffolder.addActions(
          createValidateEntityAction(),
          createRequestQuotaAction({ client }),
        );
      },
    });
  },
});
