import { Knex } from 'knex';
import {
  MlflowRegistration,
  ModelRegistryEntry,
} from '@ai-platform/plugin-ai-platform-common';
import {
  ModelRegistryStore,
  NewModelRegistryEntry,
} from './ModelRegistryStore';

const TABLE = 'ai_model_registry_entries';

interface EntryRow {
  id: string;
  name: string;
  team_ref: string;
  risk_class: string;
  definition: string;
  mlflow: string | null;
  created_by: string;
  created_at: Date | string | number;
  idempotency_key: string | null;
}

/** What the `definition` column holds. */
type Definition = Pick<
  ModelRegistryEntry,
  | 'task'
  | 'intendedPurpose'
  | 'trainingData'
  | 'evaluationMetrics'
  | 'humanOversightContact'
  | 'description'
  | 'sourceUri'
>;

function fromRow(row: EntryRow): ModelRegistryEntry {
  const definition: Definition = JSON.parse(row.definition);
  const mlflow: MlflowRegistration | null = row.mlflow
    ? JSON.parse(row.mlflow)
    : null;
  return {
    id: row.id,
    name: row.name,
    teamRef: row.team_ref,
    riskClass: row.risk_class as ModelRegistryEntry['riskClass'],
    ...definition,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    ...(mlflow ? { mlflow } : {}),
  };
}

export class DatabaseModelRegistryStore implements ModelRegistryStore {
  constructor(private readonly db: Knex) {}

  async list(): Promise<ModelRegistryEntry[]> {
    const rows = await this.db<EntryRow>(TABLE)
      .select()
      .orderBy([{ column: 'created_at', order: 'desc' }, 'name']);
    return rows.map(fromRow);
  }

  findByName(name: string): Promise<ModelRegistryEntry | undefined> {
    return this.findBy({ name });
  }

  findByIdempotencyKey(key: string): Promise<ModelRegistryEntry | undefined> {
    return this.findBy({ idempotency_key: key });
  }

  async insert(
    entry: NewModelRegistryEntry,
  ): Promise<ModelRegistryEntry | undefined> {
    const definition: Definition = {
      task: entry.task,
      intendedPurpose: entry.intendedPurpose,
      trainingData: entry.trainingData,
      evaluationMetrics: entry.evaluationMetrics,
      humanOversightContact: entry.humanOversightContact,
      description: entry.description,
      sourceUri: entry.sourceUri,
    };
    // A name or key stored meanwhile makes the insert a no-op rather than an error.
    await this.db(TABLE)
      .insert({
        id: entry.id,
        name: entry.name,
        team_ref: entry.teamRef,
        risk_class: entry.riskClass,
        definition: JSON.stringify(definition),
        mlflow: entry.mlflow ? JSON.stringify(entry.mlflow) : null,
        created_by: entry.createdBy,
        created_at: new Date(),
        idempotency_key: entry.idempotencyKey ?? null,
      })
      .onConflict()
      .ignore();
    return this.findBy({ id: entry.id });
  }

  private async findBy(
    where: Partial<EntryRow>,
  ): Promise<ModelRegistryEntry | undefined> {
    const row = await this.db<EntryRow>(TABLE).where(where).first();
    return row ? fromRow(row) : undefined;
  }
}
