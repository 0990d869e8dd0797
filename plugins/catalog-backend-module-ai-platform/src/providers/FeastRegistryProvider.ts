import { RootConfigService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { FeastRegistryClient } from './feast/FeastRegistryClient';
import {
  FeastAnnotations,
  featureViewToEntity,
  portalEntityRefOf,
  isCatalogedViewType,
  unwrapView,
} from './feast/featureViewEntity';
import { readRegistryConfigs, RegistryConfig } from './registryConfig';
import { Json } from './registryHttp';
import { RegistryEntityProvider, RegistryRead } from './RegistryEntityProvider';

/** One `aiPlatform.feast.registries` entry, with its defaults. */
export interface FeastRegistryConfig extends RegistryConfig {
  project?: string;
  datasetTag: string;
}

/** Reads `aiPlatform.feast.registries`; an empty list when it is not configured. */
export function readFeastRegistryConfigs(
  config: RootConfigService,
): FeastRegistryConfig[] {
  return readRegistryConfigs(config, 'aiPlatform.feast.registries', r => ({
    project: r.getOptionalString('project'),
    datasetTag: r.getOptionalString('datasetTag') ?? 'dataset',
  }));
}

/**
 * Puts the feature views of one Feast registry in the catalog as `feature-view` Resources.
 * Each run lists the projects (or reads the configured one), then each project's entities,
 * data sources and feature views, following the pages to the end, and replaces the provider's
 * whole set. A run that fails anywhere (network, an error status, a timeout, too many pages)
 * logs why and leaves the last good set in the catalog.
 */
export class FeastRegistryProvider extends RegistryEntityProvider<FeastRegistryConfig> {
  protected readonly tool = {
    id: 'feast',
    title: 'Feast',
    items: 'feature views',
  };
  private readonly client = new FeastRegistryClient(this.registry);

  protected async read(): Promise<RegistryRead> {
    const projects = this.registry.project
      ? [this.registry.project]
      : (await this.client.list('/projects', ['projects']))
          .map(p => (p.spec as Json | undefined)?.name ?? p.name)
          .filter((name): name is string => typeof name === 'string');
    const read: Entity[] = [];
    let leftOut = 0;
    for (const project of projects) {
      const result = await this.readProject(project);
      leftOut += result.leftOut;
      read.push(...result.entities);
    }
    const unique = this.withUniqueNames(
      read,
      entity =>
        `feature view ${
          entity.metadata.annotations?.[FeastAnnotations.project]
        }/${entity.metadata.title}`,
    );
    const entities = unique.entities;
    leftOut += unique.leftOut;
    return {
      entities,
      summary: `${entities.length} feature views of ${projects.length} projects in the catalog, ${leftOut} left out`,
    };
  }

  private async readProject(project: string) {
    const query = { project };
    const [feastEntities, dataSources, items] = await Promise.all([
      this.client.list('/entities', ['entities'], query),
      // Older servers wrap data sources as `data_sources`.
      this.client.list('/data_sources', ['dataSources', 'data_sources'], query),
      this.client.list('/feature_views', ['featureViews'], query),
    ]);
    const context = {
      providerName: this.getProviderName(),
      registryId: this.registry.id,
      project,
      ownerTag: this.registry.ownerTag,
      defaultOwner: this.registry.defaultOwner,
      datasetTag: this.registry.datasetTag,
      entityNames: new Set(
        feastEntities
          .map(e => (e.spec as Json | undefined)?.name)
          .filter((name): name is string => typeof name === 'string'),
      ),
      dataSources: new Map(
        dataSources
          .filter(s => typeof s.name === 'string')
          .map(s => [s.name as string, s]),
      ),
    };
    const entities: Entity[] = [];
    let leftOut = 0;
    for (const item of items) {
      const view = unwrapView(item);
      // On-demand views have no entities or TTL of their own: they are computed per request.
      if (!view || !isCatalogedViewType(view.type)) {
        leftOut++;
        continue;
      }
      // Defined in the portal: its entity is already in the catalog, from the portal's ledger.
      if (portalEntityRefOf(view.spec)) {
        continue;
      }
      const entity = this.take(
        `feature view ${project}/${String(view.spec.name)}`,
        featureViewToEntity(view.spec, context),
      );
      if (entity) {
        entities.push(entity);
      } else {
        leftOut++;
      }
    }
    return { entities, leftOut };
  }
}
