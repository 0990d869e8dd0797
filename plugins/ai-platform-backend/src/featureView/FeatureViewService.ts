import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AiResourceType,
  FeatureView,
  FeatureViewInput,
  FeatureViewResult,
} from '@ai-platform/plugin-ai-platform-common';
import { CreateOptions } from '../shared/RequestContext';
import { beginTeamCreate } from '../shared/teamCreate';
import { FeatureViewStore } from './FeatureViewStore';

/**
 * Feature views over the catalog's datasets: a team defines them for itself, each reads one
 * `dataset` Resource, and names are unique (each becomes a catalog entity of that name).
 */
export class FeatureViewService {
  constructor(
    private readonly options: {
      store: FeatureViewStore;
      catalog: CatalogService;
      auth: AuthService;
    },
  ) {}

  list(): Promise<FeatureView[]> {
    return this.options.store.list();
  }

  async create(
    input: FeatureViewInput,
    options: CreateOptions,
  ): Promise<FeatureViewResult> {
    const { store } = this.options;
    const existing = await beginTeamCreate(input.teamRef, options, key =>
      store.findByIdempotencyKey(key),
    );
    if (existing) {
      return { featureView: existing };
    }
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const view = {
      ...input,
      datasetRef: await this.datasetRef(input, credentials),
    };
    if (await store.findByName(input.name)) {
      throw this.nameTaken(input.name);
    }
    // The view becomes this entity: another of that name would conflict with it.
    const entityRef = `resource:default/${input.name}`;
    if (await this.options.catalog.getEntityByRef(entityRef, { credentials })) {
      throw new ConflictError(
        `name: ${entityRef} is already in the catalog; choose another name`,
      );
    }
    if (options.dryRun) {
      return {};
    }
    const featureView = await store.insert({
      ...view,
      createdBy: options.actor.userRef,
      idempotencyKey: options.idempotencyKey,
    });
    if (featureView) {
      return { featureView };
    }
    // Another request stored the name or the key first: a retry of that request gets its view.
    const raced =
      options.idempotencyKey &&
      (await store.findByIdempotencyKey(options.idempotencyKey));
    if (raced) {
      return { featureView: raced };
    }
    throw this.nameTaken(input.name);
  }

  /** The catalog's ref of the `dataset` Resource the view reads; 400 if there is none. */
  private async datasetRef(
    input: FeatureViewInput,
    credentials: BackstageCredentials,
  ): Promise<string> {
    const ref = stringifyEntityRef(parseEntityRef(input.datasetRef));
    const entity = await this.options.catalog.getEntityByRef(ref, {
      credentials,
    });
    if (entity?.spec?.type !== AiResourceType.dataset) {
      const found = entity
        ? ` (it is a ${entity.spec?.type ?? 'Resource'})`
        : '';
      throw new InputError(
        `datasetRef: there is no dataset ${ref} in the catalog${found}`,
      );
    }
    return ref;
  }

  private nameTaken(name: string) {
    return new ConflictError(
      `name: a feature view named ${name} already exists`,
    );
  }
}
