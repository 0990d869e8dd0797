import { PoolsService } from '../pools';
import { QuotaService } from '../quota';
import { Domain, DomainEnv } from '../shared/domain';
import { DatabaseWorkspaceStore } from './DatabaseWorkspaceStore';
import { createWorkspaceRouter } from './router';
import { WorkspaceService } from './WorkspaceService';

export { WorkspaceService } from './WorkspaceService';

/** ML workspaces on GPUs of quota their team holds. */
export function createWorkspaceDomain(
  env: DomainEnv,
  deps: { pools: PoolsService; quotas: QuotaService },
): Domain<WorkspaceService> {
  const service = new WorkspaceService({
    store: new DatabaseWorkspaceStore(env.db),
    images: env.config.getOptionalStringArray('aiPlatform.workspace.images'),
    ...deps,
  });
  return { service, router: createWorkspaceRouter(env.http, service) };
}
