import { http, HttpResponse } from 'msw';

export const MLFLOW_URL = 'http://mlflow.test:5000';

const api = `${MLFLOW_URL}/api/2.0/mlflow`;

interface Tag {
  key: string;
  value: string;
}

/** A request the fake received: the endpoint, its method, JSON body or query, and token. */
export interface MlflowCall {
  method: string;
  endpoint: string;
  message: Record<string, unknown>;
  authorization: string | null;
}

/** MLflow's error body (`{ error_code, message }`) with the status MLflow gives the code. */
export function mlflowError(errorCode: string, message: string) {
  const status =
    { RESOURCE_ALREADY_EXISTS: 400, RESOURCE_DOES_NOT_EXIST: 404 }[errorCode] ??
    (errorCode === 'INTERNAL_ERROR' ? 500 : 400);
  return HttpResponse.json({ error_code: errorCode, message }, { status });
}

/**
 * An MLflow Model Registry behind msw, as model_registry.proto describes its messages: the
 * four endpoints the portal calls, registered models and versions in memory, every call kept.
 */
export function fakeMlflow() {
  const models = new Map<
    string,
    {
      name: string;
      description?: string;
      tags: Tag[];
      creation_timestamp: number;
      last_updated_timestamp: number;
      versions: Array<Record<string, unknown>>;
    }
  >();
  const calls: MlflowCall[] = [];
  const add = (name: string, tags: Tag[] = [], description?: string) => {
    const now = Date.now();
    models.set(name, {
      name,
      description,
      tags,
      creation_timestamp: now,
      last_updated_timestamp: now,
      versions: [],
    });
  };

  const record = async (request: Request, endpoint: string) => {
    const message =
      request.method === 'GET'
        ? Object.fromEntries(new URL(request.url).searchParams)
        : ((await request.clone().json()) as Record<string, unknown>);
    calls.push({
      method: request.method,
      endpoint,
      message,
      authorization: request.headers.get('authorization'),
    });
    return message;
  };
  const notFound = (name: unknown) =>
    mlflowError(
      'RESOURCE_DOES_NOT_EXIST',
      `Registered Model with name=${name} not found`,
    );
  const registeredModel = (name: string) => {
    const { versions, ...model } = models.get(name)!;
    return {
      ...model,
      latest_versions: versions.slice(-1),
    };
  };

  const handlers = [
    http.post(`${api}/registered-models/create`, async ({ request }) => {
      const { name, description, tags } = (await record(
        request,
        'registered-models/create',
      )) as { name: string; description?: string; tags?: Tag[] };
      if (models.has(name)) {
        return mlflowError(
          'RESOURCE_ALREADY_EXISTS',
          `Registered Model (name=${name}) already exists.`,
        );
      }
      add(name, tags, description);
      return HttpResponse.json({ registered_model: registeredModel(name) });
    }),
    http.post(`${api}/model-versions/create`, async ({ request }) => {
      const { name, source, tags } = (await record(
        request,
        'model-versions/create',
      )) as { name: string; source: string; tags?: Tag[] };
      const model = models.get(name);
      if (!model) return notFound(name);
      const version = {
        name,
        version: String(model.versions.length + 1),
        creation_timestamp: Date.now(),
        last_updated_timestamp: Date.now(),
        current_stage: 'None',
        source,
        status: 'READY',
        tags: tags ?? [],
      };
      model.versions.push(version);
      return HttpResponse.json({ model_version: version });
    }),
    http.get(`${api}/registered-models/get`, async ({ request }) => {
      const { name } = await record(request, 'registered-models/get');
      return models.has(String(name))
        ? HttpResponse.json({ registered_model: registeredModel(String(name)) })
        : notFound(name);
    }),
    http.delete(`${api}/registered-models/delete`, async ({ request }) => {
      const { name } = await record(request, 'registered-models/delete');
      if (!models.delete(String(name))) return notFound(name);
      return HttpResponse.json({});
    }),
  ];

  return {
    handlers,
    models,
    calls,
    /** A model MLflow has, as if registered by someone else or by a request that got no answer. */
    add,
    /** The endpoints called, in order. */
    endpoints: () => calls.map(c => c.endpoint),
  };
}
