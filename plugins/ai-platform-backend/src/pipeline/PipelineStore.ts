import {
  Pipeline,
  PipelineInput,
  PipelineRun,
} from '@ai-platform/plugin-ai-platform-common';

/** A pipeline to record: the input as checked, who asked, and the request's key. */
export type NewPipeline = PipelineInput & {
  createdBy: string;
  idempotencyKey?: string;
};

/** A page of a DAG's runs as Airflow answered it, at `fetchedAt`. */
export interface PipelineRunSnapshot {
  dagId: string;
  limit: number;
  offset: number;
  runs: PipelineRun[];
  totalEntries: number;
  fetchedAt: string;
}

/** The pipelines the golden path defined, and the runs last read of their DAGs. */
export interface PipelineStore {
  list(): Promise<Pipeline[]>;
  findByName(name: string): Promise<Pipeline | undefined>;
  findByIdempotencyKey(key: string): Promise<Pipeline | undefined>;
  /**
   * Stores the pipeline, or answers undefined when its name or idempotency key is already stored
   * (by a concurrent request, on any replica): the database's unique keys decide.
   */
  insert(pipeline: NewPipeline): Promise<Pipeline | undefined>;

  /** Keeps the page in place of an older one of the same DAG, limit and offset. */
  saveRunSnapshot(snapshot: PipelineRunSnapshot): Promise<void>;
  findRunSnapshot(
    dagId: string,
    limit: number,
    offset: number,
  ): Promise<PipelineRunSnapshot | undefined>;
  /** Forgets every page of a DAG Airflow no longer has. */
  deleteRunSnapshots(dagId: string): Promise<void>;
}
