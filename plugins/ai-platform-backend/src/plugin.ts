import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { aiPlatformPermissions } from '@ai-platform/plugin-ai-platform-common';
import {
  aiPlatformPoolSourcesExtensionPoint,
  GpuPoolSource,
} from '@ai-platform/plugin-ai-platform-node';
import { registerActions } from './actions';
import { connectAndMigrate } from './database/migrate';
import { createDomains } from './domains';
import {
  aiPlatformTeamResourceRef,
  aiPlatformTeamRules,
  getTeamResources,
} from './permissions';
import { mountDomains } from './shared/apiRouter';
import { DomainEnv } from './shared/domain';
import { createRequestContext } from './shared/RequestContext';

/**
 * The AI Platform backend plugin: wires Backstage's services into the domains (each one folder,
 * see docs/architecture.md), mounts their routes, registers their main reads and writes as
 * actions (which MCP clients call) and schedules their tasks.
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
        actionsRegistry: actionsRegistryServiceRef,
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
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        deps.permissionsRegistry.addPermissions(aiPlatformPermissions);
        // Team-scoped permissions resolve conditional decisions (IS_TEAM_MEMBER) here.
        deps.permissionsRegistry.addResourceType({
          resourceRef: aiPlatformTeamResourceRef,
          rules: Object.values(aiPlatformTeamRules),
          getResources: getTeamResources,
        });
        const domainEnv: DomainEnv = {
          ...deps,
          db: await connectAndMigrate(deps.database),
          http: createRequestContext(deps),
        };

        const domains = createDomains(domainEnv, { poolSources });
        registerActions(deps.actionsRegistry, {
          http: domainEnv.http,
          auditor: deps.auditor,
          services: domains.map(d => d.service),
        });
        await mountDomains(domains, deps);
      },
    });
  },
});
