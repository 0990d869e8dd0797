import { ResponseError } from '@backstage/errors';
import {
  FabricGraph,
  FabricGraphQuery,
  FabricLinkPoint,
  FabricSourceStatus,
  FabricSummary,
} from '@ai-platform/plugin-ai-platform-common';
import { BackendHttp, ClientOptions } from '../http';
import { FabricApi } from './FabricApi';

export class FabricClient implements FabricApi {
  private readonly http: BackendHttp;

  constructor(options: ClientOptions) {
    this.http = new BackendHttp(options);
  }

  getGraph(filters: FabricGraphQuery = {}): Promise<FabricGraph> {
    const params = new URLSearchParams();
    if (filters.cluster) params.set('cluster', filters.cluster);
    if (filters.fabric) params.set('fabric', filters.fabric);
    // Repeated, as the backend's schema reads a list of states.
    for (const health of filters.health ?? []) params.append('health', health);
    const query = params.toString();
    return this.http.get(`/fabric/graph${query && `?${query}`}`);
  }

  async getSummary(entityRef: string): Promise<FabricSummary | undefined> {
    try {
      return await this.http.get<FabricSummary>(
        `/fabric/summary?${new URLSearchParams({ entityRef })}`,
      );
    } catch (e) {
      if (e instanceof ResponseError && e.statusCode === 404) return undefined;
      throw e;
    }
  }

  getLinkHistory(linkId: string, hours?: number): Promise<FabricLinkPoint[]> {
    return this.http.items(
      `/fabric/links/${encodeURIComponent(linkId)}/history${
        hours === undefined ? '' : `?hours=${hours}`
      }`,
    );
  }

  getSources(): Promise<FabricSourceStatus[]> {
    return this.http.items('/fabric/sources');
  }
}
