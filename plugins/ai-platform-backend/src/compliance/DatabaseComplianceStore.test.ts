import { TestDatabases } from '@backstage/backend-test-utils';
import { EntityScorecard } from '@ai-platform/plugin-ai-platform-common';
import { connectAndMigrate } from '../database/migrate';
import { DatabaseComplianceStore } from './DatabaseComplianceStore';

const scorecard = (
  entityRef: string,
  evaluatedAt: string,
  statuses: Array<'pass' | 'fail' | 'exempt'>,
  ownerRef = 'group:default/risk',
): EntityScorecard => ({
  entityRef,
  kind: 'Resource',
  type: 'ai-model',
  ownerRef,
  level: statuses.every(s => s !== 'fail') ? 'gold' : 'none',
  counts: {
    pass: statuses.filter(s => s === 'pass').length,
    fail: statuses.filter(s => s === 'fail').length,
    exempt: statuses.filter(s => s === 'exempt').length,
    error: 0,
  },
  results: statuses.map((status, i) => ({
    checkId: `c${i}`,
    title: `Check ${i}`,
    level: 'bronze',
    category: i % 2 ? 'ownership' : 'documentation',
    status,
    expected: 'present',
    message: status,
    remediation: 'Add it',
  })),
  evaluatedAt,
});

describe('DatabaseComplianceStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function storeOn(databaseId: string) {
    const knex = await databases.init(databaseId as any);
    return new DatabaseComplianceStore(
      await connectAndMigrate({ getClient: async () => knex }),
    );
  }

  it.each(databases.eachSupportedId())(
    'keeps the latest scorecard per entity and the history, on %p',
    async databaseId => {
      const store = await storeOn(databaseId);
      await store.saveScorecards([
        scorecard('resource:default/a', '2026-11-01T10:00:00.000Z', [
          'pass',
          'fail',
        ]),
        scorecard(
          'resource:default/b',
          '2026-11-01T10:00:00.000Z',
          ['pass', 'pass'],
          'group:default/other',
        ),
      ]);
      await store.saveScorecards([
        scorecard('resource:default/a', '2026-11-01T12:00:00.000Z', [
          'pass',
          'exempt',
        ]),
        scorecard('resource:default/a', '2026-11-02T12:00:00.000Z', [
          'fail',
          'fail',
        ]),
      ]);
      expect(
        (await store.getScorecard('resource:default/a'))?.evaluatedAt,
      ).toBe('2026-11-02T12:00:00.000Z');
      expect(await store.getScorecard('resource:default/x')).toBeUndefined();
      expect(
        (await store.listScorecards({ ownerRefs: ['group:default/risk'] })).map(
          s => s.entityRef,
        ),
      ).toEqual(['resource:default/a']);
      expect(await store.listScorecards()).toHaveLength(2);
      // Day one: a's last evaluation (2 of 2) and b (2 of 2); day two: a (0 of 2).
      expect(await store.trend(new Date('2026-10-01T00:00:00Z'))).toEqual([
        { date: '2026-11-01', passRate: 1, entities: 2 },
        { date: '2026-11-02', passRate: 0, entities: 1 },
      ]);
      expect(await store.prune(new Date('2026-11-02T00:00:00Z'))).toBe(3);
      expect(await store.trend(new Date('2026-10-01T00:00:00Z'))).toHaveLength(
        1,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'stores exemptions, newest first, per entity, on %p',
    async databaseId => {
      const store = await storeOn(databaseId);
      const exemption = (id: string, entityRef: string, createdAt: string) => ({
        id,
        entityRef,
        checkId: 'drift-monitoring',
        reason: 'Batch model, drift is reviewed quarterly',
        approvedBy: 'user:default/officer',
        expiresAt: '2027-01-01T00:00:00.000Z',
        createdBy: 'user:default/officer',
        createdAt,
      });
      await store.addExemption(
        exemption('e1', 'resource:default/a', '2026-11-01T00:00:00.000Z'),
      );
      await store.addExemption(
        exemption('e2', 'resource:default/b', '2026-11-02T00:00:00.000Z'),
      );
      expect((await store.listExemptions()).map(e => e.id)).toEqual([
        'e2',
        'e1',
      ]);
      expect(
        await store.listExemptions({ entityRef: 'resource:default/a' }),
      ).toEqual([
        exemption('e1', 'resource:default/a', '2026-11-01T00:00:00.000Z'),
      ]);
    },
  );
});
