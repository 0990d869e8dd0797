import { http, HttpResponse } from 'msw';

export const AIRFLOW_URL = 'http://airflow.test:8080';

const api = `${AIRFLOW_URL}/api/v1`;

/** A request the fake received: the path under /api/v1, its query and Authorization header. */
export interface AirflowCall {
  path: string;
  query: Record<string, string>;
  authorization: string | null;
}

/** A date-time as Airflow writes it: microseconds and an explicit offset. */
export function airflowDate(iso: string): string {
  return new Date(iso).toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00');
}

/** Airflow's error body, an RFC 7807 problem document, with its status. */
export function airflowProblem(status: number, title: string, detail?: string) {
  return HttpResponse.json(
    {
      type: `https://airflow.apache.org/docs/apache-airflow/2.9.0/stable-rest-api-ref.html#section/Errors/${title.replace(
        / /g,
        '',
      )}`,
      title,
      status,
      ...(detail ? { detail } : {}),
    },
    { status, headers: { 'content-type': 'application/problem+json' } },
  );
}

/**
 * A `DAGRun` as Airflow 2.9 serializes it, every documented field included: a scheduled run of
 * `ranker-retrain` at `logicalDate` that started a minute later and succeeded after 30 minutes.
 */
export function dagRun(
  logicalDate: string,
  overrides: Record<string, unknown> = {},
) {
  const logical = Date.parse(logicalDate);
  return {
    dag_run_id: `scheduled__${airflowDate(logicalDate)}`,
    dag_id: 'ranker-retrain',
    logical_date: airflowDate(logicalDate),
    execution_date: airflowDate(logicalDate),
    start_date: airflowDate(new Date(logical + 60_000).toISOString()),
    end_date: airflowDate(new Date(logical + 31 * 60_000).toISOString()),
    data_interval_start: airflowDate(
      new Date(logical - 86_400_000).toISOString(),
    ),
    data_interval_end: airflowDate(logicalDate),
    last_scheduling_decision: null,
    run_type: 'scheduled',
    state: 'success',
    external_trigger: false,
    conf: {},
    note: null,
    ...overrides,
  };
}

/**
 * Airflow's stable API behind msw for the DAGs given (their runs, in any order): `GET
 * /dags/{dag_id}/dagRuns` pages them as Airflow does (newest first for
 * `order_by=-execution_date`, `limit` 100 by default), answering an empty page for a DAG it does
 * not have, which `GET /dags/{dag_id}` answers 404. Every call is kept.
 */
export function fakeAirflow(
  dags: Record<string, Array<{ execution_date: string }>>,
) {
  const calls: AirflowCall[] = [];
  const record = (request: Request) => {
    const url = new URL(request.url);
    calls.push({
      path: url.pathname.replace(/^\/api\/v1/, ''),
      query: Object.fromEntries(url.searchParams),
      authorization: request.headers.get('authorization'),
    });
    return url.searchParams;
  };

  const handlers = [
    http.get(`${api}/dags/:dagId/dagRuns`, ({ request, params }) => {
      const query = record(request);
      const runs = [...(dags[String(params.dagId)] ?? [])];
      if (query.get('order_by') === '-execution_date') {
        runs.sort(
          (a, b) => Date.parse(b.execution_date) - Date.parse(a.execution_date),
        );
      }
      const offset = Number(query.get('offset') ?? 0);
      const limit = Number(query.get('limit') ?? 100);
      return HttpResponse.json({
        dag_runs: runs.slice(offset, offset + limit),
        total_entries: runs.length,
      });
    }),
    http.get(`${api}/dags/:dagId`, ({ request, params }) => {
      record(request);
      const dagId = String(params.dagId);
      return dags[dagId]
        ? HttpResponse.json({
            dag_id: dagId,
            is_paused: false,
            is_active: true,
          })
        : airflowProblem(
            404,
            'DAG not found',
            `The DAG with dag_id: ${dagId} was not found`,
          );
    }),
  ];

  return { handlers, calls, dags };
}
