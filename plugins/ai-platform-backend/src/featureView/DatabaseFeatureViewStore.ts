import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { FeatureView } from '@ai-platform/plugin-ai-platform-common';
import { FeatureViewStore, NewFeatureView } from './FeatureViewStore';

const TABLE = 'ai_feature_views';

interface FeatureViewRow {
  id: string;
  name: string;
  team_ref: string;
  dataset_ref: string;
  definition: string;
  ttl_seconds: number;
  online: boolean | number;
  description: string;
  created_by: string;
  created_at: Date | string | number;
  idempotency_key: string | null;
}

/** What the `definition` column holds. */
type Definition = Pick<FeatureView, 'entity' | 'features' | 'tags'>;

function fromRow(row: FeatureViewRow): FeatureView {
  const { entity, features, tags }: Definition = JSON.parse(row.definition);
  return {
    id: row.id,
    name: row.name,
    teamRef: row.team_ref,
    datasetRef: row.dataset_ref,
    entity,
    features,
    ttlSeconds: Number(row.ttl_seconds),
    online: Boolean(row.online),
    tags,
    description: row.description,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export class DatabaseFeatureViewStore implements FeatureViewStore {
  constructor(private readonly db: Knex) {}

  async list(): Promise<FeatureView[]> {
    const rows = await this.db<FeatureViewRow>(TABLE)
      .select()
      .orderBy([{ column: 'created_at', order: 'desc' }, 'name']);
    return rows.map(fromRow);
  }

  findByName(name: string): Promise<FeatureView | undefined> {
    return this.findBy({ name });
  }

  findByIdempotencyKey(key: string): Promise<FeatureView | undefined> {
    return this.findBy({ idempotency_key: key });
  }

  async insert(view: NewFeatureView): Promise<FeatureView | undefined> {
    const id = randomUUID();
    const definition: Definition = {
      entity: view.entity,
      features: view.features,
      tags: view.tags,
    };
    // A name or key stored meanwhile makes the insert a no-op rather than an error.
    await this.db(TABLE)
      .insert({
        id,
        name: view.name,
        team_ref: view.teamRef,
        dataset_ref: view.datasetRef,
        definition: JSON.stringify(definition),
        ttl_seconds: view.ttlSeconds,
        online: view.online,
        description: view.description,
        created_by: view.createdBy,
        created_at: new Date(),
        idempotency_key: view.idempotencyKey ?? null,
      })
      .onConflict()
      .ignore();
    return this.findBy({ id });
  }

  private async findBy(
    where: Partial<FeatureViewRow>,
  ): Promise<FeatureView | undefined> {
    const row = await this.db<FeatureViewRow>(TABLE).where(where).first();
    return row ? fromRow(row) : undefined;
  }
}
