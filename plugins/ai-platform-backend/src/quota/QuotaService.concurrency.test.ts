import { TestDatabases } from '@backstage/backend-test-utils';
import { peakAllocation } from '@ai-platform/plugin-ai-platform-common';
import { actor, createLedger, requestInput } from '../__testUtils__/ledger';

jest.setTimeout(120_000);

/**
 * The ledger's invariant: approved GPUs in a pool never exceed its capacity at any moment,
 * also when many requests arrive at once (on several replicas: every request here takes its
 * own connection from the pool on PostgreSQL).
 */
describe('QuotaService under concurrent requests', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'approves exactly what fits when 100 requests race for one window on %p',
    async databaseId => {
      const { service, store } = await createLedger(databases, databaseId);
      // 100 teams × 4 GPUs for the same week of a 64-GPU pool: exactly 16 fit.
      const results = await Promise.allSettled(
        Array.from({ length: 100 }, (_, i) => {
          const team = `group:default/team-${i}`;
          return service.request(requestInput({ teamRef: team }), {
            actor: actor(team),
          });
        }),
      );
      const refused = results.filter(r => r.status === 'rejected');
      expect(
        refused.every(
          r => (r as PromiseRejectedResult).reason.name === 'ConflictError',
        ),
      ).toBe(true);

      const approved = await store.list({ statuses: ['approved'] });
      expect(approved).toHaveLength(16);
      expect(refused).toHaveLength(84);
    },
  );

  it.each(databases.eachSupportedId())(
    'never over-allocates when 100 requests with overlapping windows race on %p',
    async databaseId => {
      const { service, store } = await createLedger(databases, databaseId);
      const day = 86_400_000;
      const base = Date.parse('2026-12-01T00:00:00Z');
      // Deterministic spread: windows of 1–5 days starting over 10 days, 1–12 GPUs each.
      const results = await Promise.allSettled(
        Array.from({ length: 100 }, (_, i) => {
          const team = `group:default/team-${i}`;
          const start = base + ((i * 7) % 10) * day;
          const end = start + (1 + (i % 5)) * day;
          return service.request(
            requestInput({
              teamRef: team,
              gpuCount: 1 + ((i * 5) % 12),
              startsAt: new Date(start).toISOString(),
              endsAt: new Date(end).toISOString(),
            }),
            { actor: { ...actor(team) } },
          );
        }),
      );
      const approved = await store.list({
        statuses: ['approved', 'requested'],
      });
      const held = approved
        .filter(q => q.status === 'approved')
        .map(q => ({
          start: Date.parse(q.startsAt),
          end: Date.parse(q.endsAt),
          count: q.gpuCount,
        }));
      const peak = peakAllocation(held, base, base + 20 * day);
      expect(peak).toBeLessThanOrEqual(64);
      // The pool was contended: some requests were refused for capacity, and it filled up.
      expect(results.some(r => r.status === 'rejected')).toBe(true);
      expect(peak).toBeGreaterThan(48);
      // Requests above the team's auto-approve limit wait instead of allocating.
      expect(approved.some(q => q.status === 'requested')).toBe(true);
    },
  );
});
