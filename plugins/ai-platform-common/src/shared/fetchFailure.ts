function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Why a `fetch` with `AbortSignal.timeout(timeoutMs)` threw, in words: the timeout as such,
 * otherwise the error's message and its cause's (errors and DOMExceptions alike, whichever
 * realm made them). Clients of other servers put it after the request they name.
 */
export function describeFetchFailure(
  error: unknown,
  timeoutMs: number,
): string {
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
