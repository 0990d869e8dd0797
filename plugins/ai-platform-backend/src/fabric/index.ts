import { QuotaService } from '../quota';
import {
  DEMO_SCHEDULE,
  Domain,
  DomainEnv,
  DomainTask,
  configuredTask,
} from '../shared/domain';
import { WorkspaceService } from '../workspace';
import { readFabricConfig } from './config';
import { createFabricSources } from './connectors';
import { DatabaseFabricStore } from './DatabaseFabricStore';
import { DeclaredFabricSource } from './DeclaredFabricSource';
import { DemoFabricSource, seedFabricDemo } from './demo';
import { FabricCatalog } from './FabricCatalog';
import { FabricService } from './FabricService';
import { FabricSource } from './FabricSource';
import { FabricTeams } from './FabricTeams';
import { createFabricRouter } from './router';

export { FabricService } from './FabricService';
export type { FabricSource } from './FabricSource';

/**
 * The network fabric: the declared topology, the demo (`aiPlatform.fabric.demoData`) and the
 * configured connectors collected on `aiPlatform.fabric.schedule` into one health graph; the
 * teams behind each node read from workspaces, quotas and the catalog's namespace claims.
 */
export function createFabricDomain(
  env: DomainEnv,
  deps: { workspaces: WorkspaceService; quotas: QuotaService },
): Domain<FabricService> {
  const { config, logger } = env;
  const fabricConfig = readFabricConfig(config);
  const catalog = new FabricCatalog({ catalog: env.catalog, auth: env.auth });
  const demo = fabricConfig.demoData ? new DemoFabricSource() : undefined;
  const sources: FabricSource[] = [
    new DeclaredFabricSource(catalog),
    ...(demo ? [demo] : []),
    ...createFabricSources(config, logger),
  ];
  const service = new FabricService({
    store: new DatabaseFabricStore(env.db),
    sources,
    catalog,
    teams: new FabricTeams(deps),
    notifications: env.notifications,
    logger,
    config: fabricConfig,
  });

  const tasks: DomainTask[] = [
    configuredTask(config, {
      id: 'ai-platform-fabric-collect',
      configKey: 'aiPlatform.fabric.schedule',
      fn: async () => {
        const outcome = await service.collect();
        const pruned = await service.prune();
        if (outcome.failedSources.length || outcome.notified || pruned) {
          logger.info(
            `Fabric: ${outcome.links} links, ${outcome.unhealthy} unhealthy, ${
              outcome.notified
            } notifications, ${pruned} old points pruned${
              outcome.failedSources.length
                ? `; failed: ${outcome.failedSources.join(', ')}`
                : ''
            }`,
          );
        }
      },
    }),
  ];
  if (demo) {
    tasks.push({
      id: 'ai-platform-fabric-demo',
      // Backfills a day of history once; later runs find it there.
      schedule: DEMO_SCHEDULE,
      fn: () => seedFabricDemo({ service, catalog, source: demo, logger }),
    });
  }

  return { service, router: createFabricRouter(env.http, service), tasks };
}
