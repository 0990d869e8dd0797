import { AuthService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AiResourceType,
  FeatureView,
  FeatureViewInput,
  FeatureViewResult,
} from '@ai-platform/plugin-ai-platform-common';
import {
  requireCatalogResources,
  requireFreeResourceName,
} from '../shared/catalogChecks';
import { CreateOptions } from '../shared/RequestContext';
import { beginTeamCreate, retriedOrConflict } from '../shared/teamCreate';
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
    const [datasetRef] = await requireCatalogResources(
      this.options.catalog,
      credentials,
      [input.datasetRef],
      {
        types: [AiResourceType.dataset],
        what: 'dataset',
        field: () => 'datasetRef',
      },
    );
    const view = { ...input, datasetRef };
    // Another request stored the name or the key first: a retry of that request gets its view.
    const takenOrRetried = async () => ({
      featureView: await retriedOrConflict(
        options,
        key => store.findByIdempotencyKey(key),
        () => this.nameTaken(input.name),
      ),
    });
    if (await store.findByName(input.name)) {
      return takenOrRetried();
    }
    // The view becomes this entity: another of that name would conflict with it.
    await requireFreeResourceName(
      this.options.catalog,
      credentials,
      input.name,
    );
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
    return takenOrRetried();
  }

  private nameTaken(name: string) {
    return new ConflictError(
      `name: a feature view named ${name} already exists`,
    );
  }
}
