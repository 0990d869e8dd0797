/**
 * How the registry providers read a registry's REST API: one GET at a time with a timeout and an
 * optional Bearer token, JSON bodies, and lists followed page by page to the end.
 */

import { describeFetchFailure } from '@ai-platform/plugin-ai-platform-common';

/** A JSON object as a registry sends it. */
export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Why a registry could not be read; its message never holds the token. */
export class RegistryReadError extends Error {
  name = 'RegistryReadError';
}

export interface RegistryHttpOptions {
  /** Sent as `Authorization: Bearer <token>`, and masked in any text that is logged. */
  token?: string;
  timeoutMs: number;
}

/** `text` with every occurrence of `secret` masked. */
export function withoutSecret(text: string, secret?: string): string {
  return secret ? text.split(secret).join('***') : text;
}

/**
 * GETs `url` and answers its JSON object. A network failure, a timeout, an error status or a
 * body that is not a JSON object throws a `RegistryReadError` starting with `what` (the request
 * as logs show it, without the token); `errorDetail` reads the registry's own error body.
 */
export async function getJson(
  url: string,
  what: string,
  options: RegistryHttpOptions,
  errorDetail: (body: Json) => string | undefined,
): Promise<Json> {
  const fail = (reason: string) =>
    new RegistryReadError(withoutSecret(`${what} ${reason}`, options.token));
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) {
    headers.authorization = `Bearer ${options.token}`;
  }
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      headers,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    throw fail(`failed: ${describeFetchFailure(error, options.timeoutMs)}`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    if (response.ok) {
      throw fail(
        `answered ${response.status} without JSON: ${describeFetchFailure(
          error,
          options.timeoutMs,
        )}`,
      );
    }
  }
  if (!response.ok) {
    const detail = isRecord(body) ? errorDetail(body) : undefined;
    throw fail(
      `answered ${response.status} ${response.statusText}${
        detail ? `: ${detail.slice(0, 300)}` : ''
      }`,
    );
  }
  if (!isRecord(body)) {
    throw fail('answered with no JSON object');
  }
  return body;
}

/**
 * Every item of a paged list: `read` answers one page's items and the cursor of the next page
 * (none on the last one). More than `maxPages` pages, or a cursor that an earlier page already
 * gave, fail the read: a server that keeps answering never loops, and a partial list never
 * replaces the catalog's set.
 */
export async function readPages<C, T>(
  what: string,
  options: {
    maxPages: number;
    pageSize: number;
    first: C;
    read: (cursor: C, page: number) => Promise<{ items: T[]; next?: C }>;
  },
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<C>();
  let cursor: C | undefined = options.first;
  for (let page = 1; cursor !== undefined; page++) {
    if (page > options.maxPages) {
      throw new RegistryReadError(
        `${what} has more than ${options.maxPages} pages of ${options.pageSize}; raise maxPages`,
      );
    }
    if (seen.has(cursor)) {
      throw new RegistryReadError(
        `${what} page ${page} would repeat an earlier page (the server gave the same page token twice)`,
      );
    }
    seen.add(cursor);
    const result: { items: T[]; next?: C } = await options.read(cursor, page);
    items.push(...result.items);
    cursor = result.next;
  }
  return items;
}
