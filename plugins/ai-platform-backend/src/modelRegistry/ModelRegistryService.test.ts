import {
  mockServices,
  registerMswTestHooks,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { modelRegistryEntryInputSchema } from '@ai-platform/plugin-ai-platform-common';
import { actor } from '../__testUtils__/ledger';
import { fakeMlflow, MLFLOW_URL, mlflowError } from '../__testUtils__/mlflow';
import {
  modelRegistryBody,
  modelRegistryEntities,
} from '../__testUtils__/modelRegistry';
import { cluster } from '../__testUtils__/startAiPlatformBackend';
import { connectAndMigrate } from '../database/migrate';
import { DatabaseModelRegistryStore } from './DatabaseModelRegistryStore';
import { MlflowClient } from './MlflowClient';
import { ModelRegistryService } from './ModelRegistryService';

const recsys = actor('group:default/recsys', 'user:default/priya.raman');
const api = `${MLFLOW_URL}/api/2.0/mlflow`;

const model = (overrides: Record<string, unknown> = {}) =>
  modelRegistryEntryInputSchema.parse(modelRegistryBody(overrides));

/** The error a promise rejects with. */
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: Error) => e,
  );

describe('ModelRegistryService', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  const server = setupServer();
  registerMswTestHooks(server);

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup(options: { mlflow?: boolean } = {}) {
      const knex = await databases.init(databaseId);
      const store = new DatabaseModelRegistryStore(
        await connectAndMigrate({ getClient: async () => knex }),
      );
      const mlflow = fakeMlflow();
      server.use(...mlflow.handlers);
      const logger = mockServices.logger.mock();
      const service = new ModelRegistryService({
        store,
        catalog: catalogServiceMock({
          entities: [...modelRegistryEntities, cluster],
        }),
        auth: mockServices.auth(),
        logger,
        mlflow: options.mlflow
          ? new MlflowClient({ baseUrl: MLFLOW_URL, timeoutMs: 200 })
          : undefined,
      });
      return { service, store, mlflow, logger };
    }

    describe('without MLflow', () => {
      it('registers a model on catalog data and refuses its name again', async () => {
        const { service } = await setup();
        const { entry } = await service.create(
          model({
            trainingData: [
              'Resource:Clickstream-Events',
              'resource:default/user_activity',
            ],
          }),
          { actor: recsys },
        );
        expect(entry).toEqual({
          ...model(),
          id: expect.any(String),
          createdBy: 'user:default/priya.raman',
          createdAt: expect.any(String),
        });
        // The catalog's form of each training data ref.
        expect(entry?.trainingData).toEqual([
          'resource:default/clickstream-events',
          'resource:default/user_activity',
        ]);
        expect(await service.list()).toEqual([entry]);

        const again = service.create(model({ description: 'again' }), {
          actor: recsys,
        });
        await expect(again).rejects.toThrow(
          'name: a model named ranker is already registered',
        );
        await expect(again).rejects.toMatchObject({ name: 'ConflictError' });
      });

      it("refuses other teams' models", async () => {
        const { service, store } = await setup();
        const other = service.create(
          model({ teamRef: 'group:default/vision' }),
          { actor: recsys },
        );
        await expect(other).rejects.toThrow(
          'teamRef: you are not a member of group:default/vision',
        );
        await expect(other).rejects.toMatchObject({ name: 'NotAllowedError' });
        expect(await store.list()).toEqual([]);
      });

      it('refuses training data that is not a dataset or feature view, naming each', async () => {
        const { service, store } = await setup();
        const create = service.create(
          model({
            trainingData: [
              'resource:default/clickstream-events',
              'resource:default/no-such-data',
              'resource:default/cluster-a',
            ],
          }),
          { actor: recsys },
        );
        await expect(create).rejects.toThrow(
          'trainingData[1]: there is no dataset or feature view resource:default/no-such-data in the catalog; ' +
            'trainingData[2]: there is no dataset or feature view resource:default/cluster-a in the catalog (it is a gpu-cluster)',
        );
        await expect(create).rejects.toMatchObject({ name: 'InputError' });
        expect(await store.list()).toEqual([]);
      });

      it('registers a model without training data', async () => {
        const { service } = await setup();
        const { entry } = await service.create(
          model({ trainingData: [], riskClass: 'minimal' }),
          { actor: recsys },
        );
        expect(entry?.trainingData).toEqual([]);
      });

      it('refuses a name the catalog already has', async () => {
        const { service } = await setup();
        const create = service.create(model({ name: 'clickstream-events' }), {
          actor: recsys,
        });
        await expect(create).rejects.toThrow(
          'name: resource:default/clickstream-events is already in the catalog',
        );
        await expect(create).rejects.toMatchObject({ name: 'ConflictError' });
      });

      it('checks without storing in a dry run', async () => {
        const { service, store } = await setup();
        expect(
          await service.create(model(), { actor: recsys, dryRun: true }),
        ).toEqual({});
        expect(await store.list()).toEqual([]);
        await service.create(model(), { actor: recsys });
        await expect(
          service.create(model(), { actor: recsys, dryRun: true }),
        ).rejects.toThrow('name: a model named ranker is already registered');
      });

      it('gives a retried request its first entry back, also when retries race', async () => {
        const { service, store } = await setup();
        const retry = () =>
          service.create(model(), { actor: recsys, idempotencyKey: 'task-7' });
        const first = await retry();
        expect((await retry()).entry?.id).toBe(first.entry?.id);

        const racing = await Promise.all(
          [1, 2, 3].map(() =>
            service.create(model({ name: 'scorer' }), {
              actor: recsys,
              idempotencyKey: 'task-8',
            }),
          ),
        );
        expect(new Set(racing.map(r => r.entry?.id)).size).toBe(1);
        expect(await store.list()).toHaveLength(2);
      });

      it('renders the model card with the catalog titles, 404 for a name it does not have', async () => {
        const { service } = await setup();
        await service.create(model(), { actor: recsys });
        const card = await service.modelCard('ranker');
        expect(card).toMatch(/^---\npipeline_tag: "text-ranking"\n/);
        expect(card).toContain(
          '- **Provider (team):** Recommender Systems (group:default/recsys)',
        );
        expect(card).toContain(
          '- User activity (resource:default/user\\_activity)',
        );
        expect(card).toContain('- **Registered:** on ');

        const missing = service.modelCard('nothing');
        await expect(missing).rejects.toThrow(
          'No model named nothing is registered',
        );
        await expect(missing).rejects.toMatchObject({ name: 'NotFoundError' });
      });
    });

    describe('with MLflow', () => {
      it('registers the model and its version in MLflow and records where', async () => {
        const { service, mlflow } = await setup({ mlflow: true });
        const { entry } = await service.create(
          model({ sourceUri: 's3://models/ranker/1' }),
          { actor: recsys },
        );
        expect(entry?.mlflow).toEqual({
          registeredModel: 'ranker',
          version: '1',
          url: `${MLFLOW_URL}/#/models/ranker`,
        });
        expect(mlflow.calls.map(c => [c.endpoint, c.message])).toEqual([
          [
            'registered-models/create',
            {
              name: 'ranker',
              description:
                'Ranks job adverts shown to applicants by predicted relevance\n\nLightGBM ranker over engagement features',
              tags: [
                { key: 'team', value: 'recsys' },
                { key: 'risk_class', value: 'high' },
                { key: 'task', value: 'text-ranking' },
                {
                  key: 'ai-platform.io/entity-ref',
                  value: 'resource:default/ranker',
                },
                { key: 'ai-platform.io/entry-id', value: entry?.id },
              ],
            },
          ],
          [
            'model-versions/create',
            {
              name: 'ranker',
              source: 's3://models/ranker/1',
              tags: [
                {
                  key: 'ai-platform.io/entity-ref',
                  value: 'resource:default/ranker',
                },
              ],
            },
          ],
        ]);
        expect(await service.list()).toEqual([entry]);
      });

      it('creates no version without a source, and calls no MLflow in a dry run', async () => {
        const { service, mlflow } = await setup({ mlflow: true });
        expect(
          await service.create(model(), { actor: recsys, dryRun: true }),
        ).toEqual({});
        expect(mlflow.calls).toEqual([]);

        const { entry } = await service.create(model(), { actor: recsys });
        expect(entry?.mlflow).toEqual({
          registeredModel: 'ranker',
          url: `${MLFLOW_URL}/#/models/ranker`,
        });
        expect(mlflow.endpoints()).toEqual(['registered-models/create']);
      });

      it('answers 409 for a name MLflow already has, and leaves that model alone', async () => {
        const { service, store, mlflow } = await setup({ mlflow: true });
        mlflow.add('ranker', [{ key: 'team', value: 'vision' }]);
        const error = await rejection(
          service.create(model(), { actor: recsys }),
        );
        expect(error).toMatchObject({
          name: 'ConflictError',
          message:
            'name: MLflow already has a registered model named ranker; choose another name',
        });
        expect(mlflow.endpoints()).toEqual(['registered-models/create']);
        expect(mlflow.models.has('ranker')).toBe(true);
        expect(await store.list()).toEqual([]);
      });

      it('removes the registered model again when its version fails, and stores nothing', async () => {
        const { service, store, mlflow } = await setup({ mlflow: true });
        server.use(
          http.post(`${api}/model-versions/create`, () =>
            mlflowError(
              'INVALID_PARAMETER_VALUE',
              "Invalid model version source: 'ftp://x'",
            ),
          ),
        );
        const error = await rejection(
          service.create(model({ sourceUri: 'ftp://x' }), { actor: recsys }),
        );
        expect(error).toMatchObject({
          name: 'ServiceUnavailableError',
          message:
            "MLflow could not register ranker, so nothing was recorded: MLflow model-versions/create answered 400 INVALID_PARAMETER_VALUE: Invalid model version source: 'ftp://x'",
        });
        expect(mlflow.endpoints()).toEqual([
          'registered-models/create',
          'registered-models/delete',
        ]);
        expect(mlflow.models.size).toBe(0);
        expect(await store.list()).toEqual([]);
      });

      it('removes a model it made when MLflow does not answer in time, and only that one', async () => {
        const { service, store, mlflow } = await setup({ mlflow: true });
        // MLflow registers the model but answers too late.
        server.use(
          http.post(`${api}/registered-models/create`, async ({ request }) => {
            const { name, tags } = (await request.json()) as any;
            mlflow.add(name, tags);
            await delay(1_000);
            return HttpResponse.json({ registered_model: { name } });
          }),
        );
        const error = await rejection(
          service.create(model(), { actor: recsys }),
        );
        expect(error).toMatchObject({
          name: 'ServiceUnavailableError',
          message:
            'MLflow could not register ranker, so nothing was recorded: MLflow registered-models/create failed: no answer within 0.2 s',
        });
        expect(mlflow.endpoints()).toEqual([
          'registered-models/get',
          'registered-models/delete',
        ]);
        expect(mlflow.models.size).toBe(0);
        expect(await store.list()).toEqual([]);

        // Someone else's model of that name (another entry id) stays.
        server.use(
          http.post(`${api}/registered-models/create`, async () => {
            mlflow.add('ranker', [
              { key: 'ai-platform.io/entry-id', value: 'someone-else' },
            ]);
            return mlflowError('INTERNAL_ERROR', 'lost the connection');
          }),
        );
        await expect(
          service.create(model(), { actor: recsys }),
        ).rejects.toThrow(
          'MLflow could not register ranker, so nothing was recorded: MLflow registered-models/create answered 500 INTERNAL_ERROR: lost the connection',
        );
        expect(mlflow.models.has('ranker')).toBe(true);
        expect(mlflow.endpoints().slice(2)).toEqual(['registered-models/get']);
      });

      it('asks nothing more of MLflow after a refusal that made nothing', async () => {
        const { service, mlflow } = await setup({ mlflow: true });
        server.use(
          http.post(`${api}/registered-models/create`, () =>
            HttpResponse.json(
              {
                error_code: 'PERMISSION_DENIED',
                message: 'User cannot create models',
              },
              { status: 403 },
            ),
          ),
        );
        await expect(
          service.create(model(), { actor: recsys }),
        ).rejects.toThrow(
          'MLflow registered-models/create answered 403 PERMISSION_DENIED: User cannot create models',
        );
        expect(mlflow.endpoints()).toEqual([]);
      });

      it('removes the MLflow model when the entry cannot be stored', async () => {
        const { service, store, mlflow } = await setup({ mlflow: true });
        jest
          .spyOn(store, 'insert')
          .mockRejectedValueOnce(new Error('connection terminated'));
        await expect(
          service.create(model({ sourceUri: 's3://models/ranker/1' }), {
            actor: recsys,
          }),
        ).rejects.toThrow('connection terminated');
        expect(mlflow.endpoints()).toEqual([
          'registered-models/create',
          'model-versions/create',
          'registered-models/delete',
        ]);
        expect(mlflow.models.size).toBe(0);
        expect(await store.list()).toEqual([]);
      });

      it('says so when the model it made cannot be removed', async () => {
        const { service, mlflow, logger } = await setup({ mlflow: true });
        server.use(
          http.post(`${api}/model-versions/create`, () =>
            mlflowError('INTERNAL_ERROR', 'artifact store down'),
          ),
          http.delete(`${api}/registered-models/delete`, () =>
            HttpResponse.error(),
          ),
        );
        const error = await rejection(
          service.create(model({ sourceUri: 's3://models/ranker/1' }), {
            actor: recsys,
          }),
        );
        expect(error.name).toBe('ServiceUnavailableError');
        expect(error.message).toMatch(
          /^MLflow could not register ranker, so nothing was recorded: MLflow model-versions\/create answered 500 INTERNAL_ERROR: artifact store down; the registered model ranker it made could not be removed \(MLflow registered-models\/delete failed: .*\), delete it in MLflow$/,
        );
        expect(logger.error).toHaveBeenCalledWith(
          expect.stringContaining(
            'MLflow model ranker was registered but no version was created, and removing it failed',
          ),
        );
        expect(mlflow.models.has('ranker')).toBe(true);
      });

      it('registers one of two requests racing for a name', async () => {
        const { service, store, mlflow } = await setup({ mlflow: true });
        const results = await Promise.allSettled(
          ['task-1', 'task-2'].map(key =>
            service.create(model(), { actor: recsys, idempotencyKey: key }),
          ),
        );
        expect(results.map(r => r.status).sort()).toEqual([
          'fulfilled',
          'rejected',
        ]);
        expect(
          results.find(r => r.status === 'rejected') as PromiseRejectedResult,
        ).toMatchObject({ reason: { name: 'ConflictError' } });
        expect(await store.list()).toHaveLength(1);
        expect(mlflow.models.size).toBe(1);
      });
    });
  });
});
