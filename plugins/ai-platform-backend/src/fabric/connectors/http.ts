import http, { STATUS_CODES } from 'node:http';
import https from 'node:https';
import { describeFetchFailure } from '@ai-platform/plugin-ai-platform-common';

/**
 * A fabric source's request that failed: no answer in time, an error status, or a body that is
 * not what the API documents. Its message names the source and what went wrong, never a
 * credential.
 */
export class FabricSourceError extends Error {
  name = 'FabricSourceError';
}

/** A server a fabric source reads, and how. */
export interface Endpoint {
  /** Who answers, as messages name it: `Prometheus`, `UFM`, `Kubernetes resource:default/gpu-a`. */
  name: string;
  /** Where its settings are, for the hint on a 401 or 403: `aiPlatform.fabric.ufm`. */
  configKey: string;
  /** The Authorization header's value, if any. */
  authorization?: string;
  /** PEM certificates to trust instead of the system's, for clusters and UFMs with their own CA. */
  ca?: string;
  timeoutMs: number;
}

export interface RawResponse {
  status: number;
  text: string;
}

/**
 * One HTTP request with a deadline. Node's own client, not fetch: fetch cannot be given a CA for
 * one request, and Kubernetes API servers and UFMs mostly have their own.
 */
export async function send(
  endpoint: Endpoint,
  url: URL,
  request: { method?: 'GET' | 'POST'; json?: unknown } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (endpoint.authorization) headers.authorization = endpoint.authorization;
  const payload =
    request.json === undefined ? undefined : JSON.stringify(request.json);
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const transport = url.protocol === 'https:' ? https : http;

  let timedOut = false;
  try {
    return await new Promise<RawResponse>((resolve, reject) => {
      const req = transport.request(
        url,
        {
          method: request.method ?? 'GET',
          headers,
          ...(endpoint.ca && url.protocol === 'https:'
            ? { ca: endpoint.ca }
            : {}),
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', reject);
        },
      );
      const timer = setTimeout(() => {
        timedOut = true;
        req.destroy(new Error('timed out'));
      }, endpoint.timeoutMs);
      req.on('close', () => clearTimeout(timer));
      req.on('error', reject);
      req.end(payload);
    });
  } catch (error) {
    throw new FabricSourceError(
      timedOut
        ? `${endpoint.name} did not answer within ${
            endpoint.timeoutMs / 1000
          } s`
        : `${endpoint.name} could not be reached: ${describeFetchFailure(
            error,
            endpoint.timeoutMs,
          )}`,
    );
  }
}

/** The body as JSON, or undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The error for a status outside 2xx: the status, what the server said (`detail`, trimmed), and
 * where to look for a 401 or 403.
 */
export function statusError(
  endpoint: Endpoint,
  status: number,
  detail?: string,
): FabricSourceError {
  const hint =
    status === 401 || status === 403
      ? `; check the credentials in ${endpoint.configKey}`
      : '';
  const said = detail?.trim() ? `: ${detail.trim().slice(0, 300)}` : '';
  return new FabricSourceError(
    `${endpoint.name} answered ${status} ${STATUS_CODES[status] ?? ''}`.trim() +
      said +
      hint,
  );
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `Basic` credentials for a user and password. */
export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
