import { PipelineInput } from './schemas';

/** A pipeline as the backend records it. */
export interface Pipeline extends PipelineInput {
  id: string;
  createdBy: string;
  createdAt: string;
}

/** What `POST /pipelines` answers: the stored pipeline (absent in a dry run). */
export interface PipelineResult {
  pipeline?: Pipeline;
}

/** One run of a pipeline's DAG, as Airflow reports it. */
export interface PipelineRun {
  runId: string;
  /** Airflow's DAG run state: queued, running, success or failed. */
  state: string;
  /** `manual`, `scheduled`, `backfilled` or `dataset_triggered`. */
  runType?: string;
  logicalDate?: string;
  startDate?: string;
  endDate?: string;
  /** From start to end, or to now while it runs; absent before it starts. */
  durationSeconds?: number;
}

/**
 * How current the runs are: `ok` (read from Airflow just now), `stale` (Airflow failed; these are
 * the runs last read, at `fetchedAt`), `unreachable` (Airflow failed and nothing was read
 * before), `not-found` (Airflow has no such DAG) or `not-configured` (no Airflow API in config).
 */
export type PipelineRunsStatus =
  | 'ok'
  | 'stale'
  | 'unreachable'
  | 'not-found'
  | 'not-configured';

/** What `GET /pipelines/:dagId/runs` answers. */
export interface PipelineRuns {
  dagId: string;
  status: PipelineRunsStatus;
  runs: PipelineRun[];
  /** Every run Airflow has of the DAG, for paging. */
  totalEntries: number;
  limit: number;
  offset: number;
  /** When the runs shown were read from Airflow. */
  fetchedAt?: string;
  /** What went wrong when the status is not `ok`. */
  error?: string;
  /** Airflow's page of the DAG, for links. */
  url?: string;
}
