import { GpuPoolSource } from '@ai-platform/plugin-ai-platform-node';
import { createComplianceDomain } from './compliance';
import { createDriftDomain } from './drift';
import { createFabricDomain } from './fabric';
import { createFeatureViewDomain } from './featureView';
import { createModelRegistryDomain } from './modelRegistry';
import { createPipelineDomain } from './pipeline';
import { createPoolsDomain } from './pools';
import { createQuotaDomain } from './quota';
import { Domain, DomainEnv } from './shared/domain';
import { createSpendDomain } from './spend';
import { createWorkspaceDomain } from './workspace';

/** Every domain of the plugin, in dependency order: each reads earlier ones through their services. */
export function createDomains(
  env: DomainEnv,
  options: { poolSources: GpuPoolSource[] },
): Domain<unknown>[] {
  const pools = createPoolsDomain(env, { sources: options.poolSources });
  const quota = createQuotaDomain(env, { pools: pools.service });
  const workspace = createWorkspaceDomain(env, {
    pools: pools.service,
    quotas: quota.service,
  });
  const spend = createSpendDomain(env, {
    quotas: quota.service,
    pools: pools.service,
  });
  const drift = createDriftDomain(env);
  const featureView = createFeatureViewDomain(env);
  const modelRegistry = createModelRegistryDomain(env);
  const pipeline = createPipelineDomain(env);
  const fabric = createFabricDomain(env, {
    workspaces: workspace.service,
    quotas: quota.service,
  });
  const compliance = createComplianceDomain(env, {
    drift: drift.service,
    modelRegistry: modelRegistry.service,
    quotas: quota.service,
    spend: spend.service,
  });
  return [
    pools,
    quota,
    workspace,
    spend,
    drift,
    featureView,
    modelRegistry,
    pipeline,
    fabric,
    compliance,
  ];
}
