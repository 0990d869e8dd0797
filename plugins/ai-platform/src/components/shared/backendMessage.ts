import { ResponseError } from '@backstage/errors';

/** The backend's own words for a failed request, without the HTTP status before them. */
export function backendMessage(error: Error): string {
  return error instanceof ResponseError ? error.cause.message : error.message;
}
