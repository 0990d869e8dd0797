import { GpuPoolSource } from '@ai-platform/plugin-ai-platform-node';
import { Domain, DomainEnv, configuredTask } from '../shared/domain';
import { DatabaseInventoryStore } from './DatabaseInventoryStore';
import { DatabasePoolStore } from './DatabasePoolStore';
import { PoolsService } from './PoolsService';
import { createPoolsRouter } from './router';

export { PoolsService } from './PoolsService';

/** GPU pools and imported inventory; pools re-read on `aiPlatform.pools.schedule`. */
export function createPoolsDomain(
  env: DomainEnv,
  options: { sources: GpuPoolSource[] },
): Domain<PoolsService> {
  const service = new PoolsService({
    store: new DatabasePoolStore(env.db),
    inventory: new DatabaseInventoryStore(env.db),
    catalog: env.catalog,
    auth: env.auth,
    sources: options.sources,
    logger: env.logger,
  });
  return {
    service,
    router: createPoolsRouter(env.http, service),
    // nvidia-smi -q -x of a large node runs to megabytes.
    jsonLimits: { '/inventory': '6mb' },
    tasks: [
      configuredTask(env.config, {
        id: 'ai-platform-pool-sync',
        configKey: 'aiPlatform.pools.schedule',
        fn: () => service.sync(),
      }),
    ],
  };
}
