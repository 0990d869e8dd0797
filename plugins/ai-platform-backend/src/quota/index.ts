import { PoolsService } from '../pools';
import { Domain, DomainEnv, configuredTask } from '../shared/domain';
import { DatabaseQuotaStore } from './DatabaseQuotaStore';
import { readQuotaPolicy } from './policy';
import { QuotaService } from './QuotaService';
import { createQuotaRouter } from './router';

export { QuotaService } from './QuotaService';
export type { QuotaFilter } from './QuotaStore';

/** The GPU quota ledger: requests, approvals and the lifecycle of held quota. */
export function createQuotaDomain(
  env: DomainEnv,
  deps: { pools: PoolsService },
): Domain<QuotaService> {
  const service = new QuotaService({
    store: new DatabaseQuotaStore(env.db),
    pools: deps.pools,
    policy: readQuotaPolicy(env.config),
    logger: env.logger,
    notifications: env.notifications,
  });
  return {
    service,
    router: createQuotaRouter(env.http, service),
    tasks: [
      configuredTask(env.config, {
        id: 'ai-platform-quota-lifecycle',
        configKey: 'aiPlatform.quota.lifecycleSchedule',
        fn: async () => {
          const { activated, expired } = await service.advanceLifecycle();
          if (activated + expired > 0) {
            env.logger.info(
              `Quota lifecycle: ${activated} activated, ${expired} expired`,
            );
          }
        },
      }),
    ],
  };
}
