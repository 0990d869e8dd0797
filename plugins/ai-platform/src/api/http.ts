import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';

/** What each client is built from, like Backstage's own clients. */
export interface ClientOptions {
  discoveryApi: DiscoveryApi;
  fetchApi: FetchApi;
}

/**
 * Requests to one backend plugin, shared by this plugin's clients: resolves the plugin's base
 * URL and throws a ResponseError for any answer that is not ok.
 */
export class BackendHttp {
  constructor(
    private readonly options: ClientOptions,
    private readonly pluginId = 'ai-platform',
  ) {}

  async fetch(path: string, init?: RequestInit): Promise<Response> {
    const response = await this.send(path, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }

  /** The answer whatever its status, for a caller that reads more of a refusal than its message. */
  async send(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl(this.pluginId);
    return this.options.fetchApi.fetch(`${baseUrl}${path}`, init);
  }

  async get<T>(path: string): Promise<T> {
    return (await this.fetch(path)).json();
  }

  /** A list, which the backend wraps as `{ items }`. */
  async items<T>(path: string): Promise<T[]> {
    return (await this.get<{ items: T[] }>(path)).items;
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    const response = await this.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return response.json();
  }
}
