import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { BackendHttp } from '../http';
import { RejectedEntitiesApi, RejectedEntity } from './RejectedEntitiesApi';

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

/** Reads the catalog's unprocessed-entities module, which lists entities that never passed processing. */
export class RejectedEntitiesClient implements RejectedEntitiesApi {
  private readonly http: BackendHttp;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.http = new BackendHttp(options, 'catalog');
  }

  async listRejectedEntities(): Promise<RejectedEntity[]> {
    const body = await this.http.get<{ entities: UnprocessedEntity[] }>(
      '/entities/unprocessed/pending',
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
}
