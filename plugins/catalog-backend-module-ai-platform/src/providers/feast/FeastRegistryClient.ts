/**
 * A reader of Feast's registry REST server (`feast serve_registry --rest-api`, port 6572 by
 * default): every endpoint under `/api/v1`, list responses wrapped as `{ <items>: [...],
 * pagination: {...} }`, `page` from 1 and `limit` at most 100.
 */
import {
  getJson,
  isRecord,
  Json,
  readPages,
  RegistryReadError,
} from '../registryHttp';

/** The registry's largest page. */
export const PAGE_LIMIT = 100;

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

/** Feast's errors: `{ status_code, detail, error_type }`. */
function feastErrorDetail(body: Json): string | undefined {
  return body.detail === undefined ? undefined : JSON.stringify(body.detail);
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
   * block says there is no next page, at most `maxPages` pages (see `readPages`).
   */
  async list(
    path: string,
    keys: string[],
    query: Record<string, string> = {},
  ): Promise<Json[]> {
    return readPages(`GET ${path}`, {
      maxPages: this.options.maxPages,
      pageSize: PAGE_LIMIT,
      first: 1,
      read: async (page: number) => {
        const search = new URLSearchParams({
          ...query,
          page: String(page),
          limit: String(PAGE_LIMIT),
        });
        const body = await getJson(
          `${this.root}${path}?${search}`,
          `GET ${path}?${search}`,
          this.options,
          feastErrorDetail,
        );
        const key = keys.find(k => Array.isArray(body[k]));
        if (!key) {
          const error = typeof body.error === 'string' ? `: ${body.error}` : '';
          throw new RegistryReadError(
            `GET ${path} answered without a ${keys[0]} list${error}`,
          );
        }
        const items = (body[key] as unknown[]).filter(isRecord);
        return { items, next: nextPage(body.pagination, page, items.length) };
      },
    });
  }
}
