import { BackendHttp, ClientOptions } from '../http';
import { WorkspaceApi } from './WorkspaceApi';

export class WorkspaceClient implements WorkspaceApi {
  private readonly http: BackendHttp;

  constructor(options: ClientOptions) {
    this.http = new BackendHttp(options);
  }

  listImages(): Promise<string[]> {
    return this.http.items('/workspaces/images');
  }
}
