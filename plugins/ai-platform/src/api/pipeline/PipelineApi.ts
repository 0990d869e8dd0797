import { createApiRef } from '@backstage/core-plugin-api';
import {
  PipelineRuns,
  PipelineRunsQuery,
} from '@ai-platform/plugin-ai-platform-common';

/** The runs of the catalog's pipelines, as the backend reads them from Airflow. */
export interface PipelineApi {
  /**
   * A page of an Airflow DAG's runs, newest first. The answer's `status` says whether they are
   * current, and why not; the backend's page size applies when `limit` is left out.
   */
  getRuns(
    dagId: string,
    page?: Partial<PipelineRunsQuery>,
  ): Promise<PipelineRuns>;
}

export const pipelineApiRef = createApiRef<PipelineApi>({
  id: 'plugin.ai-platform.pipeline',
});
