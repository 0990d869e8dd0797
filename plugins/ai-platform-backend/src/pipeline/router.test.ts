import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { clickstream } from '../__testUtils__/featureViews';
import { pipelineBody, pipelineEntities } from '../__testUtils__/pipelines';
import {
  describeInputErrors,
  describeRouteGuards,
} from '../__testUtils__/routeTables';
import { priya, startBackend } from '../__testUtils__/startAiPlatformBackend';
import {
  AIRFLOW_URL,
  airflowProblem,
  dagRun,
  fakeAirflow,
} from './__testUtils__/airflow';

const entities = [clickstream, ...pipelineEntities];

describe('pipeline routes', () => {
  describeRouteGuards(
    [
      {
        method: 'get',
        services: true,
        path: '/pipelines',
        permission: 'ai-platform.pipeline.read',
      },
      {
        method: 'get',
        services: true,
        path: '/pipelines/ranker-retrain/runs',
        permission: 'ai-platform.pipeline.read',
      },
      {
        method: 'post',
        path: '/pipelines',
        permission: 'ai-platform.pipeline.create',
        body: pipelineBody(),
      },
    ],
    { entities },
  );

  describeInputErrors('/pipelines', pipelineBody, [
    [{ name: 'Ranker_Retrain' }, 'name: must be a lowercase name'],
    [{ teamRef: 'recsys' }, 'teamRef: must be a group entity ref'],
    [{ orchestrator: 'luigi' }, 'orchestrator: must be one of airflow, argo'],
    [{ schedule: '0 2 * *' }, 'schedule: must have five fields'],
    [{ timezone: 'Mars/Olympus' }, 'timezone: must be an IANA time zone'],
    [{ inputs: [] }, 'inputs: must name at least one'],
    [
      { outputs: ['resource:default/clickstream-events'] },
      'outputs.0: resource:default/clickstream-events is also an input',
    ],
    [{ finalStep: 'publish' }, 'gpuCount: only a train step asks for GPUs'],
    [
      { qualityChecks: [{ check: 'min', column: 'age' }] },
      'qualityChecks.0.value: must be a number for this check',
    ],
    // The test backend's catalog has no datasets or models.
    [
      {},
      'inputs.0: there is no dataset or feature view resource:default/clickstream-events in the catalog; ' +
        'inputs.1: there is no dataset or feature view resource:default/user-profiles in the catalog; ' +
        'outputs.0: there is no dataset, feature view or model resource:default/recsys-ranker in the catalog',
    ],
  ]);

  it('defines a pipeline, lists it, and refuses its name and unknown columns', async () => {
    const { server } = await startBackend(AuthorizeResult.ALLOW, { entities });
    const auth = mockCredentials.user.header(priya);
    const post = (
      path: string,
      headers: Record<string, string> = {},
      body: object = pipelineBody(),
    ) =>
      request(server)
        .post(`/api/ai-platform${path}`)
        .set({ Authorization: auth, ...headers })
        .send(body);

    const dry = await post('/pipelines?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({});

    const created = await post('/pipelines', { 'Idempotency-Key': 'k1' });
    expect(created.status).toBe(201);
    expect(created.body.pipeline).toMatchObject({
      name: 'ranker-retrain',
      orchestrator: 'airflow',
      inputs: [
        'resource:default/clickstream-events',
        'resource:default/user-profiles',
      ],
      createdBy: priya,
    });
    const retried = await post('/pipelines', { 'Idempotency-Key': 'k1' });
    expect(retried.status).toBe(201);
    expect(retried.body.pipeline.id).toBe(created.body.pipeline.id);

    const taken = await post('/pipelines');
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toBe(
      'name: a pipeline named ranker-retrain already exists',
    );

    const unknownColumn = await post(
      '/pipelines',
      {},
      pipelineBody({
        name: 'features',
        qualityChecks: [{ check: 'not_null', column: 'user' }],
      }),
    );
    expect(unknownColumn.status).toBe(400);
    expect(unknownColumn.body.error.message).toBe(
      'qualityChecks.0.column: resource:default/user-profiles has no column user (it declares user_id, country, signup_at)',
    );

    const list = await request(server)
      .get('/api/ai-platform/pipelines')
      .set('Authorization', mockCredentials.service.header());
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([created.body.pipeline]);
  });

  it('answers not-configured runs without Airflow, and 400 naming a bad page or DAG id', async () => {
    const { server } = await startBackend(AuthorizeResult.ALLOW);
    const get = (path: string) =>
      request(server)
        .get(`/api/ai-platform${path}`)
        .set('Authorization', mockCredentials.user.header(priya));

    const runs = await get('/pipelines/ranker-retrain/runs');
    expect(runs.status).toBe(200);
    expect(runs.body).toMatchObject({
      dagId: 'ranker-retrain',
      status: 'not-configured',
      runs: [],
      limit: 25,
      offset: 0,
    });

    for (const [path, message] of [
      ['/pipelines/ranker-retrain/runs?limit=0', 'limit: must be at least 1'],
      ['/pipelines/ranker-retrain/runs?limit=ten', 'limit: must be a number'],
      [
        '/pipelines/ranker-retrain/runs?offset=-1',
        'offset: must not be negative',
      ],
      ['/pipelines/ranker%20retrain/runs', 'dagId: must be an Airflow DAG id'],
    ]) {
      const res = await get(path);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    }
  });

  describe('with Airflow', () => {
    const airflowServer = setupServer();
    beforeAll(() =>
      // The test backend's own requests pass; Airflow's must be handled.
      airflowServer.listen({
        onUnhandledRequest: (req, print) => {
          if (req.url.startsWith(AIRFLOW_URL)) print.error();
        },
      }),
    );
    afterAll(() => airflowServer.close());
    afterEach(() => airflowServer.resetHandlers());

    it('pages runs, answers the last page read while Airflow fails, and never a 500', async () => {
      const airflow = fakeAirflow({
        'ranker-retrain': [
          dagRun('2026-11-27T01:00:00Z'),
          dagRun('2026-11-28T01:00:00Z', { state: 'failed' }),
        ],
      });
      airflowServer.use(...airflow.handlers);
      const { server } = await startBackend(AuthorizeResult.ALLOW, {
        config: {
          airflow: {
            baseUrl: AIRFLOW_URL,
            token: 'airflow-secret',
            webUrl: 'https://airflow.example.com',
          },
        },
      });
      const get = (path: string) =>
        request(server)
          .get(`/api/ai-platform${path}`)
          .set('Authorization', mockCredentials.service.header());

      const ok = await get('/pipelines/ranker-retrain/runs?limit=1&offset=1');
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({
        status: 'ok',
        totalEntries: 2,
        limit: 1,
        offset: 1,
        url: 'https://airflow.example.com/dags/ranker-retrain/grid',
        runs: [{ state: 'success', durationSeconds: 1800 }],
      });
      expect(airflow.calls[0]).toEqual({
        path: '/dags/ranker-retrain/dagRuns',
        query: { limit: '1', offset: '1', order_by: '-execution_date' },
        authorization: 'Bearer airflow-secret',
      });

      airflowServer.use(
        http.get(`${AIRFLOW_URL}/api/v1/dags/ranker-retrain/dagRuns`, () =>
          airflowProblem(403, 'Forbidden', 'Access is denied'),
        ),
      );
      const stale = await get(
        '/pipelines/ranker-retrain/runs?limit=1&offset=1',
      );
      expect(stale.status).toBe(200);
      expect(stale.body).toEqual({
        ...ok.body,
        status: 'stale',
        error:
          'Airflow answered 403 Forbidden: Access is denied; check the credentials in aiPlatform.airflow',
      });
      expect(JSON.stringify(stale.body)).not.toContain('airflow-secret');

      const unreachable = await get('/pipelines/ranker-retrain/runs');
      expect(unreachable.status).toBe(200);
      expect(unreachable.body).toMatchObject({
        status: 'unreachable',
        runs: [],
      });

      const missing = await get('/pipelines/no-such-dag/runs');
      expect(missing.status).toBe(200);
      expect(missing.body).toMatchObject({
        status: 'not-found',
        error: 'Airflow has no DAG no-such-dag',
      });
    });
  });
});
