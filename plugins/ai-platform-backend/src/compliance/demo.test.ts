import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DEFAULT_COMPLIANCE_CHECKS } from '@ai-platform/plugin-ai-platform-common';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { connectAndMigrate } from '../database/migrate';
import { foundCardFacts } from './cardFacts';
import { ComplianceService } from './ComplianceService';
import { DatabaseComplianceStore } from './DatabaseComplianceStore';

const examples = path.resolve(__dirname, '../../../../examples');

/** The example catalog as the catalog serves it: each entity with its file location. */
function exampleEntities(): Entity[] {
  return fs
    .readdirSync(examples)
    .filter(f => f.endsWith('.yaml'))
    .flatMap(f => {
      const file = path.join(examples, f);
      return parseAllDocuments(fs.readFileSync(file, 'utf8')).map(doc => {
        const e = doc.toJS() as Entity;
        e.metadata.namespace ??= 'default';
        e.metadata.annotations = {
          ...e.metadata.annotations,
          'backstage.io/managed-by-location': `file:${file}`,
        };
        return e;
      });
    });
}

describe('the compliance demo on the example catalog', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('shows models at different levels, with failing checks that say how to fix them', async () => {
    const knex = await databases.init('SQLITE_3');
    const service = new ComplianceService({
      store: new DatabaseComplianceStore(
        await connectAndMigrate({ getClient: async () => knex }),
      ),
      catalog: catalogServiceMock({ entities: exampleEntities() }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      checks: [...DEFAULT_COMPLIANCE_CHECKS],
      sources: {
        // As the drift demo leaves them: fraud-scorer drifted, the ranker fine.
        driftModels: async () =>
          [
            { modelRef: 'resource:default/fraud-scorer', status: 'drifted' },
            { modelRef: 'resource:default/recsys-ranker', status: 'ok' },
          ] as any,
        registryEntries: async () => [],
        registryCard: async () => undefined,
        quotaApprovals: async () => [],
      },
      readers: {},
      parseCard: foundCardFacts,
    });
    await service.evaluateAll();
    const level = async (name: string) => {
      const card = await service.evaluateOne(`resource:default/${name}`);
      return {
        level: card.level,
        failing: card.results
          .filter(r => r.status !== 'pass')
          .map(r => `${r.checkId}: ${r.message}`),
      };
    };
    const fraud = await level('fraud-scorer');
    const ranker = await level('recsys-ranker');
    const assistant = await level('support-assistant-llm');
    // The fraud scorer's card lacks only post-market monitoring, and it has drifted.
    expect(fraud.level).toBe('silver');
    expect(fraud.failing).toEqual([
      'eu-ai-act.area.post-market-monitoring: modelCard.area.post-market-monitoring is false, not true',
      'model-card.completeness.gold: modelCard.completeness is 0.889, below 1',
      'monitoring.drift-status: drift.status is "drifted", which does not match /^(ok|warning)$/',
    ]);
    // The ranker's Model Card Toolkit card documents five areas of nine.
    expect(ranker.level).toBe('bronze');
    expect(ranker.failing).toContain(
      'model-card.completeness.silver: modelCard.completeness is 0.556, below 0.6',
    );
    // The assistant is in production with no card and no drift monitoring.
    expect(assistant.level).toBe('none');
    expect(assistant.failing).toEqual(
      expect.arrayContaining([
        'model-card.present: modelCard.present is false, not true',
        'monitoring.drift-monitored: drift.monitored is false, not true',
      ]),
    );
    const dataset = await service.evaluateOne(
      'resource:default/clickstream-events',
    );
    expect(
      dataset.results.find(r => r.checkId === 'data.encryption'),
    ).toMatchObject({ status: 'fail', remediation: expect.any(String) });
  });
});
