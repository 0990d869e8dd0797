import {
  AuthService,
  DiscoveryService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  AI_PLATFORM_ANNOTATION_PREFIX,
  AiResourceType,
  QuotaRequest,
} from '@ai-platform/plugin-ai-platform-common';

const PROVIDER = 'ai-platform-quota-provider';

/** The catalog entity for a quota the ledger holds. */
export function quotaToEntity(quota: QuotaRequest): Entity {
  const location = `${PROVIDER}:${quota.id}`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: `gpu-quota-${quota.id}`,
      namespace: 'default',
      title: `${quota.gpuCount}× ${quota.gpuModel} for ${quota.teamRef.replace(
        /^group:default\//,
        '',
      )}`,
      description: quota.justification,
      annotations: {
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': location,
        [`${AI_PLATFORM_ANNOTATION_PREFIX}/quota-id`]: quota.id,
        [`${AI_PLATFORM_ANNOTATION_PREFIX}/quota-status`]: quota.status,
      },
      links: [{ url: '/gpu-quotas', title: 'GPU quotas' }],
    },
    spec: {
      type: AiResourceType.gpuQuota,
      owner: quota.teamRef,
      dependsOn: [quota.clusterRef],
      cluster: quota.clusterRef,
      gpuModel: quota.gpuModel,
      gpuCount: quota.gpuCount,
      window: { start: quota.startsAt, end: quota.endsAt },
      preemptible: quota.preemptible,
    },
  };
}

/**
 * Puts the quotas the ledger holds (approved or active) in the catalog as `gpu-quota`
 * Resources, owned by the team and depending on the cluster. Each run replaces the whole set,
 * so released and expired quotas leave the catalog.
 */
export class QuotaEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      taskRunner: SchedulerServiceTaskRunner;
    },
  ) {}

  getProviderName(): string {
    return PROVIDER;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.taskRunner.run({
      id: `${PROVIDER}:refresh`,
      fn: () => this.refresh(),
    });
  }

  async refresh(): Promise<void> {
    if (!this.connection) {
      throw new Error(`${PROVIDER} is not connected yet`);
    }
    const baseUrl = await this.options.discovery.getBaseUrl('ai-platform');
    const { token } = await this.options.auth.getPluginRequestToken({
      onBehalfOf: await this.options.auth.getOwnServiceCredentials(),
      targetPluginId: 'ai-platform',
    });
    const response = await fetch(
      `${baseUrl}/quotas?status=approved&status=active`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    if (!response.ok) {
      // Keep the entities of the last good run rather than empty the catalog.
      throw await ResponseError.fromResponse(response);
    }
    const { items } = (await response.json()) as { items: QuotaRequest[] };
    await this.connection.applyMutation({
      type: 'full',
      entities: items.map(quota => ({
        entity: quotaToEntity(quota),
        locationKey: PROVIDER,
      })),
    });
    this.options.logger.info(
      `${PROVIDER}: ${items.length} GPU quotas in the catalog`,
    );
  }
}
