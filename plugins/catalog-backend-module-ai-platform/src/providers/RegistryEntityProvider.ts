import {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { RegistryConfig } from './registryConfig';
import { EntityResult } from './registryEntities';
import { RegistryReadError, withoutSecret } from './registryHttp';

/** What one read of a registry found: the whole set, and a line for the log. */
export interface RegistryRead {
  entities: Entity[];
  summary: string;
}

export interface RegistryEntityProviderOptions {
  logger: LoggerService;
  taskRunner: SchedulerServiceTaskRunner;
}

/**
 * An entity provider that reads one registry on the scheduler and replaces its whole set in the
 * catalog each run. A run that fails anywhere (network, an error status, a timeout, too many
 * pages) logs why, without the registry's token, and leaves the last good set in the catalog.
 */
export abstract class RegistryEntityProvider<C extends RegistryConfig>
  implements EntityProvider
{
  private connection?: EntityProviderConnection;

  /** The registry's tool, as the provider's name and its logs name it. */
  protected abstract readonly tool: {
    /** Names the provider: `<id>-registry-provider:<registry id>`. */
    id: string;
    /** The tool as logs name it (`Feast`). */
    title: string;
    /** What the registry's entities are, as logs name them (`feature views`). */
    items: string;
  };

  constructor(
    protected readonly registry: C,
    protected readonly options: RegistryEntityProviderOptions,
  ) {}

  getProviderName(): string {
    return `${this.tool.id}-registry-provider:${this.registry.id}`;
  }

  /** The registry as logs name it (`Feast registry prod`). */
  protected get label(): string {
    return `${this.tool.title} registry ${this.registry.id}`;
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
    let read: RegistryRead;
    try {
      read = await this.read();
    } catch (error) {
      const reason =
        error instanceof RegistryReadError
          ? error.message
          : `unexpected ${String(error)}`;
      this.options.logger.error(
        withoutSecret(
          `${this.label} not read, its ${this.tool.items} stay as they were: ${reason}`,
          this.registry.token,
        ),
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
    this.options.logger.info(`${this.label}: ${read.summary}`);
  }

  /** Reads the whole registry; throws when any part of it cannot be read. */
  protected abstract read(): Promise<RegistryRead>;

  /**
   * Logs what `result` reports of `subject` (`feature view recsys/x`): its problems, or why it
   * is left out. Answers its entity, if it has one.
   */
  protected take(subject: string, result: EntityResult): Entity | undefined {
    const { logger } = this.options;
    for (const problem of result.problems) {
      logger.warn(`${this.label}, ${subject}: ${problem}`);
    }
    if (!result.entity) {
      logger.warn(`${this.label}: ${subject} left out, ${result.skipped}`);
    }
    return result.entity;
  }

  /**
   * `entities` less those whose name an earlier one has (the catalog compares names without
   * case, so the first keeps a shared name); each one left out is logged, by `subjectOf`.
   */
  protected withUniqueNames(
    entities: Entity[],
    subjectOf: (entity: Entity) => string,
  ): { entities: Entity[]; leftOut: number } {
    const names = new Set<string>();
    const unique = entities.filter(entity => {
      const name = entity.metadata.name.toLocaleLowerCase('en-US');
      if (names.has(name)) {
        this.options.logger.warn(
          `${this.label}: ${subjectOf(entity)} left out, another of its ${
            this.tool.items
          } already has the entity name ${entity.metadata.name}`,
        );
        return false;
      }
      names.add(name);
      return true;
    });
    return { entities: unique, leftOut: entities.length - unique.length };
  }
}
