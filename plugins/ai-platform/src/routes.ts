import { createRouteRef } from '@backstage/core-plugin-api';

export const rootRouteRef = createRouteRef({ id: 'ai-platform' });
export const quotasRouteRef = createRouteRef({ id: 'ai-platform-quotas' });
export const modelDriftRouteRef = createRouteRef({
  id: 'ai-platform-model-drift',
});
export const computeSpendRouteRef = createRouteRef({
  id: 'ai-platform-compute-spend',
});
export const networkFabricRouteRef = createRouteRef({
  id: 'ai-platform-network-fabric',
});
export const complianceRouteRef = createRouteRef({
  id: 'ai-platform-compliance',
});
