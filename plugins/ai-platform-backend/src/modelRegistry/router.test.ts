import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { parse } from 'yaml';
import { fakeMlflow, MLFLOW_URL, mlflowError } from '../__testUtils__/mlflow';
import {
  modelRegistryBody,
  modelRegistryEntities,
} from '../__testUtils__/modelRegistry';
import {
  describeInputErrors,
  describeRouteGuards,
} from '../__testUtils__/routeTables';
import { priya, startBackend } from '../__testUtils__/startAiPlatformBackend';

describe('model registry routes', () => {
  describeRouteGuards(
    [
      {
        method: 'get',
        services: true,
        path: '/model-registry/entries',
        permission: 'ai-platform.model-registry.read',
      },
      {
        method: 'get',
        services: true,
        path: '/model-registry/entries/ranker/model-card',
        permission: 'ai-platform.model-registry.read',
      },
      {
        method: 'post',
        path: '/model-registry/entries',
        permission: 'ai-platform.model-registry.create',
        body: modelRegistryBody(),
      },
    ],
    { entities: modelRegistryEntities },
  );

  describeInputErrors('/model-registry/entries', modelRegistryBody, [
    [{ name: 'Ranker' }, 'name: must be a lowercase name'],
    [{ teamRef: 'recsys' }, 'teamRef: must be a group entity ref'],
    [{ task: 'Ranking!' }, 'task: must be a task tag'],
    [{ riskClass: 'severe' }, 'riskClass: must be one of'],
    [
      { riskClass: 'unacceptable' },
      'riskClass: a prohibited practice under Article 5',
    ],
    [
      { humanOversightContact: '' },
      'humanOversightContact: a high-risk system must name who oversees it',
    ],
    [{ intendedPurpose: 'Ranks' }, 'intendedPurpose: must say'],
    [
      { trainingData: ['group:default/recsys'] },
      'trainingData.0: must be a resource entity ref',
    ],
    [
      { evaluationMetrics: [{ name: 'AUC', value: 'high' }] },
      'evaluationMetrics.0.value: must be a number',
    ],
    // The test backend's catalog has no datasets.
    [
      {},
      'trainingData[0]: there is no dataset or feature view resource:default/clickstream-events in the catalog',
    ],
  ]);

  it('registers a model, lists it, serves its model card and refuses its name again', async () => {
    const { server } = await startBackend(AuthorizeResult.ALLOW, {
      entities: modelRegistryEntities,
    });
    const auth = mockCredentials.user.header(priya);
    const post = (path: string, headers: Record<string, string> = {}) =>
      request(server)
        .post(`/api/ai-platform${path}`)
        .set({ Authorization: auth, ...headers })
        .send(modelRegistryBody());

    const dry = await post('/model-registry/entries?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({});

    const created = await post('/model-registry/entries', {
      'Idempotency-Key': 'k1',
    });
    expect(created.status).toBe(201);
    expect(created.body.entry).toMatchObject({
      name: 'ranker',
      riskClass: 'high',
      trainingData: [
        'resource:default/clickstream-events',
        'resource:default/user_activity',
      ],
      createdBy: priya,
    });
    expect(created.body.entry).not.toHaveProperty('mlflow');
    const retried = await post('/model-registry/entries', {
      'Idempotency-Key': 'k1',
    });
    expect(retried.status).toBe(201);
    expect(retried.body.entry.id).toBe(created.body.entry.id);

    const taken = await post('/model-registry/entries');
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toBe(
      'name: a model named ranker is already registered',
    );

    const list = await request(server)
      .get('/api/ai-platform/model-registry/entries')
      .set('Authorization', mockCredentials.service.header());
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([created.body.entry]);

    const card = await request(server)
      .get('/api/ai-platform/model-registry/entries/ranker/model-card')
      .set('Authorization', auth);
    expect(card.status).toBe(200);
    expect(card.headers['content-type']).toBe('text/markdown; charset=utf-8');
    const [, frontMatter] = card.text.split(/^---$/m);
    expect(parse(frontMatter)).toMatchObject({
      pipeline_tag: 'text-ranking',
      datasets: [
        'resource:default/clickstream-events',
        'resource:default/user_activity',
      ],
      ai_act: { risk_class: 'high' },
    });
    expect(card.text).toContain('# Model card for ranker');

    const unknown = await request(server)
      .get('/api/ai-platform/model-registry/entries/nothing/model-card')
      .set('Authorization', auth);
    expect(unknown.status).toBe(404);
  });

  describe('with MLflow', () => {
    const mlflowServer = setupServer();
    beforeAll(() =>
      // The test backend's own requests pass; MLflow's must be handled.
      mlflowServer.listen({
        onUnhandledRequest: (req, print) => {
          if (req.url.startsWith(MLFLOW_URL)) print.error();
        },
      }),
    );
    afterAll(() => mlflowServer.close());
    afterEach(() => mlflowServer.resetHandlers());

    it('answers 409 for a name MLflow has and 503 naming what MLflow said', async () => {
      const mlflow = fakeMlflow();
      mlflowServer.use(...mlflow.handlers);
      mlflow.add('taken');
      const { server } = await startBackend(AuthorizeResult.ALLOW, {
        entities: modelRegistryEntities,
        config: { mlflow: { baseUrl: MLFLOW_URL, token: 'secret' } },
      });
      const post = (body: object) =>
        request(server)
          .post('/api/ai-platform/model-registry/entries')
          .set('Authorization', mockCredentials.user.header(priya))
          .send(body);

      const created = await post(
        modelRegistryBody({ sourceUri: 's3://models/ranker/1' }),
      );
      expect(created.status).toBe(201);
      expect(created.body.entry.mlflow).toEqual({
        registeredModel: 'ranker',
        version: '1',
        url: `${MLFLOW_URL}/#/models/ranker`,
      });
      expect(mlflow.calls[0].authorization).toBe('Bearer secret');

      const taken = await post(modelRegistryBody({ name: 'taken' }));
      expect(taken.status).toBe(409);
      expect(taken.body.error.message).toBe(
        'name: MLflow already has a registered model named taken; choose another name',
      );

      mlflowServer.use(
        http.post(`${MLFLOW_URL}/api/2.0/mlflow/model-versions/create`, () =>
          mlflowError('INTERNAL_ERROR', 'artifact store down'),
        ),
      );
      const failed = await post(
        modelRegistryBody({ name: 'scorer', sourceUri: 's3://models/x' }),
      );
      expect(failed.status).toBe(503);
      expect(failed.body.error).toMatchObject({
        name: 'ServiceUnavailableError',
        message:
          'MLflow could not register scorer, so nothing was recorded: MLflow model-versions/create answered 500 INTERNAL_ERROR: artifact store down',
      });
      expect(mlflow.models.has('scorer')).toBe(false);

      const list = await request(server)
        .get('/api/ai-platform/model-registry/entries')
        .set('Authorization', mockCredentials.user.header(priya));
      expect(list.body.items.map((e: { name: string }) => e.name)).toEqual([
        'ranker',
      ]);
    });
  });
});
