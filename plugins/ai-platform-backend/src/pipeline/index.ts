import { Domain, DomainEnv } from '../shared/domain';
import { AirflowClient, readAirflowOptions } from './AirflowClient';
import { DatabasePipelineStore } from './DatabasePipelineStore';
import { PipelineService } from './PipelineService';
import { createPipelineRouter } from './router';

export { PipelineService } from './PipelineService';

/**
 * Data and ML pipelines teams define over the catalog's datasets and feature views (Airflow DAGs
 * or Argo CronWorkflows), and their runs as Airflow reports them when `aiPlatform.airflow` is set.
 *
 * Routes: `GET /pipelines` (users and services, for the catalog's ledger provider),
 * `POST /pipelines` (a team's create: `?dryRun=true`, `Idempotency-Key`),
 * `GET /pipelines/:dagId/runs?limit&offset` (users and services).
 */
export function createPipelineDomain(env: DomainEnv): Domain<PipelineService> {
  const airflow = readAirflowOptions(env.config);
  const service = new PipelineService({
    store: new DatabasePipelineStore(env.db),
    catalog: env.catalog,
    auth: env.auth,
    logger: env.logger,
    airflow: airflow && new AirflowClient(airflow),
  });
  return { service, router: createPipelineRouter(env.http, service) };
}
