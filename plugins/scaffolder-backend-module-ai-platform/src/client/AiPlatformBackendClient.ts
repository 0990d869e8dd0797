import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  FeatureViewInput,
  FeatureViewResult,
  ModelRegistryEntryInput,
  ModelRegistryEntryResult,
  PipelineInput,
  PipelineResult,
  QuotaRequestInput,
  QuotaRequestResult,
  WorkspaceInput,
  WorkspaceResult,
} from '@ai-platform/plugin-ai-platform-common';

export interface CallOptions {
  credentials: BackstageCredentials;
  idempotencyKey: string;
  dryRun: boolean;
}

/**
 * Calls the AI Platform backend for scaffolder actions, and reads the catalog for them, on behalf
 * of the user who runs the template, so the backend's permissions and team checks and the
 * catalog's read rules apply to that user.
 */
export class AiPlatformBackendClient {
  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
    },
  ) {}

  requestQuota(
    input: QuotaRequestInput,
    options: CallOptions,
  ): Promise<QuotaRequestResult> {
    return this.post('/quotas', input, options);
  }

  createWorkspace(
    input: WorkspaceInput,
    options: CallOptions,
  ): Promise<WorkspaceResult> {
    return this.post('/workspaces', input, options);
  }

  createFeatureView(
    input: FeatureViewInput,
    options: CallOptions,
  ): Promise<FeatureViewResult> {
    return this.post('/feature-views', input, options);
  }

  createPipeline(
    input: PipelineInput,
    options: CallOptions,
  ): Promise<PipelineResult> {
    return this.post('/pipelines', input, options);
  }

  createModelRegistryEntry(
    input: ModelRegistryEntryInput,
    options: CallOptions,
  ): Promise<ModelRegistryEntryResult> {
    return this.post('/model-registry/entries', input, options);
  }

  /** The registered model's card: Markdown with Hugging Face front matter. */
  async getModelCard(
    name: string,
    credentials: BackstageCredentials,
  ): Promise<string> {
    const response = await this.fetch(
      'ai-platform',
      `/model-registry/entries/${encodeURIComponent(name)}/model-card`,
      credentials,
    );
    await throwUnlessOk(response);
    return response.text();
  }

  /** The catalog's entity of `entityRef`, as the user may read it; undefined when there is none. */
  async getCatalogEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity | undefined> {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    const response = await this.fetch(
      'catalog',
      `/entities/by-name/${[kind, namespace, name]
        .map(encodeURIComponent)
        .join('/')}`,
      credentials,
    );
    if (response.status === 404) {
      return undefined;
    }
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as Entity;
  }

  private async post<T>(
    path: string,
    body: unknown,
    options: CallOptions,
  ): Promise<T> {
    const response = await this.fetch(
      'ai-platform',
      `${path}${options.dryRun ? '?dryRun=true' : ''}`,
      options.credentials,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': options.idempotencyKey,
        },
        body: JSON.stringify(body),
      },
    );
    await throwUnlessOk(response);
    return (await response.json()) as T;
  }

  /** A request to a plugin's backend with a token on behalf of the user. */
  private async fetch(
    pluginId: string,
    path: string,
    credentials: BackstageCredentials,
    init: {
      method?: string;
      headers?: Record<string, string>;
      body?: string;
    } = {},
  ): Promise<Response> {
    const baseUrl = await this.options.discovery.getBaseUrl(pluginId);
    const { token } = await this.options.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: pluginId,
    });
    return fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { ...init.headers, authorization: `Bearer ${token}` },
    });
  }
}

/**
 * Throws for a backend's error answer: its own message, which names the field, as the step's
 * error, of the kind the status says (a ResponseError for the others).
 */
async function throwUnlessOk(response: Response): Promise<void> {
  if (response.ok) return;
  const error = await ResponseError.fromResponse(response);
  const message = error.body?.error?.message ?? error.message;
  if (response.status === 400) throw new InputError(message);
  if (response.status === 403) throw new NotAllowedError(message);
  if (response.status === 404) throw new NotFoundError(message);
  if (response.status === 409) throw new ConflictError(message);
  if (response.status === 503) throw new ServiceUnavailableError(message);
  throw error;
}
