import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import unprocessedModule from '@backstage/plugin-catalog-backend-module-unprocessed';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import request from 'supertest';
import { catalogModuleAiPlatform } from './module';

jest.setTimeout(120_000);

const fixture = path.join(__dirname, '__fixtures__/malformed-entities.yaml');

describe('catalogModuleAiPlatform in a running catalog', () => {
  it('keeps malformed entities out of the catalog and reports the field', async () => {
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        unprocessedModule,
        catalogModuleAiPlatform,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['Resource', 'Group', 'Location'] }],
              locations: [{ type: 'file', target: fixture }],
            },
          },
        }),
      ],
    });
    const auth = mockCredentials.user.header();

    // Entities that never passed processing wait, with their errors, in the unprocessed list.
    type Unprocessed = {
      unprocessed_entity: { metadata: { name: string } };
      errors?: Array<{ message: string }>;
    };
    let unprocessed: Unprocessed[] = [];
    for (let i = 0; i < 100; i++) {
      const res = await request(server)
        .get('/api/catalog/entities/unprocessed/pending')
        .set('Authorization', auth);
      expect(res.status).toBe(200);
      unprocessed = res.body.entities;
      if (unprocessed.filter(u => u.errors?.length).length === 4) {
        break;
      }
      await new Promise(resolve => setTimeout(resolve, 500));
    }

    const errorOf = (name: string) =>
      unprocessed
        .find(u => u.unprocessed_entity.metadata.name === name)
        ?.errors?.map(e => e.message)
        .join('\n');
    expect(errorOf('cluster-with-negative-gpus')).toContain(
      'spec.gpuPools[0].count: must be greater than 0',
    );
    expect(errorOf('fabric-without-speed')).toContain(
      'spec.linkSpeedGbps: Required',
    );
    expect(errorOf('team-with-bad-namespace')).toContain(
      'metadata.annotations["ai-platform.io/namespaces"]',
    );
    expect(errorOf('model-with-unknown-risk')).toContain(
      'metadata.annotations["ai-platform.io/risk-level"]',
    );

    const entities = await request(server)
      .get('/api/catalog/entities/by-query')
      .set('Authorization', auth);
    const kinds = entities.body.items.map((e: { kind: string }) => e.kind);
    expect(kinds.filter((kind: string) => kind !== 'Location')).toEqual([]);
  });
});

describe('catalogModuleAiPlatform registry providers', () => {
  async function providersFor(aiPlatform: object) {
    const extensionPoint = {
      addProcessor: jest.fn(),
      addEntityProvider: jest.fn(),
      addPlaceholderResolver: jest.fn(),
      setOnProcessingErrorHandler: jest.fn(),
    };
    await startTestBackend({
      extensionPoints: [[catalogProcessingExtensionPoint, extensionPoint]],
      features: [
        catalogModuleAiPlatform,
        mockServices.rootConfig.factory({ data: { aiPlatform } }),
      ],
    });
    // The ledger's provider is always there; the registries' ones only when configured.
    return extensionPoint.addEntityProvider.mock.calls
      .map(([provider]) => provider.getProviderName() as string)
      .filter(name => name.includes('registry-provider'));
  }

  it('adds one provider per configured Feast and MLflow registry', async () => {
    expect(
      await providersFor({
        feast: { registries: [{ id: 'prod', baseUrl: 'http://feast:6572' }] },
        mlflow: {
          baseUrl: 'http://mlflow:5000',
          registries: [
            { id: 'prod', baseUrl: 'http://mlflow:5000' },
            { id: 'research', baseUrl: 'http://mlflow-research:5000' },
          ],
        },
      }),
    ).toEqual([
      'feast-registry-provider:prod',
      'mlflow-registry-provider:prod',
      'mlflow-registry-provider:research',
    ]);
  });

  it('adds no registry provider when none is configured', async () => {
    expect(
      await providersFor({ mlflow: { baseUrl: 'http://mlflow:5000' } }),
    ).toEqual([]);
  });
});
