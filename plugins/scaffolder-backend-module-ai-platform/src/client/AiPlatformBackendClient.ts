import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  ResponseError,
} from '@backstage/errors';
import {
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
 * Calls the AI Platform backend for scaffolder actions, on behalf of the user who runs the
 * template, so the backend's permissions and team checks apply to that user.
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

  private async post<T>(
    path: string,
    body: unknown,
    options: CallOptions,
  ): Promise<T> {
    const baseUrl = await this.options.discovery.getBaseUrl('ai-platform');
    const { token } = await this.options.auth.getPluginRequestToken({
      onBehalfOf: options.credentials,
      targetPluginId: 'ai-platform',
    });
    const response = await fetch(
      `${baseUrl}${path}${options.dryRun ? '?dryRun=true' : ''}`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'idempotency-key': options.idempotencyKey,
        },
        body: JSON.stringify(body),
      },
    );
    if (!response.ok) {
      const error = await ResponseError.fromResponse(response);
      // Surface the backend's own message, which names the field, as the step's error.
      const message = error.body?.error?.message ?? error.message;
      if (response.status === 400) throw new InputError(message);
      if (response.status === 403) throw new NotAllowedError(message);
      if (response.status === 409) throw new ConflictError(message);
      throw error;
    }
    return (await response.json()) as T;
  }
}
