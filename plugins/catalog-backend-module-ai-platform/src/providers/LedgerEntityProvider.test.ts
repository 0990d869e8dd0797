import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import {
  componentEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  FeatureView,
  ModelRegistryEntry,
  Pipeline,
  QuotaRequest,
  validateAiEntity,
} from '@ai-platform/plugin-ai-platform-common';
import { AiPlatformEntityProcessor } from '../AiPlatformEntityProcessor';
import {
  featureViewToEntity,
  LedgerEntityProvider,
  modelRegistryEntryToEntity,
  pipelineToEntity,
  quotaToEntity,
  workspaceToEntity,
} from './LedgerEntityProvider';

const baseUrl = 'http://localhost:7007/api/ai-platform';

const quota: QuotaRequest = {
  id: '6f0c1f8e-2b7a-4c55-9d1e-0a4b8e2f7c31',
  teamRef: 'group:default/recsys',
  clusterRef: 'resource:default/cluster-a',
  gpuModel: 'H100-SXM5-80GB',
  gpuCount: 8,
  startsAt: '2026-12-01T00:00:00.000Z',
  endsAt: '2026-12-08T00:00:00.000Z',
  preemptible: false,
  justification: 'Retraining the ranker',
  status: 'approved',
  requestedBy: 'user:default/priya.raman',
  createdAt: '2026-11-23T10:00:00.000Z',
};

const workspace = {
  id: 'b3c8a2f0-1d2e-4f5a-8b9c-0d1e2f3a4b5c',
  name: 'ranker-dev',
  teamRef: 'group:default/recsys',
  clusterRef: 'resource:default/cluster-a',
  gpuModel: 'H100-SXM5-80GB',
  gpuCount: 2,
  image: 'quay.io/jupyter/pytorch-notebook:cuda12-2024-11-18',
  createdBy: 'user:default/priya.raman',
  createdAt: '2026-11-23T10:00:00.000Z',
};

const featureView: FeatureView = {
  id: '0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b',
  name: 'user_activity',
  teamRef: 'group:default/recsys',
  datasetRef: 'resource:default/clickstream-events',
  entity: { name: 'user', joinKeys: ['user_id'] },
  features: [
    { name: 'views_7d', dtype: 'Int64' },
    { name: 'ctr_30d', dtype: 'Float32', description: 'Click-through rate' },
  ],
  ttlSeconds: 86400,
  online: true,
  tags: { team: 'recsys' },
  description: '',
  createdBy: 'user:default/priya.raman',
  createdAt: '2026-11-23T10:00:00.000Z',
};

const model: ModelRegistryEntry = {
  id: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
  name: 'ranker',
  teamRef: 'group:default/recsys',
  task: 'text-ranking',
  riskClass: 'high',
  intendedPurpose:
    'Ranks job adverts shown to applicants by predicted relevance',
  trainingData: [
    'resource:default/clickstream-events',
    'resource:default/user_activity',
  ],
  evaluationMetrics: [{ name: 'NDCG@10', value: 0.71 }],
  humanOversightContact: 'user:default/ana.lopez',
  description: 'LightGBM ranker over engagement features',
  createdBy: 'user:default/priya.raman',
  createdAt: '2026-11-29T10:00:00.000Z',
  mlflow: {
    registeredModel: 'ranker',
    version: '1',
    url: 'http://mlflow:5000/#/models/ranker',
  },
};

const pipeline: Pipeline = {
  id: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  name: 'ranker-retrain',
  teamRef: 'group:default/recsys',
  description: '',
  orchestrator: 'airflow',
  schedule: '0 2 * * *',
  timezone: 'Europe/Berlin',
  inputs: ['resource:default/clickstream-events'],
  outputs: ['resource:default/ranker'],
  finalStep: 'train',
  image: 'ghcr.io/acme/trainer:1.4',
  gpuCount: 8,
  qualityChecks: [],
  createdBy: 'user:default/priya.raman',
  createdAt: '2026-11-29T10:00:00.000Z',
};

describe('LedgerEntityProvider', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  function createProvider() {
    const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
    const provider = new LedgerEntityProvider({
      discovery: mockServices.discovery.mock({
        getBaseUrl: async id => `http://localhost:7007/api/${id}`,
      }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      taskRunner: { run: jest.fn() },
    });
    return { provider, connection };
  }

  /** The ledger's lists, one item each, unless `failing` answers `status`; the queries asked. */
  function serveLedger(failing?: { path: string; status: number }) {
    const queries: Record<string, string> = {};
    const items = {
      '/quotas': quota,
      '/workspaces': workspace,
      '/feature-views': featureView,
      '/model-registry/entries': model,
      '/pipelines': pipeline,
    };
    server.use(
      ...Object.entries(items).map(([path, item]) =>
        http.get(`${baseUrl}${path}`, ({ request }) => {
          queries[path] = new URL(request.url).search;
          return path === failing?.path
            ? new HttpResponse(null, { status: failing.status })
            : HttpResponse.json({ items: [item] });
        }),
      ),
    );
    return queries;
  }

  it('replaces the catalog set with the quotas the ledger holds', async () => {
    const queries = serveLedger();
    const { provider, connection } = createProvider();
    await provider.connect(connection);
    await provider.refresh();

    expect(queries['/quotas']).toBe('?status=approved&status=active');
    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [
        {
          entity: quotaToEntity(quota),
          locationKey: 'ai-platform-ledger-provider',
        },
        {
          entity: workspaceToEntity(workspace),
          locationKey: 'ai-platform-ledger-provider',
        },
        {
          entity: featureViewToEntity(featureView),
          locationKey: 'ai-platform-ledger-provider',
        },
        {
          entity: modelRegistryEntryToEntity(model),
          locationKey: 'ai-platform-ledger-provider',
        },
        {
          entity: pipelineToEntity(pipeline),
          locationKey: 'ai-platform-ledger-provider',
        },
      ],
    });
  });

  it.each([
    ['/quotas', 503],
    ['/feature-views', 500],
    ['/model-registry/entries', 403],
    ['/pipelines', 404],
  ])('keeps the last good set when %s answers %d', async (path, status) => {
    serveLedger({ path, status });
    const { provider, connection } = createProvider();
    await provider.connect(connection);
    await expect(provider.refresh()).rejects.toThrow(String(status));
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });

  it('makes entities the AI Platform processor accepts', () => {
    const entity = quotaToEntity(quota);
    expect(validateAiEntity(entity)).toEqual([]);
    expect(validateAiEntity(workspaceToEntity(workspace))).toEqual([]);
    expect(validateAiEntity(featureViewToEntity(featureView))).toEqual([]);
    expect(validateAiEntity(modelRegistryEntryToEntity(model))).toEqual([]);
    expect(entity.spec).toMatchObject({
      owner: 'group:default/recsys',
      dependsOn: ['resource:default/cluster-a'],
    });
  });

  it('puts a feature view in the catalog as a feature-view Resource on its dataset', () => {
    expect(featureViewToEntity(featureView)).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'user_activity',
        namespace: 'default',
        title: 'user_activity',
        description: 'Features of user for recsys',
        annotations: {
          'backstage.io/managed-by-location': `ai-platform-ledger-provider:feature-view:${featureView.id}`,
          'backstage.io/managed-by-origin-location': `ai-platform-ledger-provider:feature-view:${featureView.id}`,
          'ai-platform.io/feature-view-id': featureView.id,
        },
      },
      spec: {
        type: 'feature-view',
        owner: 'group:default/recsys',
        dependsOn: ['resource:default/clickstream-events'],
        entities: ['user'],
        features: [
          { name: 'views_7d', dtype: 'Int64' },
          { name: 'ctr_30d', dtype: 'Float32' },
        ],
        ttlSeconds: 86400,
      },
    });
    expect(
      featureViewToEntity({ ...featureView, description: 'Engagement' })
        .metadata.description,
    ).toBe('Engagement');
  });

  it('puts a registered model in the catalog as an ai-model Resource on its training data', async () => {
    const location = `ai-platform-ledger-provider:model-registry:${model.id}`;
    expect(modelRegistryEntryToEntity(model)).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'ranker',
        namespace: 'default',
        title: 'ranker',
        description:
          'Ranks job adverts shown to applicants by predicted relevance',
        annotations: {
          'backstage.io/managed-by-location': location,
          'backstage.io/managed-by-origin-location': location,
          'ai-platform.io/model-registry-id': model.id,
          'ai-platform.io/risk-level': 'high',
          'ai-platform.io/registered-model': 'ranker',
        },
      },
      spec: {
        type: 'ai-model',
        owner: 'group:default/recsys',
        dependsOn: [
          'resource:default/clickstream-events',
          'resource:default/user_activity',
        ],
      },
    });
    // Recorded without MLflow: no registered model to name.
    const { mlflow: _mlflow, ...portalOnly } = model;
    const entity = modelRegistryEntryToEntity({
      ...portalOnly,
      riskClass: 'minimal',
      trainingData: [],
    });
    expect(entity.metadata.annotations).not.toHaveProperty(
      'ai-platform.io/registered-model',
    );
    expect(entity.metadata.annotations?.['ai-platform.io/risk-level']).toBe(
      'minimal',
    );
    expect(entity.spec?.dependsOn).toEqual([]);
    const processor = new AiPlatformEntityProcessor();
    for (const e of [entity, modelRegistryEntryToEntity(model)]) {
      expect(validateAiEntity(e)).toEqual([]);
      await expect(processor.preProcessEntity(e)).resolves.toBe(e);
      await expect(resourceEntityV1alpha1Validator.check(e)).resolves.toBe(
        true,
      );
    }
  });

  it('puts a pipeline in the catalog as an ml-pipeline Component on its inputs', async () => {
    const location = `ai-platform-ledger-provider:pipeline:${pipeline.id}`;
    const entity = pipelineToEntity(pipeline);
    expect(entity).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'ranker-retrain',
        namespace: 'default',
        title: 'ranker-retrain',
        description: 'Training pipeline of recsys',
        annotations: {
          'backstage.io/managed-by-location': location,
          'backstage.io/managed-by-origin-location': location,
          'ai-platform.io/pipeline-id': pipeline.id,
        },
      },
      spec: {
        type: 'ml-pipeline',
        lifecycle: 'experimental',
        owner: 'group:default/recsys',
        dependsOn: ['resource:default/clickstream-events'],
        outputs: ['resource:default/ranker'],
        orchestrator: 'airflow',
        schedule: '0 2 * * *',
        timezone: 'Europe/Berlin',
      },
    });
    expect(validateAiEntity(entity)).toEqual([]);
    await expect(componentEntityV1alpha1Validator.check(entity)).resolves.toBe(
      true,
    );
    expect(
      pipelineToEntity({ ...pipeline, finalStep: 'publish', gpuCount: 0 })
        .metadata.description,
    ).toBe('Data pipeline of recsys');
  });

  it('puts the workspace in the catalog where the Kubernetes plugin finds its objects', () => {
    const location = `ai-platform-ledger-provider:workspace:${workspace.id}`;
    expect(workspaceToEntity(workspace)).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'ranker-dev',
        namespace: 'default',
        description: 'ML workspace of recsys',
        annotations: {
          'backstage.io/managed-by-location': location,
          'backstage.io/managed-by-origin-location': location,
          'ai-platform.io/workspace-id': workspace.id,
          'backstage.io/kubernetes-namespace': 'ranker-dev',
          'backstage.io/kubernetes-label-selector':
            'ai-platform.io/workspace=ranker-dev',
        },
      },
      spec: {
        type: 'ml-workspace',
        owner: 'group:default/recsys',
        dependsOn: ['resource:default/cluster-a'],
        cluster: 'resource:default/cluster-a',
        image: workspace.image,
        gpuCount: 2,
      },
    });
    expect(quotaToEntity(quota).metadata).toMatchObject({
      title: '8× H100-SXM5-80GB for recsys',
      annotations: {
        'backstage.io/managed-by-location': `ai-platform-ledger-provider:${quota.id}`,
        'ai-platform.io/quota-status': 'approved',
      },
    });
  });
});
