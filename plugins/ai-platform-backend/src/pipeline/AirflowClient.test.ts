import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  AIRFLOW_URL,
  airflowDate,
  airflowProblem,
  dagRun,
  fakeAirflow,
} from './__testUtils__/airflow';
import {
  AirflowClient,
  AirflowError,
  AirflowOptions,
  readAirflowOptions,
} from './AirflowClient';

const runsUrl = `${AIRFLOW_URL}/api/v1/dags/ranker-retrain/dagRuns`;
const password = 'airflow-secret-password';
const token = 'airflow-secret-token';
const basic = `Basic ${Buffer.from(`portal:${password}`).toString('base64')}`;

/** Five nightly runs of ranker-retrain, the newest first. */
const nights = [5, 4, 3, 2, 1].map(day => dagRun(`2026-11-2${day}T01:00:00Z`));

describe('AirflowClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = (options: Partial<AirflowOptions> = {}) =>
    new AirflowClient({
      baseUrl: AIRFLOW_URL,
      username: 'portal',
      password,
      timeoutMs: 1_000,
      ...options,
    });

  /** The AirflowError a call fails with; it never carries a credential. */
  async function failure(call: Promise<unknown>): Promise<AirflowError> {
    const error = await call.then(
      () => undefined,
      e => e,
    );
    expect(error).toBeInstanceOf(AirflowError);
    for (const secret of [password, token, basic.slice(6)]) {
      expect(error.message).not.toContain(secret);
    }
    return error;
  }

  it('pages the runs newest first with limit, offset and total_entries, signed in with basic auth', async () => {
    const airflow = fakeAirflow({ 'ranker-retrain': [...nights].reverse() });
    server.use(...airflow.handlers);

    const page = await client().listDagRuns('ranker-retrain', {
      limit: 2,
      offset: 2,
    });
    expect(page?.totalEntries).toBe(5);
    expect(page?.dagRuns.map(r => r.logical_date)).toEqual([
      airflowDate('2026-11-23T01:00:00Z'),
      airflowDate('2026-11-22T01:00:00Z'),
    ]);
    expect(airflow.calls).toEqual([
      {
        path: '/dags/ranker-retrain/dagRuns',
        query: { limit: '2', offset: '2', order_by: '-execution_date' },
        authorization: basic,
      },
    ]);

    const last = await client().listDagRuns('ranker-retrain', {
      limit: 2,
      offset: 4,
    });
    expect(last?.dagRuns).toHaveLength(1);
    expect(last?.totalEntries).toBe(5);
  });

  it('reads nullable dates, a running run without end_date, and ignores fields it does not know', async () => {
    const queued = dagRun('2026-11-26T01:00:00Z', {
      state: 'queued',
      start_date: null,
      end_date: null,
      // Airflow < 2.2 has no logical_date; later versions may add fields.
      logical_date: undefined,
      triggered_by: 'timetable',
      dag_versions: [{ version_number: 3 }],
    });
    const running = dagRun('2026-11-25T01:00:00Z', { state: 'running' });
    delete (running as Record<string, unknown>).end_date;
    server.use(
      http.get(runsUrl, () =>
        HttpResponse.json({ dag_runs: [queued, running], total_entries: 2 }),
      ),
    );

    const page = await client().listDagRuns('ranker-retrain', {
      limit: 25,
      offset: 0,
    });
    expect(page).toEqual({
      totalEntries: 2,
      dagRuns: [
        {
          dag_run_id: queued.dag_run_id,
          state: 'queued',
          run_type: 'scheduled',
          execution_date: queued.execution_date,
          start_date: null,
          end_date: null,
        },
        {
          dag_run_id: running.dag_run_id,
          state: 'running',
          run_type: 'scheduled',
          logical_date: running.logical_date,
          execution_date: running.execution_date,
          start_date: running.start_date,
        },
      ],
    });
  });

  it('sends a token as Bearer in place of basic auth, and nothing without credentials', async () => {
    const airflow = fakeAirflow({ 'ranker-retrain': nights });
    server.use(...airflow.handlers);
    const page = { limit: 1, offset: 0 };

    await client({
      username: undefined,
      password: undefined,
      token,
    }).listDagRuns('ranker-retrain', page);
    await client({ username: undefined, password: undefined }).listDagRuns(
      'ranker-retrain',
      page,
    );
    expect(airflow.calls.map(c => c.authorization)).toEqual([
      `Bearer ${token}`,
      null,
    ]);
  });

  it('tells a DAG Airflow does not have from one without runs', async () => {
    const airflow = fakeAirflow({ 'new-dag': [] });
    server.use(...airflow.handlers);
    const page = { limit: 25, offset: 0 };

    expect(await client().listDagRuns('new-dag', page)).toEqual({
      dagRuns: [],
      totalEntries: 0,
    });
    // Airflow 2 lists no runs for any DAG id; the DAG itself answers 404.
    expect(await client().listDagRuns('no-such-dag', page)).toBeUndefined();
    expect(airflow.calls.map(c => c.path)).toEqual([
      '/dags/new-dag/dagRuns',
      '/dags/new-dag',
      '/dags/no-such-dag/dagRuns',
      '/dags/no-such-dag',
    ]);

    server.use(
      http.get(`${AIRFLOW_URL}/api/v1/dags/gone/dagRuns`, () =>
        airflowProblem(404, 'DAG not found', 'DAG with dag_id: gone not found'),
      ),
    );
    expect(await client().listDagRuns('gone', page)).toBeUndefined();
  });

  it.each([
    [
      401,
      airflowProblem(401, 'Unauthorized'),
      'Airflow answered 401 Unauthorized; check the credentials in aiPlatform.airflow',
    ],
    [
      403,
      airflowProblem(
        403,
        'Forbidden',
        'You do not have the permission to read DAG runs',
      ),
      'Airflow answered 403 Forbidden: You do not have the permission to read DAG runs; check the credentials in aiPlatform.airflow',
    ],
    [
      500,
      airflowProblem(500, 'Internal Server Error', 'database is locked'),
      'Airflow answered 500 Internal Server Error: database is locked',
    ],
    [
      503,
      new HttpResponse('<html>Service Unavailable</html>', {
        status: 503,
        headers: { 'content-type': 'text/html' },
      }),
      'Airflow answered 503 Service Unavailable',
    ],
    [
      404,
      new HttpResponse('<html>Not Found</html>', {
        status: 404,
        headers: { 'content-type': 'text/html' },
      }),
      "Airflow answered 404 Not Found; check that aiPlatform.airflow.baseUrl is Airflow's webserver",
    ],
  ])('names a %s and what Airflow said', async (_status, response, message) => {
    server.use(http.get(runsUrl, () => response));
    const error = await failure(
      client().listDagRuns('ranker-retrain', { limit: 25, offset: 0 }),
    );
    expect(error.message).toBe(message);
  });

  it('gives up after the timeout, and on a dropped connection', async () => {
    server.use(
      http.get(runsUrl, async () => {
        await delay(1_000);
        return HttpResponse.json({ dag_runs: [], total_entries: 0 });
      }),
      http.get(`${AIRFLOW_URL}/api/v1/dags/other/dagRuns`, () =>
        HttpResponse.error(),
      ),
    );
    const page = { limit: 25, offset: 0 };
    expect(
      (
        await failure(
          client({ timeoutMs: 50 }).listDagRuns('ranker-retrain', page),
        )
      ).message,
    ).toBe('Airflow did not answer within 0.05 s');
    expect(
      (await failure(client().listDagRuns('other', page))).message,
    ).toMatch(/^Airflow could not be reached: /);
  });

  it('refuses a body that is not JSON or not a DAG run collection', async () => {
    const page = { limit: 25, offset: 0 };
    server.use(
      http.get(runsUrl, () =>
        HttpResponse.text('{"dag_runs": [', { status: 200 }),
      ),
    );
    expect(
      (await failure(client().listDagRuns('ranker-retrain', page))).message,
    ).toBe('Airflow answered 200 with a body that is not JSON');

    server.use(
      http.get(runsUrl, () =>
        HttpResponse.json({
          dag_runs: [{ ...nights[0], state: undefined }],
          total_entries: '1',
        }),
      ),
    );
    expect(
      (await failure(client().listDagRuns('ranker-retrain', page))).message,
    ).toBe(
      'Airflow answered with something other than a DAG run collection (dag_runs.0.state: Required; total_entries: Expected number, received string)',
    );

    server.use(
      http.get(runsUrl, () =>
        HttpResponse.json({
          dag_runs: [{ ...nights[0], start_date: 'yesterday' }],
          total_entries: 1,
        }),
      ),
    );
    expect(
      (await failure(client().listDagRuns('ranker-retrain', page))).message,
    ).toContain('dag_runs.0.start_date: must be a date-time');
  });

  it('takes the base URL with or without /api/v1 and links to the DAG grid', async () => {
    const airflow = fakeAirflow({ 'ranker-retrain': nights });
    server.use(...airflow.handlers);
    await client({ baseUrl: `${AIRFLOW_URL}/api/v1/` }).listDagRuns(
      'ranker-retrain',
      { limit: 1, offset: 0 },
    );
    expect(airflow.calls).toHaveLength(1);

    expect(client().dagUrl('ranker-retrain')).toBe(
      `${AIRFLOW_URL}/dags/ranker-retrain/grid`,
    );
    expect(
      client({ webUrl: 'https://airflow.example.com/' }).dagUrl('ranker.v2'),
    ).toBe('https://airflow.example.com/dags/ranker.v2/grid');
  });

  it('reads aiPlatform.airflow, none without its baseUrl', () => {
    const read = (airflow?: object) =>
      readAirflowOptions(new ConfigReader({ aiPlatform: { airflow } }));
    expect(read()).toBeUndefined();
    expect(read({ webUrl: 'https://airflow.example.com' })).toBeUndefined();
    expect(read({ baseUrl: AIRFLOW_URL, token })).toEqual({
      baseUrl: AIRFLOW_URL,
      username: undefined,
      password: undefined,
      token,
      webUrl: undefined,
      timeoutMs: 5_000,
    });
    expect(
      read({
        baseUrl: AIRFLOW_URL,
        username: 'portal',
        password,
        timeoutMs: 800,
      }),
    ).toMatchObject({ username: 'portal', password, timeoutMs: 800 });

    expect(() =>
      read({ baseUrl: AIRFLOW_URL, username: 'portal', password, token }),
    ).toThrow(
      'aiPlatform.airflow takes either username and password or token, not both',
    );
    expect(() => read({ baseUrl: AIRFLOW_URL, username: 'portal' })).toThrow(
      'aiPlatform.airflow needs both username and password for basic auth',
    );
  });
});
