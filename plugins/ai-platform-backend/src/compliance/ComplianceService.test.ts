import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DEFAULT_COMPLIANCE_CHECKS } from '@ai-platform/plugin-ai-platform-common';
import { connectAndMigrate } from '../database/migrate';
import { foundCardFacts } from './cardFacts';
import { ComplianceService } from './ComplianceService';
import { readConfiguredChecks } from './config';
import { DatabaseComplianceStore } from './DatabaseComplianceStore';

const model = (
  name: string,
  extra: Partial<Entity['metadata']> = {},
  spec = {},
) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, namespace: 'default', ...extra },
  spec: {
    type: 'ai-model',
    owner: 'group:default/risk',
    lifecycle: 'production',
    dependsOn: ['resource:default/payments'],
    ...spec,
  },
});

const entities: Entity[] = [
  model('fraud-scorer', {
    annotations: {
      'ai-platform.io/risk-level': 'high',
      'ai-platform.io/human-oversight': 'user:default/ana',
    },
  }),
  model(
    'ranker',
    { annotations: { 'ai-platform.io/risk-level': 'limited' } },
    { dependsOn: [] },
  ),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'payments',
      namespace: 'default',
      annotations: {
        'ai-platform.io/data-residency': 'eu-west-1',
        'ai-platform.io/encryption': 'aws-kms',
      },
    },
    spec: { type: 'dataset', owner: 'risk' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'risk', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
];

describe('ComplianceService', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function service() {
    const knex = await databases.init('SQLITE_3');
    const store = new DatabaseComplianceStore(
      await connectAndMigrate({ getClient: async () => knex }),
    );
    return new ComplianceService({
      store,
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      checks: [...DEFAULT_COMPLIANCE_CHECKS],
      sources: {
        driftModels: async () => [
          { modelRef: 'resource:default/fraud-scorer', status: 'ok' } as any,
        ],
        registryEntries: async () => [],
        registryCard: async () => undefined,
        quotaApprovals: async () => [],
      },
      readers: {},
      parseCard: foundCardFacts,
    });
  }

  it('evaluates every applicable entity and rolls them up by team', async () => {
    const s = await service();
    expect(await s.evaluateAll()).toEqual({ evaluated: 4 });
    const rollup = await s.teamRollup('group:default/risk');
    expect(rollup.scorecards.map(c => c.entityRef)).toEqual([
      'group:default/risk',
      'resource:default/fraud-scorer',
      'resource:default/payments',
      'resource:default/ranker',
    ]);
    const fraud = rollup.scorecards[1].results;
    const status = (id: string) => fraud.find(r => r.checkId === id)?.status;
    expect(status('monitoring.drift-monitored')).toBe('pass');
    expect(status('eu-ai-act.human-oversight-contact')).toBe('pass');
    expect(status('lineage.present')).toBe('pass');
    const ranker = rollup.scorecards[3].results;
    expect(
      rollup.scorecards[0].results.find(r => r.checkId === 'cost.team-budget')
        ?.status,
    ).toBe('fail');
    expect(ranker.find(r => r.checkId === 'lineage.present')?.status).toBe(
      'fail',
    );
    // Only high-risk models need an oversight contact.
    expect(
      ranker.find(r => r.checkId === 'eu-ai-act.human-oversight-contact'),
    ).toBeUndefined();
    const heatmap = await s.heatmap();
    expect(heatmap.teams.map(t => t.teamRef)).toEqual(['group:default/risk']);
    expect(heatmap.trend).toHaveLength(1);
  });

  it('re-evaluates one entity in well under 100 ms', async () => {
    const s = await service();
    await s.evaluateOne('resource:default/fraud-scorer');
    const started = performance.now();
    const card = await s.evaluateOne('resource:default/fraud-scorer');
    expect(performance.now() - started).toBeLessThan(100);
    expect(card.ownerRef).toBe('group:default/risk');
    await expect(s.evaluateOne('user:default/nobody')).rejects.toThrow(
      'No entity user:default/nobody in the catalog',
    );
  });
});

describe('readConfiguredChecks', () => {
  const config = (checks: any) =>
    mockServices.rootConfig({
      data: { aiPlatform: { compliance: { checks } } },
    });
  const good = {
    id: 'custom.license',
    title: 'Licensed',
    appliesTo: [{ kind: 'Resource', types: ['ai-model'] }],
    fact: 'modelCard.license',
    operator: 'exists',
    level: 'silver',
    category: 'documentation',
    remediation: 'Set a license in the card',
  };

  it('adds valid checks to the shipped ones, replacing one of the same id', () => {
    const checks = readConfiguredChecks(
      config([good]),
      DEFAULT_COMPLIANCE_CHECKS,
    );
    expect(checks).toHaveLength(DEFAULT_COMPLIANCE_CHECKS.length + 1);
    const replaced = readConfiguredChecks(
      config([{ ...good, id: DEFAULT_COMPLIANCE_CHECKS[0].id }]),
      DEFAULT_COMPLIANCE_CHECKS,
    );
    expect(replaced).toHaveLength(DEFAULT_COMPLIANCE_CHECKS.length);
  });

  it('fails naming the bad check and its fields', () => {
    expect(() =>
      readConfiguredChecks(
        config([
          good,
          { ...good, id: 'custom.bad', operator: 'near', level: 'platinum' },
        ]),
        DEFAULT_COMPLIANCE_CHECKS,
      ),
    ).toThrow(
      /^aiPlatform\.compliance\.checks\[1\] \(custom\.bad\) is not a valid check: operator: must be one of .*; level: must be one of bronze, silver, gold$/,
    );
  });
});
