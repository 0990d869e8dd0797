import {
  PipelineRuns,
  PipelineRunsQuery,
} from '@ai-platform/plugin-ai-platform-common';
import { BackendHttp, ClientOptions } from '../http';
import { PipelineApi } from './PipelineApi';

export class PipelineClient implements PipelineApi {
  private readonly http: BackendHttp;

  constructor(options: ClientOptions) {
    this.http = new BackendHttp(options);
  }

  getRuns(
    dagId: string,
    page: Partial<PipelineRunsQuery> = {},
  ): Promise<PipelineRuns> {
    const params = new URLSearchParams();
    if (page.limit !== undefined) params.set('limit', String(page.limit));
    if (page.offset !== undefined) params.set('offset', String(page.offset));
    const query = params.toString();
    return this.http.get(
      `/pipelines/${encodeURIComponent(dagId)}/runs${query && `?${query}`}`,
    );
  }
}
