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
  QuotaDecision,
  QuotaRequest,
  QuotaRequestInput,
} from '@ai-platform/plugin-ai-platform-common';

export interface QuotaRequestResult {
  request?: QuotaRequest;
  decision: QuotaDecision;
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

  async requestQuota(
    input: QuotaRequestInput,
    options: {
      credentials: BackstageCredentials;
      idempotencyKey: string;
      dryRun: boolean;
    },
  ): Promise<QuotaRequestResult> {
    const baseUrl = await this.options.discovery.getBaseUrl('ai-platform');
    const { token } = await this.options.auth.getPluginRequestToken({
      onBehalfOf: options.credentials,
      targetPluginId: 'ai-platform',
    });
    const response = await fetch(
      `${baseUrl}/quotas${options.dryRun ? '?dryRun=true' : ''}`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'idempotency-key': options.idempotencyKey,
        },
        body: JSON.stringify(input),
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
    return (await response.json()) as QuotaRequestResult;
  }
}
