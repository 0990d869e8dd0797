import { Domain, DomainEnv } from '../shared/domain';
import { DatabaseFeatureViewStore } from './DatabaseFeatureViewStore';
import { FeatureViewService } from './FeatureViewService';
import { createFeatureViewRouter } from './router';

export { FeatureViewService } from './FeatureViewService';

/** Feast feature views that teams define over the catalog's datasets. */
export function createFeatureViewDomain(
  env: DomainEnv,
): Domain<FeatureViewService> {
  const service = new FeatureViewService({
    store: new DatabaseFeatureViewStore(env.db),
    catalog: env.catalog,
    auth: env.auth,
  });
  return { service, router: createFeatureViewRouter(env.http, service) };
}
