import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { AiPlatformPermissionPolicy } from './AiPlatformPermissionPolicy';

/**
 * The suite's permission policy as a module of the permission backend, for an app with no
 * policy of its own: approvers from `aiPlatform.quota.approvers`, finance from
 * `aiPlatform.spend.financeGroups`. An app with RBAC uses the rules instead (see the README).
 *
 * @public
 */
export const aiPlatformPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'ai-platform-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(
          new AiPlatformPermissionPolicy(
            config.getOptionalStringArray('aiPlatform.quota.approvers') ?? [],
            config.getOptionalStringArray('aiPlatform.spend.financeGroups') ??
              [],
          ),
        );
      },
    });
  },
});
