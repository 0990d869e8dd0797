import { DEFAULT_COMPLIANCE_CHECKS } from '@ai-platform/plugin-ai-platform-common';
import { DriftService } from '../drift';
import { ModelRegistryService } from '../modelRegistry';
import { QuotaService } from '../quota';
import { SpendService } from '../spend';
import { Domain, DomainEnv, configuredTask } from '../shared/domain';
import { foundCardFacts } from './cardFacts';
import { APPROVED_STATUSES, ComplianceService } from './ComplianceService';
import { readConfiguredChecks } from './config';
import { DatabaseComplianceStore } from './DatabaseComplianceStore';
import { createComplianceRouter } from './router';

export { ComplianceService } from './ComplianceService';

/** The evidence pack counts all the energy spend has on record. */
const TRAINING_ENERGY_SINCE = '2000-01-01';

/** Every hour: catalog, cards and the other domains change slowly; one entity is evaluated on demand. */
const HOURLY = {
  frequency: { hours: 1 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 30 },
};

/**
 * Compliance scorecards: the shipped checks and `aiPlatform.compliance.checks`, evaluated on
 * `aiPlatform.compliance.schedule` (hourly by default) and on demand, history kept
 * `aiPlatform.compliance.retentionDays` (default 180).
 */
export function createComplianceDomain(
  env: DomainEnv,
  deps: {
    drift: DriftService;
    modelRegistry: ModelRegistryService;
    quotas: QuotaService;
    spend: SpendService;
  },
): Domain<ComplianceService> {
  const { config, logger, auth } = env;
  const checks = readConfiguredChecks(config, DEFAULT_COMPLIANCE_CHECKS);
  const service = new ComplianceService({
    store: new DatabaseComplianceStore(env.db),
    catalog: env.catalog,
    auth,
    logger,
    checks,
    sources: {
      driftModels: async () =>
        deps.drift.listModels(await auth.getOwnServiceCredentials()),
      registryEntries: () => deps.modelRegistry.list(),
      registryCard: name => deps.modelRegistry.modelCard(name),
      quotaApprovals: teamRefs =>
        deps.quotas.list({ teamRefs, statuses: APPROVED_STATUSES }),
      // Every month on record: the pack is guarded by compliance's read permission.
      trainingEnergy: (entityRef, credentials) =>
        deps.spend.entityEnergy(
          {
            entityRef,
            from: TRAINING_ENERGY_SINCE,
            to: new Date().toISOString().slice(0, 10),
          },
          undefined,
          credentials,
        ),
    },
    readers: { urlReader: env.urlReader },
    parseCard: foundCardFacts,
  });
  const retentionDays =
    config.getOptionalNumber('aiPlatform.compliance.retentionDays') ?? 180;

  return {
    service,
    router: createComplianceRouter(env.http, service),
    tasks: [
      configuredTask(config, {
        id: 'ai-platform-compliance-evaluate',
        configKey: 'aiPlatform.compliance.schedule',
        fallback: HOURLY,
        fn: async () => {
          const started = Date.now();
          const { evaluated } = await service.evaluateAll();
          const pruned = await service.prune(retentionDays);
          logger.info(
            `Compliance: ${evaluated} entities evaluated in ${
              Date.now() - started
            } ms, ${pruned} old evaluations pruned`,
          );
        },
      }),
    ],
  };
}
