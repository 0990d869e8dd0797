import { randomUUID } from 'node:crypto';
import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AI_PLATFORM_ANNOTATION_PREFIX,
  PORTAL_ENTITY_REF_TAG,
  AiResourceType,
  MlflowRegistration,
  ModelRegistryEntry,
  ModelRegistryEntryInput,
  ModelRegistryEntryResult,
  renderModelCard,
} from '@ai-platform/plugin-ai-platform-common';
import {
  requireCatalogResources,
  requireFreeResourceName,
} from '../shared/catalogChecks';
import { CreateOptions } from '../shared/RequestContext';
import { beginTeamCreate, retriedOrConflict } from '../shared/teamCreate';
import { MlflowClient, MlflowError } from './MlflowClient';
import { ModelRegistryStore } from './ModelRegistryStore';

/** MLflow tags linking a registered model back to the portal. */
export const MLFLOW_TAGS = {
  entryId: `${AI_PLATFORM_ANNOTATION_PREFIX}/entry-id`,
};

/**
 * Models a team registers: trained on the catalog's datasets and feature views, under a name
 * that is free in the portal, the catalog and MLflow (where one is configured). An entry is
 * recorded with its MLflow model or not at all.
 */
export class ModelRegistryService {
  constructor(
    private readonly options: {
      store: ModelRegistryStore;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      mlflow?: MlflowClient;
    },
  ) {}

  list(): Promise<ModelRegistryEntry[]> {
    return this.options.store.list();
  }

  /**
   * The entry's model card (Markdown), with the catalog's titles of its team and training data
   * as `credentials` may see them (the plugin's own without).
   */
  async modelCard(
    name: string,
    credentials?: BackstageCredentials,
  ): Promise<string> {
    const entry = await this.options.store.findByName(name);
    if (!entry) {
      throw new NotFoundError(`No model named ${name} is registered`);
    }
    const refs = [entry.teamRef, ...entry.trainingData];
    const titles: Record<string, string> = {};
    try {
      const { items } = await this.options.catalog.getEntitiesByRefs(
        { entityRefs: refs, fields: ['metadata.title', 'spec.profile'] },
        {
          credentials:
            credentials ?? (await this.options.auth.getOwnServiceCredentials()),
        },
      );
      items.forEach((entity, i) => {
        const profile = entity?.spec?.profile as
          | { displayName?: string }
          | undefined;
        const title = profile?.displayName ?? entity?.metadata?.title;
        if (title) titles[refs[i]] = title;
      });
    } catch (error) {
      // Titles only name things; the card says the same with refs.
      this.options.logger.warn(
        `Model card of ${name} without catalog titles: ${error}`,
      );
    }
    return renderModelCard({
      ...entry,
      titles,
      ownerTitle: titles[entry.teamRef],
    });
  }

  async create(
    input: ModelRegistryEntryInput,
    options: CreateOptions,
  ): Promise<ModelRegistryEntryResult> {
    const { store, catalog } = this.options;
    const existing = await beginTeamCreate(input.teamRef, options, key =>
      store.findByIdempotencyKey(key),
    );
    if (existing) {
      return { entry: existing };
    }
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const trainingData = await requireCatalogResources(
      catalog,
      credentials,
      input.trainingData,
      {
        types: [AiResourceType.dataset, AiResourceType.featureView],
        what: 'dataset or feature view',
        field: i => `trainingData[${i}]`,
      },
    );
    // Another request stored the name or the key first: a retry of that request gets its entry.
    const takenOrRetried = async (
      conflict = () => this.nameTaken(input.name),
    ) => ({
      entry: await retriedOrConflict(
        options,
        key => store.findByIdempotencyKey(key),
        conflict,
      ),
    });
    if (await store.findByName(input.name)) {
      return takenOrRetried();
    }
    // The entry becomes this entity: another of that name would conflict with it.
    await requireFreeResourceName(catalog, credentials, input.name);
    if (options.dryRun) {
      return {};
    }

    const entry = { ...input, trainingData, id: randomUUID() };
    let mlflow: MlflowRegistration | undefined;
    try {
      mlflow = await this.register(entry);
    } catch (error) {
      if (error instanceof ConflictError) {
        return takenOrRetried(() => error);
      }
      throw error;
    }

    let stored: ModelRegistryEntry | undefined;
    try {
      stored = await store.insert({
        ...entry,
        mlflow,
        createdBy: options.actor.userRef,
        idempotencyKey: options.idempotencyKey,
      });
    } catch (error) {
      if (mlflow) await this.unregister(input.name, 'the entry was not stored');
      throw error;
    }
    if (stored) {
      return { entry: stored };
    }
    if (mlflow) await this.unregister(input.name, 'the name was taken');
    return takenOrRetried();
  }

  /**
   * Registers the model in MLflow, with a version when the entry gives its artifacts: all of it
   * or, after removing what it made, an error (409 for a name MLflow has, 503 otherwise).
   */
  private async register(
    entry: ModelRegistryEntryInput & { id: string },
  ): Promise<MlflowRegistration | undefined> {
    const { mlflow } = this.options;
    if (!mlflow) return undefined;
    const { name } = entry;
    const entityRef = `resource:default/${name}`;
    const team = parseEntityRef(entry.teamRef);
    try {
      await mlflow.createRegisteredModel({
        name,
        description: [entry.intendedPurpose, entry.description]
          .filter(Boolean)
          .join('\n\n'),
        tags: [
          // A bare group name in the default namespace, as the portal's Feast views tag it.
          {
            key: 'team',
            value: team.namespace === 'default' ? team.name : entry.teamRef,
          },
          { key: 'risk_class', value: entry.riskClass },
          { key: 'task', value: entry.task },
          { key: PORTAL_ENTITY_REF_TAG, value: entityRef },
          { key: MLFLOW_TAGS.entryId, value: entry.id },
        ],
      });
    } catch (error) {
      if (
        error instanceof MlflowError &&
        error.details.errorCode === 'RESOURCE_ALREADY_EXISTS'
      ) {
        throw new ConflictError(
          `name: MLflow already has a registered model named ${name}; choose another name`,
        );
      }
      // Without an answer the model may exist: remove it if this request made it.
      const cleanup =
        error instanceof MlflowError && error.details.outcomeUnknown
          ? await this.unregisterIfMade(name, entry.id)
          : '';
      throw this.unavailable(name, error, cleanup);
    }

    let version: string | undefined;
    if (entry.sourceUri) {
      try {
        ({ version } = await mlflow.createModelVersion({
          name,
          source: entry.sourceUri,
          tags: [{ key: PORTAL_ENTITY_REF_TAG, value: entityRef }],
        }));
      } catch (error) {
        const cleanup = await this.unregister(name, 'no version was created');
        throw this.unavailable(name, error, cleanup);
      }
    }
    return {
      registeredModel: name,
      ...(version ? { version: String(version) } : {}),
      url: mlflow.modelUrl(name),
    };
  }

  /** Deletes the model this request registered; what went wrong if it could not. */
  private async unregister(name: string, why: string): Promise<string> {
    try {
      await this.options.mlflow!.deleteRegisteredModel(name);
      this.options.logger.info(`Removed MLflow model ${name} again: ${why}`);
      return '';
    } catch (error) {
      this.options.logger.error(
        `MLflow model ${name} was registered but ${why}, and removing it failed; delete it in MLflow: ${error}`,
      );
      return `; the registered model ${name} it made could not be removed (${
        (error as Error).message
      }), delete it in MLflow`;
    }
  }

  /** Deletes `name` only if MLflow has it tagged with this request's entry id. */
  private async unregisterIfMade(name: string, id: string): Promise<string> {
    try {
      const model = await this.options.mlflow!.getRegisteredModel(name);
      const made = model?.tags?.some(
        t => t.key === MLFLOW_TAGS.entryId && t.value === id,
      );
      return made ? await this.unregister(name, 'its registration failed') : '';
    } catch (error) {
      this.options.logger.error(
        `Could not tell whether MLflow registered ${name} (entry ${id}); check MLflow: ${error}`,
      );
      return `; whether MLflow registered ${name} is unknown (${
        (error as Error).message
      })`;
    }
  }

  private unavailable(name: string, error: unknown, cleanup: string) {
    return new ServiceUnavailableError(
      `MLflow could not register ${name}, so nothing was recorded: ${
        (error as Error).message
      }${cleanup}`,
    );
  }

  private nameTaken(name: string) {
    return new ConflictError(
      `name: a model named ${name} is already registered`,
    );
  }
}
