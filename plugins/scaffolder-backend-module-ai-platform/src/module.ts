import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createFeatureViewAction } from './actions/createFeatureView';
import { createModelRegistryEntryAction } from './actions/createModelRegistryEntry';
import { createPipelineAction } from './actions/createPipeline';
import { createWorkspaceAction } from './actions/createWorkspace';
import { withPlainRefusals } from './actions/plainRefusals';
import { createPublishLocalAction } from './actions/publishLocal';
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
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, config, discovery, auth }) {
        const client = new AiPlatformBackendClient({ discovery, auth });
        scaffolder.addActions(
          ...[
            createValidateEntityAction(),
            createRequestQuotaAction({ client }),
            createWorkspaceAction({ client, config }),
            createFeatureViewAction({ client }),
            createModelRegistryEntryAction({ client }),
            createPipelineAction({ client }),
            createPublishLocalAction({ config }),
          ].map(withPlainRefusals),
        );
      },
    });
  },
});
