/**
 * Checks `ready` every `intervalMs` until it answers true or `timeoutMs` has passed; whether it
 * did. For start-up work that needs the catalog to have read its entities first.
 */
export async function waitUntil(
  ready: () => Promise<boolean>,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<boolean> {
  const { timeoutMs = 120_000, intervalMs = 5_000 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await ready()) return true;
    if (Date.now() + intervalMs > deadline) return false;
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
}
