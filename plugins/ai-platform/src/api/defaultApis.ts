import {
  AnyApiFactory,
  ApiRef,
  createApiFactory,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { ClientOptions } from './http';
import { RejectedEntitiesClient, rejectedEntitiesApiRef } from './catalog';
import { ComplianceClient, complianceApiRef } from './compliance';
import { DriftClient, driftApiRef } from './drift';
import { FabricClient, fabricApiRef } from './fabric';
import { PipelineClient, pipelineApiRef } from './pipeline';
import { PoolsClient, poolsApiRef } from './pools';
import { QuotaClient, quotaApiRef } from './quota';
import { SpendClient, spendApiRef } from './spend';
import { WorkspaceClient, workspaceApiRef } from './workspace';

function clientFactory<T>(
  api: ApiRef<T>,
  Client: new (options: ClientOptions) => T,
): AnyApiFactory {
  return createApiFactory({
    api,
    deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
    factory: deps => new Client(deps),
  });
}

/** Each api's default client, keyed by its extension name in the new frontend system. */
export const defaultApis: Record<string, AnyApiFactory> = {
  pools: clientFactory(poolsApiRef, PoolsClient),
  quota: clientFactory(quotaApiRef, QuotaClient),
  drift: clientFactory(driftApiRef, DriftClient),
  spend: clientFactory(spendApiRef, SpendClient),
  pipeline: clientFactory(pipelineApiRef, PipelineClient),
  fabric: clientFactory(fabricApiRef, FabricClient),
  compliance: clientFactory(complianceApiRef, ComplianceClient),
  workspace: clientFactory(workspaceApiRef, WorkspaceClient),
  'rejected-entities': clientFactory(
    rejectedEntitiesApiRef,
    RejectedEntitiesClient,
  ),
};
