import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { GpuPool } from '@ai-platform/plugin-ai-platform-common';
import { AiPlatformApi, RejectedEntity } from './AiPlatformApi';

const PROCESSOR = 'AiPlatformEntityProcessor';

interface UnprocessedEntity {
  unprocessed_entity: {
    kind: string;
    metadata: {
      name: string;
      namespace?: string;
      annotations?: Record<string, string>;
    };
  };
  errors?: Array<{ message: string; cause?: { message: string } }>;
}

export class AiPlatformClient implements AiPlatformApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listPools(): Promise<GpuPool[]> {
    const body = await this.get<{ items: GpuPool[] }>('/pools');
    return body.items;
  }

  async listRejectedEntities(): Promise<RejectedEntity[]> {
    // The catalog's unprocessed-entities module lists entities that never passed processing.
    const body = await this.get<{ entities: UnprocessedEntity[] }>(
      '/entities/unprocessed/pending',
      'catalog',
    );
    return body.entities.flatMap(
      ({ unprocessed_entity: entity, errors = [] }) => {
        const ours = errors.filter(e => e.message.includes(PROCESSOR));
        if (ours.length === 0) {
          return [];
        }
        return [
          {
            kind: entity.kind,
            namespace: entity.metadata.namespace ?? 'default',
            name: entity.metadata.name,
            location:
              entity.metadata.annotations?.['backstage.io/managed-by-location'],
            problems: ours.map(e => e.cause?.message ?? e.message),
          },
        ];
      },
    );
  }

  private async get<T>(path: string, pluginId = 'ai-platform'): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(pluginId);
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
