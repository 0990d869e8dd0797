import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AiPlatformAnnotations,
  AiResourceType,
  compileChecks,
  ComplianceCheck,
  ComplianceExemption,
  ComplianceHeatmap,
  CompiledChecks,
  EntityScorecard,
  ExemptionInput,
  Facts,
  heatmapOf,
  EntityEnergyResponse,
  ModelDriftSummary,
  ModelRegistryEntry,
  NO_OWNER,
  ParsedModelCard,
  QuotaRequest,
  rollupTeam,
  scorecardOf,
  TeamRollup,
} from '@ai-platform/plugin-ai-platform-common';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../shared/RequestContext';
import { ComplianceStore } from './ComplianceStore';
import { EvidencePack, evidencePackOf } from './evidence';
import { driftFacts } from './facts/drift';
import { trainingEnergyFacts } from './facts/energy';
import { entityFacts } from './facts/entity';
import { lineageFacts, upstreamRefs } from './facts/lineage';
import {
  FoundModelCard,
  findModelCard,
  ModelCardReaders,
} from './facts/modelCard';
import { approvalsOf, QuotaApproval, teamFacts } from './facts/team';

/** A model card parsed into its areas and the facts checks read (`modelCard.*`). */
export interface ParsedCardFacts {
  card?: ParsedModelCard;
  facts: Facts;
}

/** What the service reads of other domains, through their services. */
export interface ComplianceSources {
  /** Drift status of every model with results. */
  driftModels(): Promise<ModelDriftSummary[]>;
  /** The portal's registered models. */
  registryEntries(): Promise<ModelRegistryEntry[]>;
  /** The portal's card of a registered model. */
  registryCard(name: string): Promise<string | undefined>;
  /** Quota requests that were approved, of the given teams (all without). */
  quotaApprovals(teamRefs?: string[]): Promise<QuotaRequest[]>;
  /** Energy its pipelines used (spend); without it, packs carry no training energy. */
  trainingEnergy?(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityEnergyResponse>;
}

const APPROVED_STATUSES = [
  'approved',
  'active',
  'expired',
  'released',
] as const;
/** Days of history the heat map's trend covers. */
const TREND_DAYS = 30;
const DAY_MS = 86_400_000;

const specOf = (e: Entity) => (e.spec ?? {}) as Record<string, unknown>;
const typeOf = (e: Entity) =>
  typeof specOf(e).type === 'string' ? (specOf(e).type as string) : undefined;

/**
 * The team an entity's scorecard rolls up to: `spec.owner` as a full ref (`group:default/x`),
 * a Group itself (its budget is its own check), or undefined.
 */
export function ownerRefOf(entity: Entity): string | undefined {
  if (entity.kind.toLowerCase() === 'group') return stringifyEntityRef(entity);
  const owner = specOf(entity).owner;
  if (typeof owner !== 'string' || !owner.trim()) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/** Everything an evaluation reads once, shared by every entity of a run. */
interface EvaluationContext {
  byRef: Map<string, Entity>;
  drift: Map<string, ModelDriftSummary>;
  registry: Map<string, ModelRegistryEntry>;
  approvals: Map<string, QuotaApproval[]>;
  exemptions: Map<string, ComplianceExemption[]>;
  now: Date;
}

function groupBy<T>(items: T[], key: (t: T) => string | undefined) {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/**
 * Compliance: the checks (the shipped set and config's), the facts each entity yields from the
 * catalog, its model card and the other domains, scorecards with history, exemptions, team
 * rollups, the org heat map and a model's evidence pack.
 */
export class ComplianceService {
  private readonly compiled: CompiledChecks;

  constructor(
    private readonly options: {
      store: ComplianceStore;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      checks: ComplianceCheck[];
      sources: ComplianceSources;
      readers: Omit<ModelCardReaders, 'registryCard'>;
      parseCard: (found?: FoundModelCard) => ParsedCardFacts;
      now?: () => Date;
    },
  ) {
    this.compiled = compileChecks(options.checks);
  }

  private now() {
    return this.options.now?.() ?? new Date();
  }

  checks(): ComplianceCheck[] {
    return [...this.options.checks];
  }

  private applies(entity: Entity) {
    return (
      this.compiled.applicable({ kind: entity.kind, type: typeOf(entity) })
        .length > 0
    );
  }

  private async ownCredentials() {
    return this.options.auth.getOwnServiceCredentials();
  }

  /** The entity's card and its parsed facts; never throws. */
  private async cardOf(entity: Entity, ctx: EvaluationContext) {
    if (typeOf(entity) !== AiResourceType.aiModel) {
      return { found: undefined, parsed: undefined };
    }
    const registered =
      entity.metadata.annotations?.[AiPlatformAnnotations.registeredModel];
    const entry = registered ? ctx.registry.get(registered) : undefined;
    const found = await findModelCard(
      entity,
      {
        ...this.options.readers,
        registryCard: this.options.sources.registryCard,
      },
      entry ? registered : undefined,
    );
    return { found, parsed: this.options.parseCard(found) };
  }

  /** Every fact of one entity. */
  private async factsOf(entity: Entity, ctx: EvaluationContext) {
    const ref = stringifyEntityRef(entity);
    const registered =
      entity.metadata.annotations?.[AiPlatformAnnotations.registeredModel];
    const entry = registered ? ctx.registry.get(registered) : undefined;
    const ownerRef = ownerRefOf(entity);
    const team = ownerRef;
    const { found, parsed } = await this.cardOf(entity, ctx);
    const facts: Facts = {
      ...entityFacts(entity, entry),
      ...lineageFacts(entity, ctx.byRef),
      ...teamFacts(
        team ? ctx.byRef.get(team) : undefined,
        team ? ctx.approvals.get(team) ?? [] : [],
      ),
      ...(typeOf(entity) === AiResourceType.aiModel
        ? driftFacts(ctx.drift.get(ref))
        : {}),
      ...parsed?.facts,
    };
    return { facts, ownerRef, found, card: parsed?.card };
  }

  private async scorecard(entity: Entity, ctx: EvaluationContext) {
    const entityRef = stringifyEntityRef(entity);
    const { facts, ownerRef } = await this.factsOf(entity, ctx);
    const results = this.compiled.evaluate(
      { kind: entity.kind, type: typeOf(entity) },
      facts,
      ctx.exemptions.get(entityRef) ?? [],
      ctx.now,
    );
    return scorecardOf(
      {
        entityRef,
        kind: entity.kind,
        ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
        ...(typeOf(entity) ? { type: typeOf(entity) } : {}),
        ...(ownerRef ? { ownerRef } : {}),
      },
      results,
      ctx.now,
    );
  }

  private async context(
    entities: Entity[],
    exemptions: ComplianceExemption[],
    teamRefs?: string[],
  ): Promise<EvaluationContext> {
    const { sources } = this.options;
    const [drift, registry, quotas] = await Promise.all([
      sources.driftModels(),
      sources.registryEntries(),
      sources.quotaApprovals(teamRefs),
    ]);
    return {
      byRef: new Map(entities.map(e => [stringifyEntityRef(e), e])),
      drift: new Map(drift.map(d => [d.modelRef, d])),
      registry: new Map(registry.map(r => [r.name, r])),
      approvals: groupBy(approvalsOf(quotas), a => a.teamRef),
      exemptions: groupBy(exemptions, e => e.entityRef),
      now: this.now(),
    };
  }

  /** Evaluates every entity a check applies to, from one read of the catalog; stores the results. */
  async evaluateAll(): Promise<{ evaluated: number }> {
    const { items } = await this.options.catalog.getEntities(
      {},
      { credentials: await this.ownCredentials() },
    );
    const entities = items.filter(Boolean) as Entity[];
    const ctx = await this.context(
      entities,
      await this.options.store.listExemptions(),
    );
    const scorecards: EntityScorecard[] = [];
    for (const entity of entities) {
      if (this.applies(entity))
        scorecards.push(await this.scorecard(entity, ctx));
    }
    await this.options.store.saveScorecards(scorecards);
    return { evaluated: scorecards.length };
  }

  /** The entity as the caller may see it (404 otherwise). */
  private async visibleEntity(
    entityRef: string,
    credentials?: BackstageCredentials,
  ) {
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials: credentials ?? (await this.ownCredentials()),
    });
    if (!entity)
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    return entity;
  }

  /** One entity, its upstream, its owner: what evaluating only it needs. */
  private async neighbourhood(entity: Entity) {
    const credentials = await this.ownCredentials();
    const all = new Map<string, Entity>([[stringifyEntityRef(entity), entity]]);
    const owner = ownerRefOf(entity);
    let frontier = [entity];
    for (let depth = 0; depth < 4 && frontier.length; depth++) {
      const refs = [
        ...new Set([
          ...frontier.flatMap(upstreamRefs),
          ...(depth === 0 && owner ? [owner] : []),
        ]),
      ].filter(r => !all.has(r));
      if (!refs.length) break;
      const { items } = await this.options.catalog.getEntitiesByRefs(
        { entityRefs: refs },
        { credentials },
      );
      frontier = items.filter(Boolean) as Entity[];
      for (const e of frontier) all.set(stringifyEntityRef(e), e);
    }
    return [...all.values()];
  }

  private async prepareOne(
    entityRef: string,
    credentials?: BackstageCredentials,
  ) {
    const entity = await this.visibleEntity(entityRef, credentials);
    if (!this.applies(entity)) {
      throw new NotFoundError(`No compliance check applies to ${entityRef}`);
    }
    const ref = stringifyEntityRef(entity);
    const owner = ownerRefOf(entity);
    const ctx = await this.context(
      await this.neighbourhood(entity),
      await this.options.store.listExemptions({ entityRef: ref }),
      owner ? [owner] : [],
    );
    return { entity, ctx };
  }

  /** Re-evaluates one entity now, as the caller may see it; stores and answers its scorecard. */
  async evaluateOne(
    entityRef: string,
    credentials?: BackstageCredentials,
  ): Promise<EntityScorecard> {
    const { entity, ctx } = await this.prepareOne(entityRef, credentials);
    const scorecard = await this.scorecard(entity, ctx);
    await this.options.store.saveScorecards([scorecard]);
    return scorecard;
  }

  /** The stored scorecard of an entity the caller may see; evaluated now if it never was. */
  async getScorecard(entityRef: string, credentials: BackstageCredentials) {
    const entity = await this.visibleEntity(entityRef, credentials);
    const stored = await this.options.store.getScorecard(
      stringifyEntityRef(entity),
    );
    return stored ?? this.evaluateOne(entityRef, credentials);
  }

  async teamRollup(teamRef: string): Promise<TeamRollup> {
    const scorecards = await this.options.store.listScorecards({
      ownerRefs: [teamRef],
    });
    return rollupTeam(teamRef, scorecards);
  }

  async heatmap(): Promise<ComplianceHeatmap> {
    const scorecards = await this.options.store.listScorecards();
    const trend = await this.options.store.trend(
      new Date(this.now().getTime() - TREND_DAYS * DAY_MS),
    );
    return heatmapOf(
      groupBy(scorecards, s => s.ownerRef ?? NO_OWNER),
      trend,
    );
  }

  listExemptions(filter: { entityRef?: string } = {}) {
    return this.options.store.listExemptions(filter);
  }

  /** Records an exemption (the caller approves it), then re-evaluates the entity. */
  async exempt(
    input: ExemptionInput,
    actor: Actor,
  ): Promise<ComplianceExemption> {
    if (!this.options.checks.some(c => c.id === input.checkId)) {
      throw new NotFoundError(`No compliance check ${input.checkId}`);
    }
    const now = this.now();
    const exemption = await this.options.store.addExemption({
      id: randomUUID(),
      entityRef: input.entityRef,
      checkId: input.checkId,
      reason: input.reason,
      approvedBy: actor.userRef,
      expiresAt: new Date(input.expiresAt).toISOString(),
      createdBy: actor.userRef,
      createdAt: now.toISOString(),
    });
    try {
      await this.evaluateOne(input.entityRef);
    } catch (error) {
      // The exemption stands; the next scheduled run applies it.
      this.options.logger.warn(
        `Compliance: ${input.entityRef} not re-evaluated after its exemption: ${error}`,
      );
    }
    return exemption;
  }

  /** The evidence pack of one model the caller may see, from facts read now. */
  async evidence(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EvidencePack> {
    const { entity, ctx } = await this.prepareOne(entityRef, credentials);
    const ref = stringifyEntityRef(entity);
    const { facts, ownerRef, found, card } = await this.factsOf(entity, ctx);
    if (typeOf(entity) === AiResourceType.aiModel) {
      const energy = await this.options.sources.trainingEnergy?.(
        ref,
        credentials,
      );
      Object.assign(facts, energy ? trainingEnergyFacts(energy) : {});
    }
    const stored = await this.options.store.getScorecard(ref);
    const scorecard = stored ?? (await this.scorecard(entity, ctx));
    return evidencePackOf({
      entityRef: ref,
      title: entity.metadata.title,
      ownerRef,
      facts,
      card,
      cardSource: found?.source,
      cardProblem: found && 'problem' in found ? found.problem : undefined,
      evaluatedAt: scorecard.evaluatedAt,
      results: scorecard.results,
      approvals: ownerRef ? ctx.approvals.get(ownerRef) ?? [] : [],
      exemptions: ctx.exemptions.get(ref) ?? [],
      now: ctx.now,
    });
  }

  async prune(retentionDays: number) {
    return this.options.store.prune(
      new Date(this.now().getTime() - retentionDays * DAY_MS),
    );
  }
}

export { APPROVED_STATUSES };
