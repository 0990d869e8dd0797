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
  MlWorkspace,
  QuotaRequest,
} from '@ai-platform/plugin-ai-platform-common';

const PROVIDER = 'ai-platform-ledger-provider';

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

/** The catalog entity for a workspace the ledger records. */
export function workspaceToEntity(workspace: MlWorkspace): Entity {
  const location = `${PROVIDER}:workspace:${workspace.id}`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: workspace.name,
      namespace: 'default',
      description: `ML workspace of ${workspace.teamRef.replace(
        /^group:default\//,
        '',
      )}`,
      annotations: {
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': location,
        [`${AI_PLATFORM_ANNOTATION_PREFIX}/workspace-id`]: workspace.id,
      },
    },
    spec: {
      type: AiResourceType.mlWorkspace,
      owner: workspace.teamRef,
      dependsOn: [workspace.clusterRef],
      cluster: workspace.clusterRef,
      image: workspace.image,
      gpuCount: workspace.gpuCount,
    },
  };
}

/**
 * Puts the ledger in the catalog: held quotas (approved or active) as `gpu-quota` Resources
 * and workspaces as `ml-workspace` Resources, owned by the team and depending on the
 * cluster. Each run replaces the whole set, so released and expired quotas leave the catalog.
 */
export class LedgerEntityProvider implements EntityProvider {
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
    const get = async <T>(path: string): Promise<T[]> => {
      const response = await fetch(`${baseUrl}${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!response.ok) {
        // Keep the entities of the last good run rather than empty the catalog.
        throw await ResponseError.fromResponse(response);
      }
      return ((await response.json()) as { items: T[] }).items;
    };
    const [quotas, workspaces] = await Promise.all([
      get<QuotaRequest>('/quotas?status=approved&status=active'),
      get<MlWorkspace>('/workspaces'),
    ]);
    await this.connection.applyMutation({
      type: 'full',
      entities: [
        ...quotas.map(quotaToEntity),
        ...workspaces.map(workspaceToEntity),
      ].map(entity => ({ entity, locationKey: PROVIDER })),
    });
    this.options.logger.info(
      `${PROVIDER}: ${quotas.length} GPU quotas and ${workspaces.length} workspaces in the catalog`,
    );
  }
}
