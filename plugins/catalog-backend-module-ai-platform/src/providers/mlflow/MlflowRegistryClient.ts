/**
 * A reader of MLflow's model registry REST API (MLflow 2.x, `mlflow/protos/model_registry.proto`):
 * `SearchRegisteredModels`, `GET /api/2.0/mlflow/registered-models/search`. MLflow answers in
 * JSON with the proto's snake_case field names, leaves out empty repeated fields and answers
 * errors as `{ error_code, message }`.
 */
import {
  getJson,
  isRecord,
  Json,
  readPages,
  RegistryReadError,
} from '../registryHttp';

/** MLflow's REST prefix and the rpc's path (`/mlflow/registered-models/search`, since 2.0). */
export const SEARCH_REGISTERED_MODELS =
  '/api/2.0/mlflow/registered-models/search';

/** Models per page: the proto's default `max_results` (its maximum is 1000). */
export const MLFLOW_PAGE_SIZE = 100;

export interface MlflowRegistryClientOptions {
  baseUrl: string;
  token?: string;
  timeoutMs: number;
  maxPages: number;
  /** A search filter (`name LIKE 'fraud-%'`, `tags.team = 'recsys'`), passed as MLflow takes it. */
  filter?: string;
}

/** MLflow's errors: `{ error_code, message }`. */
function mlflowErrorDetail(body: Json): string | undefined {
  const parts = [body.error_code, body.message].filter(
    (v): v is string => typeof v === 'string' && v !== '',
  );
  return parts.length ? parts.join(': ') : undefined;
}

export class MlflowRegistryClient {
  private readonly root: string;

  constructor(private readonly options: MlflowRegistryClientOptions) {
    // Taken with or without MLflow's `/api/2.0` prefix; a path before it (a proxy's) is kept.
    this.root = options.baseUrl.replace(/\/+$/, '').replace(/\/api\/2\.0$/, '');
  }

  /**
   * Every registered model (`RegisteredModel` in proto JSON), `max_results=100` a page, ordered
   * by name, following `next_page_token` until a page has none; at most `maxPages` pages, and a
   * page token given twice fails the read (see `readPages`).
   */
  async searchRegisteredModels(): Promise<Json[]> {
    const path = SEARCH_REGISTERED_MODELS;
    return readPages(`GET ${path}`, {
      maxPages: this.options.maxPages,
      pageSize: MLFLOW_PAGE_SIZE,
      first: '',
      read: async (pageToken: string, page: number) => {
        const query = new URLSearchParams({
          max_results: String(MLFLOW_PAGE_SIZE),
          order_by: 'name ASC',
        });
        if (this.options.filter) {
          query.set('filter', this.options.filter);
        }
        if (pageToken) {
          query.set('page_token', pageToken);
        }
        const body = await getJson(
          `${this.root}${path}?${query}`,
          `GET ${path} (page ${page})`,
          this.options,
          mlflowErrorDetail,
        );
        // An empty page (or registry) leaves the repeated field out: `{}`.
        const models = body.registered_models ?? [];
        if (!Array.isArray(models)) {
          throw new RegistryReadError(
            `GET ${path} (page ${page}) answered registered_models that is not a list`,
          );
        }
        const next = body.next_page_token;
        return {
          items: models.filter(isRecord),
          next: typeof next === 'string' && next !== '' ? next : undefined,
        };
      },
    });
  }
}
