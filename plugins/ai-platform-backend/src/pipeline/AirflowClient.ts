import { STATUS_CODES } from 'node:http';
import { Config } from '@backstage/config';
import {
  describeFetchFailure,
  describeZodIssues,
} from '@ai-platform/plugin-ai-platform-common';
import { z } from 'zod/v3';

/** Where Airflow is and how to sign in to it, as `aiPlatform.airflow` configures it. */
export interface AirflowOptions {
  /** The webserver's root, e.g. http://airflow:8080 (`/api/v1` may be included). */
  baseUrl: string;
  /** Basic auth, as Airflow's `basic_auth` API backend takes it; with `password`. */
  username?: string;
  password?: string;
  /** Sent as a Bearer token, in place of basic auth. */
  token?: string;
  /** Where people open Airflow's UI, for links to a DAG; the base URL by default. */
  webUrl?: string;
  timeoutMs: number;
}

/**
 * `aiPlatform.airflow`, or undefined without its `baseUrl` (pipelines then show no runs). Throws
 * on credentials that cannot be meant: a user without a password, or both kinds at once.
 */
export function readAirflowOptions(config: Config): AirflowOptions | undefined {
  const airflow = config.getOptionalConfig('aiPlatform.airflow');
  const baseUrl = airflow?.getOptionalString('baseUrl');
  if (!airflow || !baseUrl) return undefined;
  const username = airflow.getOptionalString('username');
  const password = airflow.getOptionalString('password');
  const token = airflow.getOptionalString('token');
  if (token && (username || password)) {
    throw new Error(
      'aiPlatform.airflow takes either username and password or token, not both',
    );
  }
  if (!username !== !password) {
    throw new Error(
      'aiPlatform.airflow needs both username and password for basic auth',
    );
  }
  return {
    baseUrl,
    username,
    password,
    token,
    webUrl: airflow.getOptionalString('webUrl'),
    timeoutMs: airflow.getOptionalNumber('timeoutMs') ?? 5_000,
  };
}

const dateTime = z
  .string()
  .refine(v => !Number.isNaN(Date.parse(v)), 'must be a date-time')
  .nullable()
  .optional();

/** The fields of Airflow's `DAGRun` the portal reads; others are ignored. */
const dagRunSchema = z.object({
  // Nullable in the spec only for triggering a run: every stored run has its id.
  dag_run_id: z.string(),
  state: z.string(),
  run_type: z.string().optional(),
  logical_date: dateTime,
  /** The logical date's name before Airflow 2.2. */
  execution_date: dateTime,
  start_date: dateTime,
  end_date: dateTime,
});
export type AirflowDagRun = z.infer<typeof dagRunSchema>;

const dagRunCollectionSchema = z.object({
  dag_runs: z.array(dagRunSchema),
  total_entries: z.number().int().nonnegative(),
});

/** A page of a DAG's runs, newest first, and how many runs the DAG has. */
export interface AirflowDagRunPage {
  dagRuns: AirflowDagRun[];
  totalEntries: number;
}

/**
 * A request to Airflow that failed: no answer in time, an error status, or a body that is not
 * what the API documents. Its message says which, never the credentials.
 */
export class AirflowError extends Error {
  name = 'AirflowError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Airflow's stable REST API (`/api/v1`, Airflow 2), for the DAG runs pipelines show. Each request
 * gives up after `timeoutMs`.
 */
export class AirflowClient {
  private readonly api: string;
  private readonly web: string;

  constructor(
    private readonly options: AirflowOptions,
    private readonly fetchFn: typeof fetch = fetch,
  ) {
    const root = options.baseUrl.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
    this.api = `${root}/api/v1`;
    this.web = (options.webUrl ?? root).replace(/\/+$/, '');
  }

  /**
   * `GET /dags/{dag_id}/dagRuns`, newest first; undefined when Airflow has no such DAG. Airflow 2
   * answers an empty page for a DAG it does not have, so an empty page is checked with
   * `GET /dags/{dag_id}`.
   */
  async listDagRuns(
    dagId: string,
    page: { limit: number; offset: number },
  ): Promise<AirflowDagRunPage | undefined> {
    const dag = `dags/${encodeURIComponent(dagId)}`;
    const query = new URLSearchParams({
      limit: String(page.limit),
      offset: String(page.offset),
      order_by: '-execution_date',
    });
    const body = await this.getOrMissing(`${dag}/dagRuns?${query}`);
    if (body === undefined) return undefined;
    const parsed = dagRunCollectionSchema.safeParse(body);
    if (!parsed.success) {
      throw new AirflowError(
        `Airflow answered with something other than a DAG run collection (${describeZodIssues(
          parsed.error,
        )})`,
      );
    }
    const { dag_runs: dagRuns, total_entries: totalEntries } = parsed.data;
    if (totalEntries === 0 && (await this.getOrMissing(dag)) === undefined) {
      return undefined;
    }
    return { dagRuns, totalEntries };
  }

  /** The DAG's grid page in Airflow's UI. */
  dagUrl(dagId: string): string {
    return `${this.web}/dags/${encodeURIComponent(dagId)}/grid`;
  }

  private authorization(): string | undefined {
    const { username, password, token } = this.options;
    if (token) return `Bearer ${token}`;
    if (username && password) {
      return `Basic ${Buffer.from(`${username}:${password}`).toString(
        'base64',
      )}`;
    }
    return undefined;
  }

  /** A GET's JSON body; undefined when Airflow has no such thing, an AirflowError on failure. */
  private async getOrMissing(path: string): Promise<unknown> {
    const { timeoutMs } = this.options;
    const headers: Record<string, string> = { accept: 'application/json' };
    const authorization = this.authorization();
    if (authorization) headers.authorization = authorization;

    let status: number;
    let text: string;
    try {
      const response = await this.fetchFn(`${this.api}/${path}`, {
        headers,
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      throw new AirflowError(
        (error as Error)?.name === 'TimeoutError'
          ? `Airflow did not answer within ${timeoutMs / 1000} s`
          : `Airflow could not be reached: ${describeFetchFailure(
              error,
              timeoutMs,
            )}`,
      );
    }

    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    // Airflow's own 404 is a problem document; another server's (a wrong base URL) is a failure.
    if (status === 404 && isRecord(body)) return undefined;
    if (status < 200 || status >= 300) {
      // Airflow's errors are RFC 7807 problems: { type, title, status, detail }.
      const detail =
        isRecord(body) && typeof body.detail === 'string' ? body.detail : '';
      let hint = '';
      if (status === 401 || status === 403) {
        hint = '; check the credentials in aiPlatform.airflow';
      } else if (status === 404) {
        hint = "; check that aiPlatform.airflow.baseUrl is Airflow's webserver";
      }
      throw new AirflowError(
        `Airflow answered ${status} ${STATUS_CODES[status] ?? ''}`.trim() +
          (detail ? `: ${detail.trim().slice(0, 300)}` : '') +
          hint,
      );
    }
    if (body === undefined) {
      throw new AirflowError(
        `Airflow answered ${status} with a body that is not JSON`,
      );
    }
    return body;
  }
}
