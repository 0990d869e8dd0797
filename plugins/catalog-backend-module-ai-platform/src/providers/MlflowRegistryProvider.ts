import { RootConfigService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { MlflowRegistryClient } from './mlflow/MlflowRegistryClient';
import {
  portalEntityRefOf,
  registeredModelToEntity,
} from './mlflow/registeredModelEntity';
import { readRegistryConfigs, RegistryConfig } from './registryConfig';
import { RegistryEntityProvider, RegistryRead } from './RegistryEntityProvider';

/** One `aiPlatform.mlflow.registries` entry, with its defaults. */
export interface MlflowRegistryConfig extends RegistryConfig {
  /** MLflow's search filter; every registered model by default. */
  filter?: string;
}

/** Reads `aiPlatform.mlflow.registries`; an empty list when it is not configured. */
export function readMlflowRegistryConfigs(
  config: RootConfigService,
): MlflowRegistryConfig[] {
  return readRegistryConfigs(config, 'aiPlatform.mlflow.registries', r => ({
    filter: r.getOptionalString('filter'),
  }));
}

/**
 * Puts the registered models of one MLflow model registry in the catalog as `ai-model`
 * Resources. Each run searches the registered models page by page to the end and replaces the
 * provider's whole set: MLflow has no change feed, and its search filters on names and tags
 * only, so a run cannot ask for the models changed since the last one (and would not see the
 * deleted ones). Every page already carries all that the entity shows, so nothing is read per
 * model either. A run that fails anywhere (network, an error status, a timeout, too many pages
 * or a page token given twice) logs why and leaves the last good set in the catalog.
 */
export class MlflowRegistryProvider extends RegistryEntityProvider<MlflowRegistryConfig> {
  protected readonly tool = {
    id: 'mlflow',
    title: 'MLflow',
    items: 'models',
  };
  private readonly client = new MlflowRegistryClient(this.registry);

  protected async read(): Promise<RegistryRead> {
    const models = await this.client.searchRegisteredModels();
    const context = {
      providerName: this.getProviderName(),
      registryId: this.registry.id,
      ownerTag: this.registry.ownerTag,
      defaultOwner: this.registry.defaultOwner,
    };
    const read: Entity[] = [];
    const seen = new Set<string>();
    let leftOut = 0;
    let inPortal = 0;
    for (const model of models) {
      const name = String(model.name ?? '');
      // A model that moved across pages while they were read comes twice: once is enough.
      if (seen.has(name)) {
        continue;
      }
      seen.add(name);
      // Registered through the portal: its entity is already in the catalog, from the ledger.
      if (portalEntityRefOf(model)) {
        inPortal++;
        continue;
      }
      const entity = this.take(
        `model ${JSON.stringify(name)}`,
        registeredModelToEntity(model, context),
      );
      if (entity) {
        read.push(entity);
      } else {
        leftOut++;
      }
    }
    const unique = this.withUniqueNames(
      read,
      entity => `model ${JSON.stringify(entity.metadata.title)}`,
    );
    const entities = unique.entities;
    leftOut += unique.leftOut;
    return {
      entities,
      summary: `${entities.length} of ${seen.size} registered models in the catalog, ${inPortal} left to the portal's entities, ${leftOut} left out`,
    };
  }
}
