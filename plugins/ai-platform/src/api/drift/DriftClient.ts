import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  ModelDriftDetail,
  ModelDriftSummary,
} from '@ai-platform/plugin-ai-platform-common';
import { BackendHttp, ClientOptions } from '../http';
import { DriftApi } from './DriftApi';

export class DriftClient implements DriftApi {
  private readonly http: BackendHttp;

  constructor(options: ClientOptions) {
    this.http = new BackendHttp(options);
  }

  listModelDrift(): Promise<ModelDriftSummary[]> {
    return this.http.items('/drift/models');
  }

  async getModelDrift(modelRef: string): Promise<ModelDriftDetail | undefined> {
    const { kind, namespace, name } = parseEntityRef(modelRef);
    try {
      return await this.http.get<ModelDriftDetail>(
        `/drift/models/${[kind, namespace, name]
          .map(encodeURIComponent)
          .join('/')}`,
      );
    } catch (e) {
      if (e instanceof ResponseError && e.statusCode === 404) return undefined;
      throw e;
    }
  }
}
