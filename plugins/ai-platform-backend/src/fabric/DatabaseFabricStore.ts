import { Knex } from 'knex';
import {
  FabricHealth,
  FabricLinkPoint,
  FabricObservation,
  FabricSourceStatus,
} from '@ai-platform/plugin-ai-platform-common';
import {
  FabricLinkNotice,
  FabricLinkPointRow,
  FabricSourceState,
  FabricStore,
  StoredFabricGraph,
} from './FabricStore';

const SOURCES = 'ai_fabric_sources';
const GRAPH = 'ai_fabric_graph';
const POINTS = 'ai_fabric_link_points';
const NOTICES = 'ai_fabric_link_notices';
const LATEST = 'latest';
const CHUNK = 500;

// PostgreSQL hands bigint columns back as strings.
const num = (v: number | string | null | undefined) =>
  v === null || v === undefined ? undefined : Number(v);

/**
 * Lets the event loop turn between chunks: better-sqlite3 frees a statement's native memory in a
 * finalizer that runs only then.
 */
const yieldToEventLoop = () => new Promise(resolve => setImmediate(resolve));

interface SourceRow {
  id: string;
  kind: FabricSourceStatus['kind'];
  last_attempt_at: number | string;
  last_success_at: number | string | null;
  last_error: string | null;
}

interface PointRow {
  link_id: string;
  at: number | string;
  health: FabricHealth;
  rates: string;
  utilization: number | null;
}

/** Fabric sources, the latest graph, link history and notices in the plugin's database. */
export class DatabaseFabricStore implements FabricStore {
  constructor(private readonly db: Knex) {}

  async recordSuccess(
    source: { id: string; kind: FabricSourceStatus['kind'] },
    at: number,
    observation: FabricObservation,
  ): Promise<void> {
    await this.db(SOURCES)
      .insert({
        id: source.id,
        kind: source.kind,
        last_attempt_at: at,
        last_success_at: at,
        last_error: null,
        observation: JSON.stringify(observation),
      })
      .onConflict('id')
      .merge();
  }

  async recordFailure(
    source: { id: string; kind: FabricSourceStatus['kind'] },
    at: number,
    error: string,
  ): Promise<void> {
    await this.db(SOURCES)
      .insert({
        id: source.id,
        kind: source.kind,
        last_attempt_at: at,
        last_error: error.slice(0, 1000),
      })
      .onConflict('id')
      .merge(['kind', 'last_attempt_at', 'last_error']);
  }

  async listSources(): Promise<FabricSourceState[]> {
    const rows = await this.db<SourceRow>(SOURCES)
      .select('id', 'kind', 'last_attempt_at', 'last_success_at', 'last_error')
      .orderBy('id');
    return rows.map(row => ({
      id: row.id,
      kind: row.kind,
      lastAttemptAt: Number(row.last_attempt_at),
      ...(row.last_success_at !== null
        ? { lastSuccessAt: Number(row.last_success_at) }
        : {}),
      ...(row.last_error !== null ? { lastError: row.last_error } : {}),
    }));
  }

  async observations(ids: string[]): Promise<Map<string, FabricObservation>> {
    if (!ids.length) return new Map();
    const rows = await this.db(SOURCES)
      .whereIn('id', ids)
      .whereNotNull('observation')
      .select('id', 'observation');
    return new Map(
      rows.map((r: { id: string; observation: string }) => [
        r.id,
        JSON.parse(r.observation),
      ]),
    );
  }

  async saveGraph(
    stored: StoredFabricGraph,
    points: FabricLinkPointRow[],
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await tx(GRAPH)
        .insert({
          id: LATEST,
          generated_at: Date.parse(stored.graph.generatedAt),
          history_at: stored.historyAt ?? null,
          graph: JSON.stringify(stored.graph),
          node_teams: JSON.stringify(stored.nodeTeams),
        })
        .onConflict('id')
        .merge();
      await this.insertPoints(tx, points);
    });
  }

  async graphVersion(): Promise<string | undefined> {
    const row = await this.db(GRAPH)
      .where({ id: LATEST })
      .first('generated_at');
    return row ? new Date(Number(row.generated_at)).toISOString() : undefined;
  }

  async latestGraph(): Promise<StoredFabricGraph | undefined> {
    const row = await this.db(GRAPH).where({ id: LATEST }).first();
    if (!row) return undefined;
    return {
      graph: JSON.parse(row.graph),
      nodeTeams: JSON.parse(row.node_teams),
      ...(row.history_at !== null ? { historyAt: num(row.history_at) } : {}),
    };
  }

  async addPoints(points: FabricLinkPointRow[]): Promise<void> {
    await this.db.transaction(tx => this.insertPoints(tx, points));
  }

  private async insertPoints(
    tx: Knex.Transaction,
    points: FabricLinkPointRow[],
  ) {
    for (let i = 0; i < points.length; i += CHUNK) {
      await tx(POINTS).insert(
        points.slice(i, i + CHUNK).map(p => ({
          link_id: p.linkId,
          at: Date.parse(p.at),
          health: p.health,
          rates: JSON.stringify(p.rates),
          utilization: p.utilization ?? null,
        })),
      );
      await yieldToEventLoop();
    }
  }

  async hasHistoryBefore(at: number): Promise<boolean> {
    return Boolean(await this.db(POINTS).where('at', '<', at).first('id'));
  }

  async history(linkId: string, since: number): Promise<FabricLinkPoint[]> {
    const rows = await this.db<PointRow>(POINTS)
      .where({ link_id: linkId })
      .where('at', '>=', since)
      .orderBy('at')
      .select('at', 'health', 'rates', 'utilization');
    return rows.map(row => ({
      at: new Date(Number(row.at)).toISOString(),
      health: row.health,
      rates: JSON.parse(row.rates),
      ...(row.utilization !== null
        ? { utilization: Number(row.utilization) }
        : {}),
    }));
  }

  async notices(): Promise<FabricLinkNotice[]> {
    const rows = await this.db(NOTICES).orderBy('link_id');
    return rows.map(
      (row: {
        link_id: string;
        fabric_ref: string;
        health: FabricHealth;
        notified_at: number | string;
      }) => ({
        linkId: row.link_id,
        fabricRef: row.fabric_ref,
        health: row.health,
        notifiedAt: Number(row.notified_at),
      }),
    );
  }

  async saveNotices(
    upserts: FabricLinkNotice[],
    deletes: string[],
  ): Promise<void> {
    await this.db.transaction(async tx => {
      for (let i = 0; i < deletes.length; i += CHUNK) {
        await tx(NOTICES)
          .whereIn('link_id', deletes.slice(i, i + CHUNK))
          .delete();
      }
      for (let i = 0; i < upserts.length; i += CHUNK) {
        await tx(NOTICES)
          .insert(
            upserts.slice(i, i + CHUNK).map(n => ({
              link_id: n.linkId,
              fabric_ref: n.fabricRef,
              health: n.health,
              notified_at: n.notifiedAt,
            })),
          )
          .onConflict('link_id')
          .merge();
      }
    });
  }

  async prune(before: number): Promise<number> {
    return this.db(POINTS).where('at', '<', before).delete();
  }
}
