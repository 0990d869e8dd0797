import { Config } from '@backstage/config';
import { describeFetchFailure } from '@ai-platform/plugin-ai-platform-common';

/** Where MLflow is, as `aiPlatform.mlflow` configures it. */
export interface MlflowOptions {
  /** The tracking server's root, e.g. http://mlflow:5000. */
  baseUrl: string;
  /** Sent as a Bearer token. */
  token?: string;
  /** Where people open MLflow's UI; the base URL by default. */
  uiUrl?: string;
  timeoutMs: number;
}

/** `aiPlatform.mlflow`, or undefined when the portal registers models without MLflow. */
export function readMlflowOptions(config: Config): MlflowOptions | undefined {
  const mlflow = config.getOptionalConfig('aiPlatform.mlflow');
  if (!mlflow) return undefined;
  return {
    baseUrl: mlflow.getString('baseUrl'),
    token: mlflow.getOptionalString('token'),
    uiUrl: mlflow.getOptionalString('uiUrl'),
    timeoutMs: (mlflow.getOptionalNumber('timeoutSeconds') ?? 30) * 1000,
  };
}

/** A key and value on a registered model or a model version. */
export interface MlflowTag {
  key: string;
  value: string;
}

/** The fields of MLflow's `RegisteredModel` the portal reads (model_registry.proto). */
export interface MlflowRegisteredModel {
  name: string;
  description?: string;
  tags?: MlflowTag[];
}

/** The fields of MLflow's `ModelVersion` the portal reads (model_registry.proto). */
export interface MlflowModelVersion {
  name: string;
  version: string;
  source?: string;
  status?: string;
}

/**
 * A request MLflow refused or that did not get through. Its message names the endpoint and
 * MLflow's `error_code` and `message`, never the token.
 */
export class MlflowError extends Error {
  name = 'MlflowError';

  constructor(
    message: string,
    readonly details: {
      /** MLflow's `error_code`: RESOURCE_ALREADY_EXISTS, RESOURCE_DOES_NOT_EXIST, … */
      errorCode?: string;
      status?: number;
      /** No answer, or a server error: MLflow may have done what was asked. */
      outcomeUnknown: boolean;
    },
  ) {
    super(message);
  }
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * MLflow's Model Registry REST API (2.x, `/api/2.0/mlflow/...`, JSON in and out), for the calls
 * the portal makes when it registers a model. Each request gives up after `timeoutMs`.
 */
export class MlflowClient {
  private readonly root: string;

  constructor(
    private readonly options: MlflowOptions,
    private readonly fetchFn: typeof fetch = fetch,
  ) {
    this.root = `${options.baseUrl
      .replace(/\/+$/, '')
      .replace(/\/api\/2\.0$/, '')}/api/2.0/mlflow`;
  }

  /** `POST registered-models/create`; RESOURCE_ALREADY_EXISTS if the name is taken. */
  async createRegisteredModel(request: {
    name: string;
    description?: string;
    tags?: MlflowTag[];
  }): Promise<MlflowRegisteredModel> {
    const body = await this.call('POST', 'registered-models/create', request);
    return this.field<MlflowRegisteredModel>(
      body,
      'registered_model',
      'registered-models/create',
    );
  }

  /** `POST model-versions/create`: a new version of `name` from the artifacts at `source`. */
  async createModelVersion(request: {
    name: string;
    source: string;
    description?: string;
    tags?: MlflowTag[];
  }): Promise<MlflowModelVersion> {
    const body = await this.call('POST', 'model-versions/create', request);
    return this.field<MlflowModelVersion>(
      body,
      'model_version',
      'model-versions/create',
    );
  }

  /** `GET registered-models/get`; undefined when MLflow has no model of that name. */
  async getRegisteredModel(
    name: string,
  ): Promise<MlflowRegisteredModel | undefined> {
    try {
      const body = await this.call('GET', 'registered-models/get', { name });
      return this.field<MlflowRegisteredModel>(
        body,
        'registered_model',
        'registered-models/get',
      );
    } catch (error) {
      if (
        error instanceof MlflowError &&
        error.details.errorCode === 'RESOURCE_DOES_NOT_EXIST'
      ) {
        return undefined;
      }
      throw error;
    }
  }

  /** `DELETE registered-models/delete`: the model and all its versions. */
  async deleteRegisteredModel(name: string): Promise<void> {
    await this.call('DELETE', 'registered-models/delete', { name });
  }

  /** The model's page in MLflow's UI. */
  modelUrl(name: string): string {
    const ui = (this.options.uiUrl ?? this.options.baseUrl).replace(/\/+$/, '');
    return `${ui}/#/models/${encodeURIComponent(name)}`;
  }

  private field<T>(body: Json, key: string, endpoint: string): T {
    const value = body[key];
    if (!isRecord(value)) {
      throw new MlflowError(`MLflow ${endpoint} answered without ${key}`, {
        outcomeUnknown: true,
      });
    }
    return value as T;
  }

  /** One request: GET with a query string, the others with a JSON body (as MLflow's client sends). */
  private async call(
    method: 'GET' | 'POST' | 'DELETE',
    endpoint: string,
    message: Record<string, unknown>,
  ): Promise<Json> {
    const { timeoutMs, token } = this.options;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    let url = `${this.root}/${endpoint}`;
    let body: string | undefined;
    if (method === 'GET') {
      url += `?${new URLSearchParams(message as Record<string, string>)}`;
    } else {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(message);
    }

    let status: number;
    let statusText: string;
    let text: string;
    try {
      const response = await this.fetchFn(url, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      statusText = response.statusText;
      text = await response.text();
    } catch (error) {
      throw new MlflowError(
        `MLflow ${endpoint} failed: ${describeFetchFailure(error, timeoutMs)}`,
        { outcomeUnknown: true },
      );
    }

    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      parsed = undefined;
    }
    if (status < 200 || status >= 300) {
      // MLflow's errors: { error_code, message }.
      const errorCode =
        isRecord(parsed) && typeof parsed.error_code === 'string'
          ? parsed.error_code
          : undefined;
      const detail = (
        isRecord(parsed) && typeof parsed.message === 'string'
          ? parsed.message
          : text
      )
        .trim()
        .slice(0, 500);
      throw new MlflowError(
        `MLflow ${endpoint} answered ${status} ${errorCode ?? statusText}${
          detail ? `: ${detail}` : ''
        }`,
        { errorCode, status, outcomeUnknown: status >= 500 },
      );
    }
    if (!isRecord(parsed)) {
      throw new MlflowError(
        `MLflow ${endpoint} answered ${status} without a JSON object`,
        { status, outcomeUnknown: true },
      );
    }
    return parsed;
  }
}
