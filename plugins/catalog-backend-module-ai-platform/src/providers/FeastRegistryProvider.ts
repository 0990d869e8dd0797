import {
  LoggerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  FeastRegistryClient,
  FeastRegistryError,
  Json,
} from './feast/FeastRegistryClient';
import {
  featureViewToEntity,
  portalEntityRefOf,
  isCatalogedViewType,
  refFromValue,
  unwrapView,
} from './feast/featureViewEntity';

/** One `aiPlatform.feast.registries` entry, with its defaults. */
export interface FeastRegistryConfig {
  id: string;
  baseUrl: string;
  project?: string;
  token?: string;
  ownerTag: string;
  /** A full entity ref. */
  defaultOwner?: string;
  datasetTag: string;
  timeoutMs: number;
  maxPages: number;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

/** Every 10 minutes, soon after start. */
export const FEAST_DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 5 },
  initialDelay: { seconds: 30 },
};

/** Reads `aiPlatform.feast.registries`; an empty list when it is not configured. */
export function readFeastRegistryConfigs(
  config: RootConfigService,
): FeastRegistryConfig[] {
  const registries =
    config.getOptionalConfigArray('aiPlatform.feast.registries') ?? [];
  const ids = new Set<string>();
  return registries.map(registry => {
    const id = registry.getString('id');
    if (!/^[A-Za-z0-9][-_.A-Za-z0-9]*$/.test(id) || ids.has(id)) {
      throw new Error(
        `aiPlatform.feast.registries: id ${JSON.stringify(
          id,
        )} must be unique and made of letters, digits, '-', '_' and '.'`,
      );
    }
    ids.add(id);
    const defaultOwnerValue = registry.getOptionalString('defaultOwner');
    const defaultOwner =
      defaultOwnerValue === undefined
        ? undefined
        : refFromValue(defaultOwnerValue, ['group', 'user']);
    if (defaultOwnerValue !== undefined && !defaultOwner) {
      throw new Error(
        `aiPlatform.feast.registries[${id}].defaultOwner must be a group name or a group or user entity ref`,
      );
    }
    const positive = (key: string, fallback: number) => {
      const value = registry.getOptionalNumber(key) ?? fallback;
      if (!(value > 0)) {
        throw new Error(
          `aiPlatform.feast.registries[${id}].${key} must be greater than 0`,
        );
      }
      return value;
    };
    const schedule = registry.getOptionalConfig('schedule');
    return {
      id,
      baseUrl: registry.getString('baseUrl'),
      project: registry.getOptionalString('project'),
      token: registry.getOptionalString('token'),
      ownerTag: registry.getOptionalString('ownerTag') ?? 'team',
      defaultOwner,
      datasetTag: registry.getOptionalString('datasetTag') ?? 'dataset',
      timeoutMs: positive('timeoutSeconds', 30) * 1000,
      maxPages: Math.floor(positive('maxPages', 100)),
      schedule: schedule
        ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
        : FEAST_DEFAULT_SCHEDULE,
    };
  });
}

/**
 * Puts the feature views of one Feast registry in the catalog as `feature-view` Resources.
 * Each run lists the projects (or reads the configured one), then each project's entities,
 * data sources and feature views, following the pages to the end, and replaces the provider's
 * whole set. A run that fails anywhere (network, an error status, a timeout, too many pages)
 * logs why and leaves the last good set in the catalog.
 */
export class FeastRegistryProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private readonly client: FeastRegistryClient;

  constructor(
    private readonly registry: FeastRegistryConfig,
    private readonly options: {
      logger: LoggerService;
      taskRunner: SchedulerServiceTaskRunner;
    },
  ) {
    this.client = new FeastRegistryClient(registry);
  }

  getProviderName(): string {
    return `feast-registry-provider:${this.registry.id}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: () => this.refresh(),
    });
  }

  /** One run; failures are logged, not thrown, and leave the catalog as it was. */
  async refresh(): Promise<void> {
    if (!this.connection) {
      throw new Error(`${this.getProviderName()} is not connected yet`);
    }
    const { logger } = this.options;
    let read: { entities: Entity[]; projects: number; leftOut: number };
    try {
      read = await this.read();
    } catch (error) {
      const reason =
        error instanceof FeastRegistryError
          ? error.message
          : `unexpected ${String(error)}`;
      logger.error(
        `Feast registry ${this.registry.id} not read, its feature views stay as they were: ${reason}`,
      );
      return;
    }
    await this.connection.applyMutation({
      type: 'full',
      entities: read.entities.map(entity => ({
        entity,
        locationKey: this.getProviderName(),
      })),
    });
    logger.info(
      `Feast registry ${this.registry.id}: ${read.entities.length} feature views of ${read.projects} projects in the catalog, ${read.leftOut} left out`,
    );
  }

  private async read() {
    const projects = this.registry.project
      ? [this.registry.project]
      : (await this.client.list('/projects', ['projects']))
          .map(p => (p.spec as Json | undefined)?.name ?? p.name)
          .filter((name): name is string => typeof name === 'string');
    const entities: Entity[] = [];
    const names = new Set<string>();
    let leftOut = 0;
    for (const project of projects) {
      const result = await this.readProject(project);
      leftOut += result.leftOut;
      for (const entity of result.entities) {
        // The catalog compares names without case: the first view keeps a shared name.
        const name = entity.metadata.name.toLocaleLowerCase('en-US');
        if (names.has(name)) {
          leftOut++;
          this.options.logger.warn(
            `Feast registry ${this.registry.id}: feature view ${project}/${entity.metadata.title} left out, another view already has the entity name ${entity.metadata.name}`,
          );
        } else {
          names.add(name);
          entities.push(entity);
        }
      }
    }
    return { entities, projects: projects.length, leftOut };
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
      const result = featureViewToEntity(view.spec, context);
      const viewName = `${project}/${String(view.spec.name)}`;
      for (const problem of result.problems) {
        this.options.logger.warn(
          `Feast registry ${this.registry.id}, feature view ${viewName}: ${problem}`,
        );
      }
      if (result.entity) {
        entities.push(result.entity);
      } else {
        leftOut++;
        this.options.logger.warn(
          `Feast registry ${this.registry.id}: feature view ${viewName} left out, ${result.skipped}`,
        );
      }
    }
    return { entities, leftOut };
  }
}
