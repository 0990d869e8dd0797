import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  countCategories,
  DEFAULT_DATASET_DRIFT_SHARE,
  DriftSettings,
  DriftWindowInput,
  driftOverrideFor,
  evaluateFeatureDrift,
  FeatureDriftResult,
  FeatureWindow,
  ModelDriftDetail,
  ModelDriftSummary,
  modelDriftStatus,
  readDriftSettings,
} from '@ai-platform/plugin-ai-platform-common';
import {
  DriftStore,
  ModelStatusRow,
  StoredDriftWindow,
  StoredPayload,
} from './DriftStore';

/** Windows evaluated per run; the rest wait for the next run. */
const BATCH = 200;
/** A model missing from the catalog is evaluated with default settings once its window is this old. */
const CATALOG_GRACE_MS = 10 * 60_000;
/** Evaluations per feature returned for the sparkline. */
const HISTORY = 30;

function binLabel(edges: number[], i: number): string {
  return `[${edges[i]}, ${edges[i + 1]}${i === edges.length - 2 ? ']' : ')'}`;
}

/** A pushed window in its stored form: numbers stay numbers; labels, counts and histograms become counts. */
function toPayload(input: DriftWindowInput): StoredPayload {
  if (input.histogram) {
    const { edges, counts } = input.histogram;
    return {
      kind: 'categorical',
      bins: edges,
      counts: Object.fromEntries(counts.map((c, i) => [binLabel(edges, i), c])),
    };
  }
  if (input.counts) return { kind: 'categorical', counts: input.counts };
  const values = input.values!;
  if (typeof values[0] === 'number') {
    return { kind: 'numeric', values: values as number[] };
  }
  return { kind: 'categorical', counts: countCategories(values as string[]) };
}

function toFeatureWindow(payload: StoredPayload): FeatureWindow {
  return payload.kind === 'numeric'
    ? { kind: 'numeric', values: payload.values }
    : { kind: 'categorical', counts: payload.counts };
}

function shapeOf(p: StoredPayload): string {
  if (p.kind === 'numeric') return 'numbers';
  return p.bins ? 'a histogram' : 'categories';
}

/** Why a current window cannot be compared with the reference, if it cannot. */
function mismatch(reference: StoredPayload, current: StoredPayload) {
  if (shapeOf(reference) !== shapeOf(current)) {
    return `the reference is ${shapeOf(reference)}, this window ${shapeOf(
      current,
    )}`;
  }
  if (
    reference.kind === 'categorical' &&
    current.kind === 'categorical' &&
    reference.bins &&
    JSON.stringify(reference.bins) !== JSON.stringify(current.bins)
  ) {
    return 'the histogram edges differ from the reference';
  }
  return undefined;
}

/**
 * Model drift: takes windows, evaluates current windows against the feature's reference with the
 * drift engine (settings from the model's annotations), keeps each model's status and tells the
 * owner when a model turns drifted.
 */
export class DriftService {
  constructor(
    private readonly options: {
      store: DriftStore;
      catalog: CatalogService;
      auth: AuthService;
      notifications: NotificationService;
      logger: LoggerService;
      datasetDriftShare?: number;
    },
  ) {}

  async ingest(
    input: DriftWindowInput,
    now = new Date(),
  ): Promise<{ id: number }> {
    const payload = toPayload(input);
    if (input.role === 'current') {
      const reference = await this.options.store.reference(
        input.model,
        input.feature,
      );
      const problem = reference && mismatch(reference.payload, payload);
      if (problem) throw new InputError(`${input.feature}: ${problem}`);
    }
    const id = await this.options.store.addWindow({
      modelRef: input.model,
      feature: input.feature,
      role: input.role,
      payload,
      windowStart: input.windowStart,
      windowEnd: input.windowEnd ?? now.toISOString(),
      receivedAt: now.toISOString(),
    });
    return { id };
  }

  private async entity(modelRef: string): Promise<Entity | undefined> {
    return this.options.catalog.getEntityByRef(modelRef, {
      credentials: await this.options.auth.getOwnServiceCredentials(),
    });
  }

  /** Evaluates pending current windows, then updates the models they belong to. */
  async evaluatePending(
    now = new Date(),
  ): Promise<{ evaluated: number; failed: number }> {
    const { store, logger } = this.options;
    const pending = await store.pendingWindows(BATCH);
    const byModel = new Map<string, StoredDriftWindow[]>();
    for (const w of pending)
      byModel.set(w.modelRef, [...(byModel.get(w.modelRef) ?? []), w]);
    let evaluated = 0;
    let failed = 0;
    for (const [modelRef, windows] of byModel) {
      const entity = await this.entity(modelRef);
      let settings: DriftSettings = { model: {}, features: {} };
      let settingsError: string | undefined;
      try {
        settings = readDriftSettings(entity?.metadata.annotations);
      } catch (e) {
        settingsError = (e as Error).message;
      }
      let touched = false;
      // Several windows of one feature share a reference of up to 100 000 values: read it once.
      const references = new Map<string, StoredDriftWindow | undefined>();
      for (const window of windows) {
        if (
          !entity &&
          now.getTime() - Date.parse(window.receivedAt) < CATALOG_GRACE_MS
        ) {
          continue; // The catalog may not have read the model yet; its settings matter.
        }
        if (!references.has(window.feature)) {
          references.set(
            window.feature,
            await store.reference(modelRef, window.feature),
          );
        }
        const reference = references.get(window.feature);
        if (!reference) continue; // Waits for its reference.
        const problem =
          settingsError ?? mismatch(reference.payload, window.payload);
        try {
          if (problem) throw new InputError(problem);
          const result = evaluateFeatureDrift(
            window.feature,
            toFeatureWindow(reference.payload),
            toFeatureWindow(window.payload),
            driftOverrideFor(settings, window.feature),
          );
          await store.recordEvaluation(
            window,
            {
              result: {
                ...result,
                referenceSize: reference.size,
                currentSize: window.size,
              },
            },
            now,
          );
          evaluated++;
          touched = true;
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          logger.warn(
            `Drift of ${modelRef} ${window.feature} not evaluated: ${e.message}`,
          );
          await store.recordEvaluation(window, { error: e.message }, now);
          failed++;
        }
      }
      if (touched) await this.updateModel(modelRef, entity, settings, now);
    }
    return { evaluated, failed };
  }

  private async updateModel(
    modelRef: string,
    entity: Entity | undefined,
    settings: DriftSettings,
    now: Date,
  ) {
    const { store } = this.options;
    const latest = await store.latestResults(modelRef);
    const { status, driftedShare } = modelDriftStatus(
      latest,
      settings.datasetDriftShare ??
        this.options.datasetDriftShare ??
        DEFAULT_DATASET_DRIFT_SHARE,
    );
    const previous = await store.getModel(modelRef);
    const changed = previous?.status !== status;
    await store.saveModel({
      modelRef,
      status,
      since: changed ? now.toISOString() : previous!.since,
      driftedShare,
      featureCount: latest.length,
      evaluatedAt: now.toISOString(),
    });
    const owner = entity?.spec?.owner;
    if (
      changed &&
      status === 'drifted' &&
      typeof owner === 'string' &&
      entity
    ) {
      const drifted = latest
        .filter(f => f.status === 'drifted')
        .map(f => f.feature);
      await this.options.notifications.send({
        recipients: { type: 'entity', entityRef: owner },
        payload: {
          title: `${entity.metadata.title ?? entity.metadata.name} has drifted`,
          description: `${drifted.length} of ${
            latest.length
          } features drifted: ${drifted.join(', ')}.`,
          link: `/catalog/${
            entity.metadata.namespace ?? 'default'
          }/${entity.kind.toLocaleLowerCase('en-US')}/${entity.metadata.name}`,
          severity: 'high',
          topic: 'ai-platform-model-drift',
          scope: `drift:${modelRef}`,
        },
      });
    }
  }

  private async catalogInfo(refs: string[], credentials: BackstageCredentials) {
    if (refs.length === 0) return new Map<string, Entity>();
    const { items } = await this.options.catalog.getEntitiesByRefs(
      {
        entityRefs: refs,
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'spec.owner',
        ],
      },
      { credentials },
    );
    const found = new Map<string, Entity>();
    items.forEach(item => item && found.set(stringifyEntityRef(item), item));
    return found;
  }

  private summary(model: ModelStatusRow, entity?: Entity): ModelDriftSummary {
    return {
      ...model,
      ...(entity?.metadata.title ? { title: entity.metadata.title } : {}),
      ...(typeof entity?.spec?.owner === 'string'
        ? { owner: entity.spec.owner }
        : {}),
    };
  }

  /** Every model with a status, with title and owner from the catalog (as the caller may see it). */
  async listModels(
    credentials: BackstageCredentials,
  ): Promise<ModelDriftSummary[]> {
    const models = await this.options.store.listModels();
    const entities = await this.catalogInfo(
      models.map(m => m.modelRef),
      credentials,
    );
    return models.map(m => this.summary(m, entities.get(m.modelRef)));
  }

  async getModel(
    modelRef: string,
    credentials: BackstageCredentials,
  ): Promise<ModelDriftDetail> {
    const { store } = this.options;
    const model = await store.getModel(modelRef);
    if (!model) throw new NotFoundError(`No drift results for ${modelRef}`);
    const [history, entities] = await Promise.all([
      store.history(modelRef, HISTORY),
      this.catalogInfo([modelRef], credentials),
    ]);
    // History is oldest first: a feature's latest result is its last.
    const byFeature = new Map<string, FeatureDriftResult[]>();
    for (const h of history) {
      byFeature.set(h.feature, [...(byFeature.get(h.feature) ?? []), h]);
    }
    return {
      ...this.summary(model, entities.get(modelRef)),
      features: [...byFeature.keys()].sort().map(feature => {
        const results = byFeature.get(feature)!;
        return {
          ...results[results.length - 1],
          history: results.map(({ windowEnd, statistic, pValue, status }) => ({
            windowEnd,
            statistic,
            ...(pValue === undefined ? {} : { pValue }),
            status,
          })),
        };
      }),
    };
  }

  async prune(retentionDays: number, now = new Date()) {
    return this.options.store.prune(
      new Date(now.getTime() - retentionDays * 86_400_000),
    );
  }
}
