import { GpuPool } from '@ai-platform/plugin-ai-platform-common';
import { BackendHttp, ClientOptions } from '../http';
import { PoolsApi } from './PoolsApi';

export class PoolsClient implements PoolsApi {
  private readonly http: BackendHttp;

  constructor(options: ClientOptions) {
    this.http = new BackendHttp(options);
  }

  listPools(): Promise<GpuPool[]> {
    return this.http.items('/pools');
  }
}
