import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { aiPlatformPermissions } from '@ai-platform/plugin-ai-platform-common';
import {
  aiPlatformPoolSourcesExtensionPoint,
  GpuPoolSource,
} from '@ai-platform/plugin-ai-platform-node';
import { createComplianceDomain } from './compliance';
import { connectAndMigrate } from './database/migrate';
import { createDriftDomain } from './drift';
import { createFabricDomain } from './fabric';
import { createFeatureViewDomain } from './featureView';
import { createModelRegistryDomain } from './modelRegistry';
import { createPipelineDomain } from './pipeline';
import { createPoolsDomain } from './pools';
import { createQuotaDomain } from './quota';
import { mountDomains } from './shared/apiRouter';
import { Domain, DomainEnv } from './shared/domain';
import { createRequestContext } from './shared/RequestContext';
import { createSpendDomain } from './spend';
import { createWorkspaceDomain } from './workspace';

/** Every domain of the plugin, in dependency order: each reads earlier ones through their services. */
export function createDomains(
  env: DomainEnv,
  options: { poolSources: GpuPoolSource[] },
): Domain<unknown>[] {
  const pools = createPoolsDomain(env, { sources: options.poolSources });
  const quota = createQuotaDomain(env, { pools: pools.service });
  const workspace = createWorkspaceDomain(env, {
    pools: pools.service,
    quotas: quota.service,
  });
  const spend = createSpendDomain(env, { quotas: quota.service });
  const drift = createDriftDomain(env);
  const featureView = createFeatureViewDomain(env);
  const modelRegistry = createModelRegistryDomain(env);
  const pipeline = createPipelineDomain(env);
  const fabric = createFabricDomain(env, {
    workspaces: workspace.service,
    quotas: quota.service,
  });
  const compliance = createComplianceDomain(env, {
    drift: drift.service,
    modelRegistry: modelRegistry.service,
    quotas: quota.service,
  });
  return [
    pools,
    quota,
    workspace,
    spend,
    drift,
    featureView,
    modelRegistry,
    pipeline,
    fabric,
    compliance,
  ];
}

/**
 * The AI Platform backend plugin: wires Backstage's services into the domains (each one folder,
 * see docs/architecture.md), mounts their routes and schedules their tasks.
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
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        deps.permissionsRegistry.addPermissions(aiPlatformPermissions);
        const domainEnv: DomainEnv = {
          ...deps,
          db: await connectAndMigrate(deps.database),
          http: createRequestContext(deps),
        };

        await mountDomains(createDomains(domainEnv, { poolSources }), deps);
      },
    });
  },
});
