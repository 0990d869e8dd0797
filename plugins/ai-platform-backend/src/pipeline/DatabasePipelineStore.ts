import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { Pipeline, PipelineRun } from '@ai-platform/plugin-ai-platform-common';
import {
  NewPipeline,
  PipelineRunSnapshot,
  PipelineStore,
} from './PipelineStore';

const TABLE = 'ai_pipelines';
const SNAPSHOTS = 'ai_pipeline_run_snapshots';

interface PipelineRow {
  id: string;
  name: string;
  team_ref: string;
  orchestrator: string;
  definition: string;
  created_by: string;
  created_at: Date | string | number;
  idempotency_key: string | null;
}

interface SnapshotRow {
  dag_id: string;
  page_limit: number;
  page_offset: number;
  runs: string;
  total_entries: number;
  fetched_at: Date | string | number;
}

/** What the `definition` column holds. */
type Definition = Pick<
  Pipeline,
  | 'description'
  | 'schedule'
  | 'timezone'
  | 'inputs'
  | 'outputs'
  | 'finalStep'
  | 'image'
  | 'gpuCount'
  | 'qualityChecks'
>;

function fromRow(row: PipelineRow): Pipeline {
  const definition: Definition = JSON.parse(row.definition);
  return {
    id: row.id,
    name: row.name,
    teamRef: row.team_ref,
    orchestrator: row.orchestrator as Pipeline['orchestrator'],
    ...definition,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export class DatabasePipelineStore implements PipelineStore {
  constructor(private readonly db: Knex) {}

  async list(): Promise<Pipeline[]> {
    const rows = await this.db<PipelineRow>(TABLE)
      .select()
      .orderBy([{ column: 'created_at', order: 'desc' }, 'name']);
    return rows.map(fromRow);
  }

  findByName(name: string): Promise<Pipeline | undefined> {
    return this.findBy({ name });
  }

  findByIdempotencyKey(key: string): Promise<Pipeline | undefined> {
    return this.findBy({ idempotency_key: key });
  }

  async insert(pipeline: NewPipeline): Promise<Pipeline | undefined> {
    const id = randomUUID();
    const definition: Definition = {
      description: pipeline.description,
      schedule: pipeline.schedule,
      timezone: pipeline.timezone,
      inputs: pipeline.inputs,
      outputs: pipeline.outputs,
      finalStep: pipeline.finalStep,
      image: pipeline.image,
      gpuCount: pipeline.gpuCount,
      qualityChecks: pipeline.qualityChecks,
    };
    // A name or key stored meanwhile makes the insert a no-op rather than an error.
    await this.db(TABLE)
      .insert({
        id,
        name: pipeline.name,
        team_ref: pipeline.teamRef,
        orchestrator: pipeline.orchestrator,
        definition: JSON.stringify(definition),
        created_by: pipeline.createdBy,
        created_at: new Date(),
        idempotency_key: pipeline.idempotencyKey ?? null,
      })
      .onConflict()
      .ignore();
    return this.findBy({ id });
  }

  async saveRunSnapshot(snapshot: PipelineRunSnapshot): Promise<void> {
    const fetchedAt = new Date(snapshot.fetchedAt);
    // Replicas read Airflow concurrently: a page read earlier never replaces a later one.
    await this.db(SNAPSHOTS)
      .insert({
        dag_id: snapshot.dagId,
        page_limit: snapshot.limit,
        page_offset: snapshot.offset,
        runs: JSON.stringify(snapshot.runs),
        total_entries: snapshot.totalEntries,
        fetched_at: fetchedAt,
      })
      .onConflict(['dag_id', 'page_limit', 'page_offset'])
      .merge(['runs', 'total_entries', 'fetched_at'])
      .where(`${SNAPSHOTS}.fetched_at`, '<', fetchedAt);
  }

  async findRunSnapshot(
    dagId: string,
    limit: number,
    offset: number,
  ): Promise<PipelineRunSnapshot | undefined> {
    const row = await this.db<SnapshotRow>(SNAPSHOTS)
      .where({ dag_id: dagId, page_limit: limit, page_offset: offset })
      .first();
    if (!row) return undefined;
    const runs: PipelineRun[] = JSON.parse(row.runs);
    return {
      dagId: row.dag_id,
      limit: Number(row.page_limit),
      offset: Number(row.page_offset),
      runs,
      totalEntries: Number(row.total_entries),
      fetchedAt: new Date(row.fetched_at).toISOString(),
    };
  }

  async deleteRunSnapshots(dagId: string): Promise<void> {
    await this.db(SNAPSHOTS).where({ dag_id: dagId }).delete();
  }

  private async findBy(
    where: Partial<PipelineRow>,
  ): Promise<Pipeline | undefined> {
    const row = await this.db<PipelineRow>(TABLE).where(where).first();
    return row ? fromRow(row) : undefined;
  }
}
