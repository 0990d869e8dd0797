/**
 * A reader of Feast's registry REST server (`feast serve_registry --rest-api`, port 6572 by
 * default): every endpoint under `/api/v1`, list responses wrapped as `{ <items>: [...],
 * pagination: {...} }`, `page` from 1 and `limit` at most 100.
 */

/** A JSON object as the registry sends it (proto3 JSON: camelCase fields, defaults left out). */
export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The registry's largest page. */
export const PAGE_LIMIT = 100;

/** Why a registry could not be read; its message never holds the token. */
export class FeastRegistryError extends Error {
  name = 'FeastRegistryError';
}

export interface FeastRegistryClientOptions {
  baseUrl: string;
  token?: string;
  timeoutMs: number;
  maxPages: number;
}

/** The page after `page`, or undefined on the last one (see `list`). */
function nextPage(
  pagination: unknown,
  page: number,
  itemCount: number,
): number | undefined {
  if (!isRecord(pagination) || Object.keys(pagination).length === 0) {
    // No pagination block: the server answered with the whole list.
    return undefined;
  }
  const number = (...keys: string[]) =>
    keys.map(k => pagination[k]).find(v => typeof v === 'number') as
      | number
      | undefined;
  const totalPages = number('totalPages', 'total_pages');
  if (totalPages !== undefined) {
    return page < totalPages ? page + 1 : undefined;
  }
  const hasNext = [pagination.hasNext, pagination.has_next].find(
    v => typeof v === 'boolean',
  );
  if (hasNext !== undefined) {
    return hasNext ? page + 1 : undefined;
  }
  const limit = number('limit') ?? PAGE_LIMIT;
  const total = number('totalCount', 'total_count', 'total');
  if (total !== undefined) {
    return page * limit < total ? page + 1 : undefined;
  }
  // proto3 JSON leaves out zeros and false: only a full page may have a next one.
  return itemCount >= limit ? page + 1 : undefined;
}

export class FeastRegistryClient {
  private readonly root: string;

  constructor(private readonly options: FeastRegistryClientOptions) {
    this.root = `${options.baseUrl
      .replace(/\/+$/, '')
      .replace(/\/api\/v1$/, '')}/api/v1`;
  }

  /**
   * Every item of a list endpoint, page by page (`page`, `limit=100`) until the pagination
   * block says there is no next page. More than `maxPages` pages fail the read, so a server
   * that keeps answering never loops and a partial list never replaces the catalog's set.
   */
  async list(
    path: string,
    keys: string[],
    query: Record<string, string> = {},
  ): Promise<Json[]> {
    const items: Json[] = [];
    let page: number | undefined = 1;
    for (let read = 0; page !== undefined; read++) {
      if (read === this.options.maxPages) {
        throw new FeastRegistryError(
          `GET ${path} has more than ${this.options.maxPages} pages of ${PAGE_LIMIT}; raise maxPages`,
        );
      }
      const body = await this.get(path, {
        ...query,
        page: String(page),
        limit: String(PAGE_LIMIT),
      });
      const key = keys.find(k => Array.isArray(body[k]));
      if (!key) {
        const error = typeof body.error === 'string' ? `: ${body.error}` : '';
        throw new FeastRegistryError(
          `GET ${path} answered without a ${keys[0]} list${error}`,
        );
      }
      const pageItems = (body[key] as unknown[]).filter(isRecord);
      items.push(...pageItems);
      page = nextPage(body.pagination, page, pageItems.length);
    }
    return items;
  }

  private async get(
    path: string,
    query: Record<string, string>,
  ): Promise<Json> {
    const url = `${this.root}${path}?${new URLSearchParams(query)}`;
    const what = `GET ${path}?${new URLSearchParams(query)}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.options.token) {
      headers.authorization = `Bearer ${this.options.token}`;
    }
    let response: Response;
    try {
      response = await fetch(url, {
        headers,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw new FeastRegistryError(
        `${what} failed: ${describe(error, this.options.timeoutMs)}`,
      );
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      body = undefined;
      if (response.ok) {
        throw new FeastRegistryError(
          `${what} answered ${response.status} without JSON: ${describe(
            error,
            this.options.timeoutMs,
          )}`,
        );
      }
    }
    if (!response.ok) {
      // Feast's errors: { status_code, detail, error_type }.
      const detail =
        isRecord(body) && body.detail !== undefined
          ? `: ${JSON.stringify(body.detail).slice(0, 300)}`
          : '';
      throw new FeastRegistryError(
        `${what} answered ${response.status} ${response.statusText}${detail}`,
      );
    }
    if (!isRecord(body)) {
      throw new FeastRegistryError(`${what} answered with no JSON object`);
    }
    return body;
  }
}

/** A fetch failure in words (errors and DOMExceptions alike, whichever realm made them). */
function describe(error: unknown, timeoutMs: number): string {
  const { name, message, cause } = isRecord(error)
    ? (error as { name?: unknown; message?: unknown; cause?: unknown })
    : {};
  if (name === 'TimeoutError') {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  if (typeof message !== 'string') {
    return String(error);
  }
  const because =
    isRecord(cause) && typeof cause.message === 'string'
      ? ` (${cause.message})`
      : '';
  return `${message}${because}`;
}
