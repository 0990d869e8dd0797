import { Domain, DomainEnv } from '../shared/domain';
import { DatabaseModelRegistryStore } from './DatabaseModelRegistryStore';
import { MlflowClient, readMlflowOptions } from './MlflowClient';
import { ModelRegistryService } from './ModelRegistryService';
import { createModelRegistryRouter } from './router';

export { ModelRegistryService } from './ModelRegistryService';

/** Models teams register, with their EU AI Act facts, in the portal and in MLflow if configured. */
export function createModelRegistryDomain(
  env: DomainEnv,
): Domain<ModelRegistryService> {
  const mlflow = readMlflowOptions(env.config);
  const service = new ModelRegistryService({
    store: new DatabaseModelRegistryStore(env.db),
    catalog: env.catalog,
    auth: env.auth,
    logger: env.logger,
    mlflow: mlflow && new MlflowClient(mlflow),
  });
  return { service, router: createModelRegistryRouter(env.http, service) };
}
