import { Domain, DomainEnv } from '../shared/domain';
import { AirflowClient, readAirflowOptions } from './AirflowClient';
import { DatabasePipelineStore } from './DatabasePipelineStore';
import { PipelineService } from './PipelineService';
import { createPipelineRouter } from './router';

export { PipelineService } from './PipelineService';

/**
 * Data and ML pipelines teams define over the catalog's datasets and feature views, to run as
 * Airflow DAGs or Argo CronWorkflows, and their runs as Airflow reports them.
 *
 * Routes:
 * - `GET /pipelines` — every pipeline, `{ items }` (users and services, for the catalog's
 *   ledger provider).
 * - `POST /pipelines` — a team's create (`?dryRun=true`, `Idempotency-Key`): inputs must be
 *   catalog datasets or feature views, outputs datasets, feature views or models; quality rules
 *   must name columns their datasets declare; the name must be free as a pipeline and as
 *   `component:default/<name>`.
 * - `GET /pipelines/:dagId/runs?limit&offset` — a page of the DAG's runs (users and services),
 *   with a status: `ok`, `stale` (Airflow failed; the page last read), `unreachable`,
 *   `not-found` or `not-configured`.
 *
 * Config `aiPlatform.airflow`: `baseUrl` (without it runs are `not-configured`), `username` and
 * `password` or `token`, `timeoutMs` (5000), `webUrl` (baseUrl).
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
