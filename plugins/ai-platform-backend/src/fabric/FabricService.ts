import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  FabricGraph,
  FabricGraphQuery,
  FabricIndex,
  FabricLink,
  FabricLinkPoint,
  FabricObservation,
  FabricSourceInput,
  FabricSourceStatus,
  FabricSummary,
  NodeTeams,
  buildFabricGraph,
  clusterSummaries,
  filterFabricGraph,
  healthRank,
  mergePlacements,
} from '@ai-platform/plugin-ai-platform-common';
import { FabricConfig } from './config';
import { FabricCatalog, FabricCatalogSnapshot } from './FabricCatalog';
import { FabricSource } from './FabricSource';
import {
  FabricLinkNotice,
  FabricLinkPointRow,
  FabricSourceState,
  FabricStore,
  StoredFabricGraph,
} from './FabricStore';
import { FabricTeams } from './FabricTeams';

/** Links a notification lists by name before "and N more". */
const NOTIFY_LINKS = 5;

/** What one collection did. */
export interface FabricCollectOutcome {
  links: number;
  unhealthy: number;
  failedSources: string[];
  notified: number;
}

/** The error and, for network failures (`fetch failed`), what failed underneath. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { message?: string; code?: string } })
    .cause;
  const detail = cause?.message ?? cause?.code;
  return detail && !error.message.includes(detail)
    ? `${error.message}: ${detail}`
    : error.message;
}

/** The last part of an entity ref, for people: `recsys`, `ib-fabric-east`. */
const shortName = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);

/**
 * The network fabric: collects every source on the schedule, builds the health graph with the
 * teams behind each node, keeps it with the links' history, and tells a fabric's owner when its
 * links turn degraded or down, worsen, or recover. Answers the graph, summaries, history and
 * the sources' state.
 */
export class FabricService {
  private cache?: { version: string; stored: StoredFabricGraph };

  constructor(
    private readonly options: {
      store: FabricStore;
      sources: FabricSource[];
      catalog: FabricCatalog;
      teams: FabricTeams;
      notifications: NotificationService;
      logger: LoggerService;
      config: FabricConfig;
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.options.now?.() ?? new Date();
  }

  /** A source's state as the UI reads it: stale once its last good read is too old. */
  private status(
    source: Pick<FabricSource, 'id' | 'kind'>,
    state: FabricSourceState | undefined,
    now: number,
  ): FabricSourceStatus {
    const base = {
      id: source.id,
      kind: source.kind,
      ...(state?.lastSuccessAt !== undefined
        ? { lastSuccessAt: new Date(state.lastSuccessAt).toISOString() }
        : {}),
      ...(state?.lastError ? { error: state.lastError } : {}),
    };
    if (
      state?.lastSuccessAt === undefined ||
      now - state.lastSuccessAt > this.options.config.staleAfterMs
    ) {
      return { ...base, status: 'stale' };
    }
    return {
      ...base,
      status: state.lastAttemptAt > state.lastSuccessAt ? 'error' : 'ok',
    };
  }

  async sources(): Promise<FabricSourceStatus[]> {
    const states = new Map(
      (await this.options.store.listSources()).map(s => [s.id, s]),
    );
    const now = this.now().getTime();
    return this.options.sources.map(s => this.status(s, states.get(s.id), now));
  }

  /** Reads every source at once; a failure is recorded against its source only. */
  private async read(now: Date): Promise<string[]> {
    const { store, sources, logger } = this.options;
    const results = await Promise.allSettled(sources.map(s => s.collect()));
    const failed: string[] = [];
    for (const [i, result] of results.entries()) {
      const source = sources[i];
      if (result.status === 'fulfilled') {
        await store.recordSuccess(source, now.getTime(), result.value);
      } else {
        const message = describeError(result.reason);
        failed.push(source.id);
        logger.warn(`Fabric source ${source.id} failed: ${message}`);
        await store.recordFailure(source, now.getTime(), message);
      }
    }
    return failed;
  }

  /** Each source's status with its last good observation, for a build. */
  private async inputs(now: Date): Promise<FabricSourceInput[]> {
    const { store, sources } = this.options;
    const states = new Map((await store.listSources()).map(s => [s.id, s]));
    const observations = await store.observations(sources.map(s => s.id));
    return sources.map(source => ({
      status: this.status(source, states.get(source.id), now.getTime()),
      observation: observations.get(source.id),
    }));
  }

  private async build(
    generatedAt: Date,
    inputs: FabricSourceInput[],
    snapshot: FabricCatalogSnapshot,
    teams?: NodeTeams,
  ): Promise<{ graph: FabricGraph; nodeTeams: NodeTeams }> {
    const nodeTeams =
      teams ??
      (await this.options.teams.forNodes(
        mergePlacements(inputs).values(),
        snapshot.namespaceTeams,
      ));
    const graph = buildFabricGraph({
      generatedAt: generatedAt.toISOString(),
      fabrics: snapshot.fabrics,
      clusters: snapshot.clusters,
      sources: inputs,
      thresholds: this.options.config.thresholds,
      nodeTeams,
    });
    return { graph, nodeTeams };
  }

  /**
   * One scheduled run: read the sources, build and keep the graph, add history points (every
   * link each history step, a link whose state changed at once) and tell owners what changed.
   */
  async collect(): Promise<FabricCollectOutcome> {
    const { store, config } = this.options;
    const now = this.now();
    const failedSources = await this.read(now);
    const snapshot = await this.options.catalog.read(now.getTime());
    const { graph, nodeTeams } = await this.build(
      now,
      await this.inputs(now),
      snapshot,
    );

    const previous = await store.latestGraph();
    const before = new Map(previous?.graph.links.map(l => [l.id, l.health]));
    const historyDue =
      previous?.historyAt === undefined ||
      now.getTime() - previous.historyAt >= config.historyStepMs;
    const points: FabricLinkPointRow[] = graph.links
      .filter(l => historyDue || before.get(l.id) !== l.health)
      .map(l => ({ linkId: l.id, ...pointOf(l, graph.generatedAt) }));
    await store.saveGraph(
      {
        graph,
        nodeTeams,
        historyAt: historyDue ? now.getTime() : previous?.historyAt,
      },
      points,
    );

    const notified = await this.notify(graph, nodeTeams, snapshot, now);
    return {
      links: graph.links.length,
      unhealthy: graph.links.filter(l => healthRank(l.health) > 0).length,
      failedSources,
      notified,
    };
  }

  /**
   * Tells each fabric's owner, once per change, of links that turned degraded or down or went
   * from degraded to down, and of links that recovered. A link whose state is unknown keeps what
   * its owner was last told; one that got better without recovering is noted silently, so that
   * worsening again is news.
   */
  private async notify(
    graph: FabricGraph,
    nodeTeams: NodeTeams,
    snapshot: FabricCatalogSnapshot,
    now: Date,
  ): Promise<number> {
    const { store, logger } = this.options;
    const told = new Map((await store.notices()).map(n => [n.linkId, n]));
    const changes = new Map<
      string,
      {
        worse: FabricLink[];
        recovered: FabricLink[];
        upserts: FabricLinkNotice[];
        deletes: string[];
      }
    >();
    const changesOf = (fabricRef: string) => {
      let c = changes.get(fabricRef);
      if (!c) {
        c = { worse: [], recovered: [], upserts: [], deletes: [] };
        changes.set(fabricRef, c);
      }
      return c;
    };
    const current = new Set<string>();
    for (const link of graph.links) {
      current.add(link.id);
      if (link.health === 'unknown') continue;
      const rank = healthRank(link.health);
      const was = told.get(link.id);
      const wasRank = was ? healthRank(was.health) : 0;
      const notice = {
        linkId: link.id,
        fabricRef: link.fabricRef,
        health: link.health,
        notifiedAt: now.getTime(),
      };
      if (rank > wasRank) {
        changesOf(link.fabricRef).worse.push(link);
        changesOf(link.fabricRef).upserts.push(notice);
      } else if (rank === 0 && wasRank > 0) {
        changesOf(link.fabricRef).recovered.push(link);
        changesOf(link.fabricRef).deletes.push(link.id);
      } else if (rank > 0 && rank < wasRank) {
        changesOf(link.fabricRef).upserts.push({
          ...notice,
          notifiedAt: was!.notifiedAt,
        });
      }
    }
    // Links that left the graph leave nothing to recover from.
    for (const notice of told.values()) {
      if (!current.has(notice.linkId)) {
        changesOf(notice.fabricRef).deletes.push(notice.linkId);
      }
    }

    const fabrics = new Map(snapshot.fabrics.map(f => [f.ref, f]));
    const index = new FabricIndex(graph.devices, graph.links);
    const names = new Map(graph.devices.map(d => [d.id, d.name]));
    let sent = 0;
    for (const [fabricRef, change] of changes) {
      const fabric = fabrics.get(fabricRef);
      const title = fabric?.title ?? shortName(fabricRef);
      try {
        if (fabric?.owner) {
          const link = entityPage(fabricRef);
          for (const payload of [
            worsePayload(title, change.worse, index, names, nodeTeams),
            recoveredPayload(title, change.recovered, names),
          ]) {
            if (!payload) continue;
            await this.options.notifications.send({
              recipients: { type: 'entity', entityRef: fabric.owner },
              payload: { ...payload, link, topic: 'ai-platform-fabric' },
            });
            sent++;
          }
        }
        await store.saveNotices(change.upserts, change.deletes);
      } catch (error) {
        // Not saved, so the next run tells the owner again.
        logger.warn(
          `Fabric: could not notify the owner of ${fabricRef}: ${describeError(
            error,
          )}`,
        );
      }
    }
    return sent;
  }

  /** Drops history older than the retention. */
  prune(): Promise<number> {
    return this.options.store.prune(
      this.now().getTime() - this.options.config.retentionMs,
    );
  }

  /**
   * History from before the first run, from a source that can read the past (the demo): one
   * graph per history step from `from` to now, points only, the teams of now. Nothing when
   * history older than one step exists.
   */
  async backfill(
    source: Pick<FabricSource, 'id' | 'kind'> & {
      observe(at: Date): FabricObservation;
    },
    from: Date,
  ): Promise<number> {
    const { store, config } = this.options;
    const now = this.now();
    if (await store.hasHistoryBefore(now.getTime() - config.historyStepMs)) {
      return 0;
    }
    const snapshot = await this.options.catalog.read(now.getTime());
    const declared = (await this.inputs(now)).filter(
      s => s.status.kind === 'declared',
    );
    const teams = await this.options.teams.forNodes(
      source.observe(now).placements,
      snapshot.namespaceTeams,
    );
    let added = 0;
    for (let t = from.getTime(); t < now.getTime(); t += config.historyStepMs) {
      const at = new Date(t);
      const input: FabricSourceInput = {
        status: {
          id: source.id,
          kind: source.kind,
          status: 'ok',
          lastSuccessAt: at.toISOString(),
        },
        observation: source.observe(at),
      };
      const { graph } = await this.build(
        at,
        [...declared, input],
        snapshot,
        teams,
      );
      const points = graph.links
        .filter(l => l.sources.includes(source.id))
        .map(l => ({ linkId: l.id, ...pointOf(l, graph.generatedAt) }));
      await store.addPoints(points);
      added += points.length;
    }
    return added;
  }

  private async latest(): Promise<StoredFabricGraph> {
    const version = await this.options.store.graphVersion();
    if (!version) {
      throw new NotFoundError('The fabric has not been collected yet');
    }
    if (this.cache?.version !== version) {
      const stored = await this.options.store.latestGraph();
      if (!stored)
        throw new NotFoundError('The fabric has not been collected yet');
      this.cache = { version, stored };
    }
    return this.cache.stored;
  }

  private context(nodeTeams: NodeTeams) {
    return { nodeTeams, thresholds: this.options.config.thresholds };
  }

  /** The latest graph, filtered by cluster, fabric and link state. */
  async graph(query: FabricGraphQuery): Promise<FabricGraph> {
    const { graph, nodeTeams } = await this.latest();
    return filterFabricGraph(graph, query, this.context(nodeTeams));
  }

  /**
   * A `network-fabric`'s summary, or a `gpu-cluster`'s part of the fabric its nodes are cabled
   * by (its scale-out fabric before NVLink, the one with most links first).
   */
  async summary(entityRef: string): Promise<FabricSummary> {
    const { graph, nodeTeams } = await this.latest();
    const fabric = graph.summaries.find(s => s.fabricRef === entityRef);
    if (fabric) return fabric;
    const { summaries } = clusterSummaries(
      graph,
      entityRef,
      this.context(nodeTeams),
    );
    const total = (s: FabricSummary) =>
      Object.values(s.links).reduce((a, b) => a + b, 0);
    const [primary] = summaries.sort(
      (x, y) =>
        Number(x.kind === 'nvlink') - Number(y.kind === 'nvlink') ||
        total(y) - total(x),
    );
    if (!primary) throw new NotFoundError(`No fabric data for ${entityRef}`);
    return primary;
  }

  /** A link's points over the last `hours`, oldest first. */
  async history(linkId: string, hours: number): Promise<FabricLinkPoint[]> {
    const points = await this.options.store.history(
      linkId,
      this.now().getTime() - hours * 3_600_000,
    );
    if (!points.length) {
      const { graph } = await this.latest();
      if (!graph.links.some(l => l.id === linkId)) {
        throw new NotFoundError(`No fabric link ${linkId}`);
      }
    }
    return points;
  }
}

function pointOf(link: FabricLink, at: string): FabricLinkPoint {
  return {
    at,
    health: link.health,
    rates: link.rates,
    ...(link.utilization !== undefined
      ? { utilization: link.utilization }
      : {}),
  };
}

function entityPage(ref: string): string {
  const { kind, namespace, name } = parseEntityRef(ref);
  return `/catalog/${namespace}/${kind.toLocaleLowerCase('en-US')}/${name}`;
}

/** A link as people name it: its two devices, or a node's GPU for an NVLink. */
function linkLabel(link: FabricLink, names: Map<string, string>): string {
  const a = names.get(link.a.deviceId) ?? link.a.name;
  const b = names.get(link.b.deviceId) ?? link.b.name;
  if (link.a.deviceId === link.b.deviceId) {
    return `${a} ${[link.a.port, link.b.port].join(' ↔ ')}`;
  }
  return [a, b].sort().join(' ↔ ');
}

/** "recsys (namespace recsys-train) on h100-075": who is behind one link. */
function whoIsBehind(
  link: FabricLink,
  index: FabricIndex,
  nodeTeams: NodeTeams,
): string {
  const byTeam = new Map<string, { nodes: string[]; workloads: Set<string> }>();
  for (const node of index.nodesBehind(link)) {
    for (const { teamRef, workloads } of nodeTeams[node] ?? []) {
      const t = byTeam.get(teamRef) ?? { nodes: [], workloads: new Set() };
      t.nodes.push(node);
      workloads
        .filter(w => !w.startsWith('quota '))
        .forEach(w => t.workloads.add(w));
      byTeam.set(teamRef, t);
    }
  }
  return [...byTeam.entries()]
    .map(([team, t]) => {
      const nodes =
        t.nodes.length > 3
          ? `${t.nodes.slice(0, 3).join(', ')} and ${t.nodes.length - 3} more`
          : t.nodes.join(', ');
      return `${shortName(team)}'s ${[...t.workloads].join(', ')} on ${nodes}`;
    })
    .join('; ');
}

function worsePayload(
  title: string,
  links: FabricLink[],
  index: FabricIndex,
  names: Map<string, string>,
  nodeTeams: NodeTeams,
) {
  if (!links.length) return undefined;
  const down = links.filter(l => l.health === 'down').length;
  const degraded = links.length - down;
  const counts = [
    down ? `${down} link${down > 1 ? 's' : ''} down` : '',
    degraded
      ? `${degraded}${down ? '' : ` link${degraded > 1 ? 's' : ''}`} degraded`
      : '',
  ].filter(Boolean);
  const lines = [...links]
    .sort((x, y) => healthRank(y.health) - healthRank(x.health))
    .slice(0, NOTIFY_LINKS)
    .map(link => {
      const who = whoIsBehind(link, index, nodeTeams);
      return `${linkLabel(link, names)} ${link.health}: ${link.reasons.join(
        '; ',
      )}.${who ? ` Behind it: ${who}.` : ''}`;
    });
  if (links.length > NOTIFY_LINKS) {
    lines.push(`And ${links.length - NOTIFY_LINKS} more.`);
  }
  return {
    title: `${title}: ${counts.join(', ')}`,
    description: lines.join('\n'),
    severity: down ? ('high' as const) : ('normal' as const),
  };
}

function recoveredPayload(
  title: string,
  links: FabricLink[],
  names: Map<string, string>,
) {
  if (!links.length) return undefined;
  const listed = links.slice(0, NOTIFY_LINKS).map(l => linkLabel(l, names));
  return {
    title: `${title}: ${links.length} link${
      links.length > 1 ? 's' : ''
    } recovered`,
    description: `Healthy again: ${listed.join(', ')}${
      links.length > NOTIFY_LINKS
        ? ` and ${links.length - NOTIFY_LINKS} more`
        : ''
    }.`,
    severity: 'low' as const,
  };
}
