import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { fakeMlflow, MLFLOW_URL, mlflowError } from '../__testUtils__/mlflow';
import { MlflowClient, MlflowError, readMlflowOptions } from './MlflowClient';

const api = `${MLFLOW_URL}/api/2.0/mlflow`;
const token = 'mlflow-secret-token';

describe('MlflowClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = (options: { timeoutMs?: number; baseUrl?: string } = {}) =>
    new MlflowClient({
      baseUrl: options.baseUrl ?? MLFLOW_URL,
      token,
      timeoutMs: options.timeoutMs ?? 1_000,
    });

  /** The MlflowError a call fails with. */
  async function failure(call: Promise<unknown>): Promise<MlflowError> {
    const error = await call.then(
      () => undefined,
      e => e,
    );
    expect(error).toBeInstanceOf(MlflowError);
    expect(error.message).not.toContain(token);
    return error;
  }

  it('registers a model and a version with the messages of model_registry.proto', async () => {
    const mlflow = fakeMlflow();
    server.use(...mlflow.handlers);
    const tags = [{ key: 'team', value: 'recsys' }];

    const model = await client().createRegisteredModel({
      name: 'ranker',
      description: 'Ranks adverts',
      tags,
    });
    expect(model).toMatchObject({
      name: 'ranker',
      description: 'Ranks adverts',
      tags,
    });
    const version = await client().createModelVersion({
      name: 'ranker',
      source: 's3://models/ranker/1',
      tags,
    });
    expect(version).toMatchObject({
      name: 'ranker',
      version: '1',
      source: 's3://models/ranker/1',
      status: 'READY',
    });
    expect(mlflow.calls).toEqual([
      {
        method: 'POST',
        endpoint: 'registered-models/create',
        message: { name: 'ranker', description: 'Ranks adverts', tags },
        authorization: `Bearer ${token}`,
      },
      {
        method: 'POST',
        endpoint: 'model-versions/create',
        message: { name: 'ranker', source: 's3://models/ranker/1', tags },
        authorization: `Bearer ${token}`,
      },
    ]);
  });

  it('reads a model by name, undefined for one MLflow does not have', async () => {
    const mlflow = fakeMlflow();
    server.use(...mlflow.handlers);
    await client().createRegisteredModel({ name: 'ranker' });

    expect(await client().getRegisteredModel('ranker')).toMatchObject({
      name: 'ranker',
    });
    expect(await client().getRegisteredModel('no such/model')).toBeUndefined();
    expect(mlflow.calls.slice(1)).toEqual([
      expect.objectContaining({
        method: 'GET',
        message: { name: 'ranker' },
      }),
      expect.objectContaining({
        method: 'GET',
        message: { name: 'no such/model' },
      }),
    ]);
  });

  it('deletes a model with DELETE and a JSON body', async () => {
    const mlflow = fakeMlflow();
    server.use(...mlflow.handlers);
    await client().createRegisteredModel({ name: 'ranker' });

    await client().deleteRegisteredModel('ranker');
    expect(mlflow.calls[1]).toEqual({
      method: 'DELETE',
      endpoint: 'registered-models/delete',
      message: { name: 'ranker' },
      authorization: `Bearer ${token}`,
    });
    expect(mlflow.models.size).toBe(0);

    const error = await failure(client().deleteRegisteredModel('ranker'));
    expect(error.details).toEqual({
      errorCode: 'RESOURCE_DOES_NOT_EXIST',
      status: 404,
      outcomeUnknown: false,
    });
  });

  it("names MLflow's error_code and message for a 4xx", async () => {
    const mlflow = fakeMlflow();
    server.use(...mlflow.handlers);
    await client().createRegisteredModel({ name: 'ranker' });

    const error = await failure(
      client().createRegisteredModel({ name: 'ranker' }),
    );
    expect(error.message).toBe(
      'MLflow registered-models/create answered 400 RESOURCE_ALREADY_EXISTS: Registered Model (name=ranker) already exists.',
    );
    expect(error.details).toEqual({
      errorCode: 'RESOURCE_ALREADY_EXISTS',
      status: 400,
      outcomeUnknown: false,
    });
  });

  it('counts a 5xx as an outcome it cannot know, JSON or not', async () => {
    server.use(
      http.post(`${api}/registered-models/create`, () =>
        mlflowError('INTERNAL_ERROR', 'database is locked'),
      ),
      http.post(
        `${api}/model-versions/create`,
        () =>
          new HttpResponse('<html>Bad Gateway</html>', {
            status: 502,
            statusText: 'Bad Gateway',
            headers: { 'content-type': 'text/html' },
          }),
      ),
    );
    const internal = await failure(
      client().createRegisteredModel({ name: 'ranker' }),
    );
    expect(internal.message).toBe(
      'MLflow registered-models/create answered 500 INTERNAL_ERROR: database is locked',
    );
    expect(internal.details.outcomeUnknown).toBe(true);

    const proxy = await failure(
      client().createModelVersion({ name: 'ranker', source: 's3://m' }),
    );
    expect(proxy.message).toBe(
      'MLflow model-versions/create answered 502 Bad Gateway: <html>Bad Gateway</html>',
    );
    expect(proxy.details).toEqual({ status: 502, outcomeUnknown: true });
  });

  it('gives up after the timeout, and on a dropped connection', async () => {
    server.use(
      http.post(`${api}/registered-models/create`, async () => {
        await delay(1_000);
        return HttpResponse.json({ registered_model: { name: 'ranker' } });
      }),
      http.get(`${api}/registered-models/get`, () => HttpResponse.error()),
    );
    const slow = await failure(
      client({ timeoutMs: 50 }).createRegisteredModel({ name: 'ranker' }),
    );
    expect(slow.message).toBe(
      'MLflow registered-models/create failed: no answer within 0.05 s',
    );
    expect(slow.details).toEqual({ outcomeUnknown: true });

    const dropped = await failure(client().getRegisteredModel('ranker'));
    expect(dropped.message).toMatch(/^MLflow registered-models\/get failed: /);
    expect(dropped.details.outcomeUnknown).toBe(true);
  });

  it('refuses a success without the message it expects', async () => {
    server.use(
      http.post(`${api}/registered-models/create`, () => HttpResponse.json({})),
      http.post(`${api}/model-versions/create`, () => HttpResponse.text('ok')),
    );
    expect(
      (await failure(client().createRegisteredModel({ name: 'ranker' })))
        .message,
    ).toBe('MLflow registered-models/create answered without registered_model');
    expect(
      (
        await failure(
          client().createModelVersion({ name: 'ranker', source: 's3://m' }),
        )
      ).message,
    ).toBe('MLflow model-versions/create answered 200 without a JSON object');
  });

  it('takes the base URL with or without /api/2.0 and links to the UI', async () => {
    const mlflow = fakeMlflow();
    server.use(...mlflow.handlers);
    await client({ baseUrl: `${MLFLOW_URL}/api/2.0/` }).createRegisteredModel({
      name: 'ranker',
    });
    expect(mlflow.models.has('ranker')).toBe(true);

    expect(client().modelUrl('ranker')).toBe(`${MLFLOW_URL}/#/models/ranker`);
    expect(
      new MlflowClient({
        baseUrl: 'http://mlflow:5000',
        uiUrl: 'https://mlflow.example.com/',
        timeoutMs: 1_000,
      }).modelUrl('ranker'),
    ).toBe('https://mlflow.example.com/#/models/ranker');
  });

  it('reads aiPlatform.mlflow, none without it', () => {
    expect(readMlflowOptions(new ConfigReader({}))).toBeUndefined();
    expect(
      readMlflowOptions(
        new ConfigReader({
          aiPlatform: { mlflow: { baseUrl: MLFLOW_URL, timeoutSeconds: 5 } },
        }),
      ),
    ).toEqual({
      baseUrl: MLFLOW_URL,
      token: undefined,
      uiUrl: undefined,
      timeoutMs: 5_000,
    });
    expect(
      readMlflowOptions(
        new ConfigReader({ aiPlatform: { mlflow: { baseUrl: MLFLOW_URL } } }),
      )?.timeoutMs,
    ).toBe(30_000);
  });
});
