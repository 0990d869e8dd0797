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
  AiPlatformAnnotations,
  AiResourceType,
  AiComponentType,
  FeatureView,
  MlWorkspace,
  ModelRegistryEntry,
  Pipeline,
  QuotaRequest,
  workspaceKubernetesAnnotations,
} from '@ai-platform/plugin-ai-platform-common';
import {
  managedEntity,
  ManagedMetadata,
  managedResource,
} from './registryEntities';

const PROVIDER = 'ai-platform-ledger-provider';

/** A team's name as titles show it: `group:default/recsys` is `recsys`. */
function teamName(teamRef: string): string {
  return teamRef.replace(/^group:default\//, '');
}

/** A `Resource` this provider manages, at `location` within it. */
function ledgerResource(
  location: string,
  metadata: ManagedMetadata,
  spec: NonNullable<Entity['spec']>,
): Entity {
  return managedResource(`${PROVIDER}:${location}`, metadata, spec);
}

/** The catalog entity for a quota the ledger holds. */
export function quotaToEntity(quota: QuotaRequest): Entity {
  return ledgerResource(
    quota.id,
    {
      name: `gpu-quota-${quota.id}`,
      title: `${quota.gpuCount}× ${quota.gpuModel} for ${teamName(
        quota.teamRef,
      )}`,
      description: quota.justification,
      annotations: {
        [`${AI_PLATFORM_ANNOTATION_PREFIX}/quota-id`]: quota.id,
        [`${AI_PLATFORM_ANNOTATION_PREFIX}/quota-status`]: quota.status,
      },
    },
    {
      type: AiResourceType.gpuQuota,
      owner: quota.teamRef,
      dependsOn: [quota.clusterRef],
      cluster: quota.clusterRef,
      gpuModel: quota.gpuModel,
      gpuCount: quota.gpuCount,
      window: { start: quota.startsAt, end: quota.endsAt },
      preemptible: quota.preemptible,
    },
  );
}

/**
 * The catalog entity for a workspace the ledger records, annotated so the Kubernetes plugin
 * finds its objects where a cluster is configured.
 */
export function workspaceToEntity(workspace: MlWorkspace): Entity {
  return ledgerResource(
    `workspace:${workspace.id}`,
    {
      name: workspace.name,
      description: `ML workspace of ${teamName(workspace.teamRef)}`,
      annotations: {
        [`${AI_PLATFORM_ANNOTATION_PREFIX}/workspace-id`]: workspace.id,
        ...workspaceKubernetesAnnotations(workspace.name),
      },
    },
    {
      type: AiResourceType.mlWorkspace,
      owner: workspace.teamRef,
      dependsOn: [workspace.clusterRef],
      cluster: workspace.clusterRef,
      image: workspace.image,
      gpuCount: workspace.gpuCount,
    },
  );
}

/**
 * The catalog entity for a feature view the golden path defined: named and titled as the view
 * (Feast's name), reading its dataset.
 */
export function featureViewToEntity(view: FeatureView): Entity {
  return ledgerResource(
    `feature-view:${view.id}`,
    {
      name: view.name,
      title: view.name,
      description:
        view.description ||
        `Features of ${view.entity.name} for ${teamName(view.teamRef)}`,
      annotations: {
        [`${AI_PLATFORM_ANNOTATION_PREFIX}/feature-view-id`]: view.id,
      },
    },
    {
      type: AiResourceType.featureView,
      owner: view.teamRef,
      dependsOn: [view.datasetRef],
      entities: [view.entity.name],
      features: view.features.map(({ name, dtype }) => ({ name, dtype })),
      ttlSeconds: view.ttlSeconds,
    },
  );
}

/**
 * The catalog entity for a model registered through the portal: an `ai-model` Resource of its
 * team, described by its intended purpose, depending on the datasets and feature views it was
 * trained on, with its EU AI Act risk class and, once registered there, its MLflow model.
 */
export function modelRegistryEntryToEntity(entry: ModelRegistryEntry): Entity {
  return ledgerResource(
    `model-registry:${entry.id}`,
    {
      name: entry.name,
      title: entry.name,
      description: entry.intendedPurpose,
      annotations: {
        [`${AI_PLATFORM_ANNOTATION_PREFIX}/model-registry-id`]: entry.id,
        [AiPlatformAnnotations.riskLevel]: entry.riskClass,
        ...(entry.mlflow
          ? {
              [AiPlatformAnnotations.registeredModel]:
                entry.mlflow.registeredModel,
            }
          : {}),
      },
    },
    {
      type: AiResourceType.aiModel,
      owner: entry.teamRef,
      dependsOn: entry.trainingData,
    },
  );
}

/**
 * The catalog entity for a pipeline the golden path defined: an `ml-pipeline` Component of its
 * team that depends on what it reads and produces what it writes (the AI Platform processor
 * relates `spec.outputs` as `produces`), with its orchestrator and schedule.
 */
export function pipelineToEntity(pipeline: Pipeline): Entity {
  return managedEntity(
    'Component',
    `${PROVIDER}:pipeline:${pipeline.id}`,
    {
      name: pipeline.name,
      title: pipeline.name,
      description:
        pipeline.description ||
        `${
          pipeline.finalStep === 'train' ? 'Training' : 'Data'
        } pipeline of ${teamName(pipeline.teamRef)}`,
      annotations: {
        [`${AI_PLATFORM_ANNOTATION_PREFIX}/pipeline-id`]: pipeline.id,
      },
    },
    {
      type: AiComponentType.mlPipeline,
      lifecycle: 'experimental',
      owner: pipeline.teamRef,
      dependsOn: pipeline.inputs,
      outputs: pipeline.outputs,
      orchestrator: pipeline.orchestrator,
      schedule: pipeline.schedule,
      timezone: pipeline.timezone,
    },
  );
}

/**
 * Puts the ledger in the catalog: held quotas (approved or active) as `gpu-quota` Resources
 * and workspaces as `ml-workspace` Resources, owned by the team and depending on the
 * cluster, feature views as `feature-view` Resources depending on their dataset, registered
 * models as `ai-model` Resources depending on their training data, and pipelines as
 * `ml-pipeline` Components depending on their inputs. Each run replaces the whole
 * set, so released and expired quotas leave the catalog.
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
    const [quotas, workspaces, featureViews, models, pipelines] =
      await Promise.all([
        get<QuotaRequest>('/quotas?status=approved&status=active'),
        get<MlWorkspace>('/workspaces'),
        get<FeatureView>('/feature-views'),
        get<ModelRegistryEntry>('/model-registry/entries'),
        get<Pipeline>('/pipelines'),
      ]);
    await this.connection.applyMutation({
      type: 'full',
      entities: [
        ...quotas.map(quotaToEntity),
        ...workspaces.map(workspaceToEntity),
        ...featureViews.map(featureViewToEntity),
        ...models.map(modelRegistryEntryToEntity),
        ...pipelines.map(pipelineToEntity),
      ].map(entity => ({ entity, locationKey: PROVIDER })),
    });
    this.options.logger.info(
      `${PROVIDER}: ${quotas.length} GPU quotas, ${workspaces.length} workspaces, ${featureViews.length} feature views, ${models.length} registered models and ${pipelines.length} pipelines in the catalog`,
    );
  }
}
