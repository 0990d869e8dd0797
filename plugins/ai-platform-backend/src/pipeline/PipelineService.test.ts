import {
  mockServices,
  registerMswTestHooks,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { pipelineInputSchema } from '@ai-platform/plugin-ai-platform-common';
import { clickstream } from '../__testUtils__/featureViews';
import { actor } from '../__testUtils__/ledger';
import { pipelineBody, pipelineEntities } from '../__testUtils__/pipelines';
import { cluster } from '../__testUtils__/startAiPlatformBackend';
import { connectAndMigrate } from '../database/migrate';
import {
  AIRFLOW_URL,
  airflowProblem,
  dagRun,
  fakeAirflow,
} from './__testUtils__/airflow';
import { AirflowClient } from './AirflowClient';
import { DatabasePipelineStore } from './DatabasePipelineStore';
import { PipelineService } from './PipelineService';

const recsys = actor('group:default/recsys', 'user:default/priya.raman');
const password = 'airflow-secret-password';
const runsUrl = `${AIRFLOW_URL}/api/v1/dags/ranker-retrain/dagRuns`;
const NOW = new Date('2026-11-29T01:10:00Z');
const page = { limit: 25, offset: 0 };

const pipeline = (overrides: Record<string, unknown> = {}) =>
  pipelineInputSchema.parse(pipelineBody(overrides));

/** Another team's ML pipeline, already a Component under a name a pipeline might want. */
const takenComponent = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'churn-scoring', namespace: 'default' },
  spec: {
    type: 'ml-pipeline',
    owner: 'group:default/growth',
    lifecycle: 'production',
  },
};

/** Three nights of ranker-retrain: one that succeeded, one that runs, one queued. */
const runs = [
  dagRun('2026-11-27T01:00:00Z'),
  dagRun('2026-11-28T01:00:00Z', { state: 'running', end_date: null }),
  dagRun('2026-11-29T01:00:00Z', {
    state: 'queued',
    start_date: null,
    end_date: null,
  }),
];

describe('PipelineService', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  const server = setupServer();
  registerMswTestHooks(server);

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup(options: { airflow?: boolean } = {}) {
      const knex = await databases.init(databaseId);
      const db = await connectAndMigrate({ getClient: async () => knex });
      const airflow = fakeAirflow({ 'ranker-retrain': runs, 'new-dag': [] });
      server.use(...airflow.handlers);
      const logger = mockServices.logger.mock();
      // One service per replica, each with its own Airflow client, over the shared database.
      const replica = () =>
        new PipelineService({
          store: new DatabasePipelineStore(db),
          catalog: catalogServiceMock({
            entities: [
              clickstream,
              ...pipelineEntities,
              cluster,
              takenComponent,
            ],
          }),
          auth: mockServices.auth(),
          logger,
          airflow: options.airflow
            ? new AirflowClient({
                baseUrl: AIRFLOW_URL,
                username: 'portal',
                password,
                timeoutMs: 200,
              })
            : undefined,
          now: () => NOW,
        });
      const service = replica();
      return {
        service,
        replica,
        store: new DatabasePipelineStore(db),
        airflow,
        logger,
      };
    }

    describe('create', () => {
      it('defines a pipeline over catalog data and refuses its name again', async () => {
        const { service } = await setup();
        const { pipeline: created } = await service.create(pipeline(), {
          actor: recsys,
        });
        expect(created).toEqual({
          ...pipeline(),
          id: expect.any(String),
          createdBy: 'user:default/priya.raman',
          createdAt: expect.any(String),
        });
        expect(await service.list()).toEqual([created]);

        const again = service.create(pipeline({ description: 'again' }), {
          actor: recsys,
        });
        await expect(again).rejects.toThrow(
          'name: a pipeline named ranker-retrain already exists',
        );
        await expect(again).rejects.toMatchObject({ name: 'ConflictError' });
      });

      it('reads feature views and writes datasets, feature views and models', async () => {
        const { service } = await setup();
        const { pipeline: created } = await service.create(
          pipeline({
            name: 'session-features',
            inputs: [
              'resource:default/session_features',
              'Resource:User-Profiles',
            ],
            outputs: [
              'resource:default/clickstream-events',
              'resource:default/recsys-ranker',
            ],
            finalStep: 'publish',
            gpuCount: 0,
            qualityChecks: [{ check: 'unique', column: 'user_id' }],
          }),
          { actor: recsys },
        );
        expect(created?.inputs).toEqual([
          'resource:default/session_features',
          'resource:default/user-profiles',
        ]);
      });

      it("refuses other teams' pipelines", async () => {
        const { service, store } = await setup();
        const other = service.create(
          pipeline({ teamRef: 'group:default/vision' }),
          { actor: recsys },
        );
        await expect(other).rejects.toThrow(
          'teamRef: you are not a member of group:default/vision',
        );
        await expect(other).rejects.toMatchObject({ name: 'NotAllowedError' });
        expect(await store.list()).toEqual([]);
      });

      it('refuses inputs and outputs the catalog lacks or has of another type, naming each', async () => {
        const { service, store } = await setup();
        const create = service.create(
          pipeline({
            inputs: [
              'resource:default/clickstream-events',
              'resource:default/cluster-a',
              'resource:default/recsys-ranker',
            ],
            outputs: ['resource:default/no-such-model'],
            qualityChecks: [],
          }),
          { actor: recsys },
        );
        await expect(create).rejects.toThrow(
          'inputs.1: there is no dataset or feature view resource:default/cluster-a in the catalog (it is a gpu-cluster); ' +
            'inputs.2: there is no dataset or feature view resource:default/recsys-ranker in the catalog (it is an ai-model); ' +
            'outputs.0: there is no dataset, feature view or model resource:default/no-such-model in the catalog',
        );
        await expect(create).rejects.toMatchObject({ name: 'InputError' });
        expect(await store.list()).toEqual([]);
      });

      it('checks each rule column against the columns its datasets declare', async () => {
        const { service, store } = await setup();
        const create = service.create(
          pipeline({
            qualityChecks: [
              // Every input dataset: clickstream declares no columns, so only user-profiles counts.
              { check: 'not_null', column: 'userid' },
              {
                check: 'max',
                column: 'age',
                value: 120,
                datasetRef: 'resource:default/user-profiles',
              },
              {
                check: 'freshness_hours',
                column: 'event_ts',
                value: 24,
                datasetRef: 'resource:default/clickstream-events',
              },
              { check: 'row_count_min', value: 10 },
            ],
          }),
          { actor: recsys },
        );
        await expect(create).rejects.toThrow(
          'qualityChecks.0.column: resource:default/user-profiles has no column userid (it declares user_id, country, signup_at); ' +
            'qualityChecks.1.column: resource:default/user-profiles has no column age (it declares user_id, country, signup_at)',
        );
        await expect(create).rejects.toMatchObject({ name: 'InputError' });
        expect(await store.list()).toEqual([]);
      });

      it('refuses rules that would check feature views', async () => {
        const { service } = await setup();
        const onView = service.create(
          pipeline({
            inputs: [
              'resource:default/user-profiles',
              'resource:default/session_features',
            ],
            qualityChecks: [
              {
                check: 'not_null',
                column: 'sessions_7d',
                datasetRef: 'resource:default/session_features',
              },
            ],
          }),
          { actor: recsys },
        );
        await expect(onView).rejects.toThrow(
          'qualityChecks.0.datasetRef: resource:default/session_features is a feature view; data-quality rules check datasets',
        );

        const viewsOnly = (qualityChecks: object[]) =>
          pipeline({
            inputs: ['resource:default/session_features'],
            qualityChecks,
          });
        await expect(
          service.create(viewsOnly([{ check: 'row_count_min', value: 1 }]), {
            actor: recsys,
          }),
        ).rejects.toThrow(
          'qualityChecks.0: the pipeline reads no dataset for this rule to check (its inputs are feature views)',
        );
        // Without rules a pipeline of feature views is fine.
        expect(
          (await service.create(viewsOnly([]), { actor: recsys })).pipeline,
        ).toBeDefined();
      });

      it('refuses a name the catalog has as a Component, not as a Resource', async () => {
        const { service } = await setup();
        const create = service.create(pipeline({ name: 'churn-scoring' }), {
          actor: recsys,
        });
        await expect(create).rejects.toThrow(
          'name: component:default/churn-scoring is already in the catalog; choose another name',
        );
        await expect(create).rejects.toMatchObject({ name: 'ConflictError' });

        // resource:default/user-profiles is another entity than component:default/user-profiles.
        expect(
          (
            await service.create(pipeline({ name: 'user-profiles' }), {
              actor: recsys,
            })
          ).pipeline,
        ).toBeDefined();
      });

      it('checks without storing in a dry run', async () => {
        const { service, store } = await setup();
        expect(
          await service.create(pipeline(), { actor: recsys, dryRun: true }),
        ).toEqual({});
        expect(await store.list()).toEqual([]);
        await expect(
          service.create(
            pipeline({ qualityChecks: [{ check: 'unique', column: 'id' }] }),
            { actor: recsys, dryRun: true },
          ),
        ).rejects.toThrow('qualityChecks.0.column');
        await service.create(pipeline(), { actor: recsys });
        await expect(
          service.create(pipeline(), { actor: recsys, dryRun: true }),
        ).rejects.toThrow('name: a pipeline named ranker-retrain');
      });

      it('answers retries and concurrent names as if they came in turn', async () => {
        const { service, store } = await setup();
        const first = await service.create(pipeline(), {
          actor: recsys,
          idempotencyKey: 'task-7',
        });
        const retried = await service.create(pipeline(), {
          actor: recsys,
          idempotencyKey: 'task-7',
        });
        expect(retried.pipeline?.id).toBe(first.pipeline?.id);

        const racing = await Promise.all(
          [1, 2, 3].map(() =>
            service.create(pipeline({ name: 'features' }), {
              actor: recsys,
              idempotencyKey: 'task-8',
            }),
          ),
        );
        expect(new Set(racing.map(r => r.pipeline?.id)).size).toBe(1);

        const sameName = await Promise.allSettled(
          ['task-9', 'task-10'].map(key =>
            service.create(pipeline({ name: 'publish' }), {
              actor: recsys,
              idempotencyKey: key,
            }),
          ),
        );
        expect(sameName.map(r => r.status).sort()).toEqual([
          'fulfilled',
          'rejected',
        ]);
        expect(
          sameName.find(r => r.status === 'rejected') as PromiseRejectedResult,
        ).toMatchObject({ reason: { name: 'ConflictError' } });
        expect(await store.list()).toHaveLength(3);
      });
    });

    describe('runs', () => {
      it('answers not-configured without Airflow', async () => {
        const { service } = await setup();
        expect(await service.runs('ranker-retrain', page)).toEqual({
          dagId: 'ranker-retrain',
          status: 'not-configured',
          runs: [],
          totalEntries: 0,
          limit: 25,
          offset: 0,
          error:
            'No Airflow is configured (aiPlatform.airflow.baseUrl), so the portal cannot show runs',
        });
      });

      it('reads a page of runs newest first, with how long each took or has run', async () => {
        const { service, airflow } = await setup({ airflow: true });
        expect(await service.runs('ranker-retrain', page)).toEqual({
          dagId: 'ranker-retrain',
          status: 'ok',
          limit: 25,
          offset: 0,
          totalEntries: 3,
          fetchedAt: NOW.toISOString(),
          url: `${AIRFLOW_URL}/dags/ranker-retrain/grid`,
          runs: [
            {
              runId: 'scheduled__2026-11-29T01:00:00.000000+00:00',
              state: 'queued',
              runType: 'scheduled',
              logicalDate: '2026-11-29T01:00:00.000Z',
            },
            {
              runId: 'scheduled__2026-11-28T01:00:00.000000+00:00',
              state: 'running',
              runType: 'scheduled',
              logicalDate: '2026-11-28T01:00:00.000Z',
              startDate: '2026-11-28T01:01:00.000Z',
              // Until now: a day and nine minutes.
              durationSeconds: 86_400 + 9 * 60,
            },
            {
              runId: 'scheduled__2026-11-27T01:00:00.000000+00:00',
              state: 'success',
              runType: 'scheduled',
              logicalDate: '2026-11-27T01:00:00.000Z',
              startDate: '2026-11-27T01:01:00.000Z',
              endDate: '2026-11-27T01:31:00.000Z',
              durationSeconds: 30 * 60,
            },
          ],
        });
        expect(airflow.calls[0].query).toEqual({
          limit: '25',
          offset: '0',
          order_by: '-execution_date',
        });

        const second = await service.runs('ranker-retrain', {
          limit: 1,
          offset: 1,
        });
        expect(second.runs.map(r => r.state)).toEqual(['running']);
        expect(second.totalEntries).toBe(3);
      });

      it('answers the page another replica read last while Airflow fails, stale', async () => {
        const { service, replica, logger } = await setup({ airflow: true });
        const fresh = await service.runs('ranker-retrain', page);

        server.use(
          http.get(runsUrl, () =>
            airflowProblem(
              503,
              'Service Unavailable',
              'The scheduler is restarting',
            ),
          ),
        );
        const stale = await replica().runs('ranker-retrain', page);
        expect(stale).toEqual({
          ...fresh,
          status: 'stale',
          error:
            'Airflow answered 503 Service Unavailable: The scheduler is restarting',
        });
        expect(logger.warn).toHaveBeenCalledWith(
          'Could not read the runs of DAG ranker-retrain: Airflow answered 503 Service Unavailable: The scheduler is restarting',
        );

        // A page nobody has read yet has nothing to fall back on.
        expect(
          await replica().runs('ranker-retrain', { limit: 25, offset: 25 }),
        ).toEqual({
          dagId: 'ranker-retrain',
          status: 'unreachable',
          runs: [],
          totalEntries: 0,
          limit: 25,
          offset: 25,
          error:
            'Airflow answered 503 Service Unavailable: The scheduler is restarting',
          url: `${AIRFLOW_URL}/dags/ranker-retrain/grid`,
        });
      });

      it.each([
        [
          'a timeout',
          async () => {
            await delay(1_000);
            return HttpResponse.json({ dag_runs: [], total_entries: 0 });
          },
          'Airflow did not answer within 0.2 s',
        ],
        [
          'refused credentials',
          () => airflowProblem(401, 'Unauthorized'),
          'Airflow answered 401 Unauthorized; check the credentials in aiPlatform.airflow',
        ],
        [
          'a body that is not JSON',
          () => HttpResponse.text('<html>Gateway</html>'),
          'Airflow answered 200 with a body that is not JSON',
        ],
        [
          'a dropped connection',
          () => HttpResponse.error(),
          expect.stringMatching(/^Airflow could not be reached: /),
        ],
      ])(
        'falls back after %s, never logging the credentials',
        async (_failure, respond, error) => {
          const { service, logger } = await setup({ airflow: true });
          await service.runs('ranker-retrain', page);
          server.use(http.get(runsUrl, respond));

          const stale = await service.runs('ranker-retrain', page);
          expect(stale).toMatchObject({ status: 'stale', error });
          expect(stale.runs).toHaveLength(3);
          const logged = JSON.stringify(logger.warn.mock.calls);
          expect(logged).not.toContain(password);
          expect(logged).not.toContain(
            Buffer.from(`portal:${password}`).toString('base64'),
          );
        },
      );

      it('tells a DAG Airflow does not have from one without runs, and forgets its runs', async () => {
        const { service, airflow } = await setup({ airflow: true });
        expect(await service.runs('new-dag', page)).toMatchObject({
          status: 'ok',
          runs: [],
          totalEntries: 0,
        });
        expect(await service.runs('no-such-dag', page)).toEqual({
          dagId: 'no-such-dag',
          status: 'not-found',
          runs: [],
          totalEntries: 0,
          limit: 25,
          offset: 0,
          error: 'Airflow has no DAG no-such-dag',
        });

        // The DAG is removed from Airflow, which then fails: no runs of it come back as stale.
        await service.runs('ranker-retrain', page);
        delete airflow.dags['ranker-retrain'];
        expect(await service.runs('ranker-retrain', page)).toMatchObject({
          status: 'not-found',
        });
        server.use(
          http.get(runsUrl, () => airflowProblem(500, 'Internal Server Error')),
        );
        expect(await service.runs('ranker-retrain', page)).toMatchObject({
          status: 'unreachable',
          runs: [],
        });
      });
    });
  });
});
