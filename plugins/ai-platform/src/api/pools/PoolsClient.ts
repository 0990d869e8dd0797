import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { GpuPool } from '@ai-platform/plugin-ai-platform-common';
import { BackendHttp } from '../http';
import { PoolsApi } from './PoolsApi';

export class PoolsClient implements PoolsApi {
  private readonly http: BackendHttp;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.http = new BackendHttp(options);
  }

  listPools(): Promise<GpuPool[]> {
    return this.http.items('/pools');
  }
}
