import { createApiRef } from '@backstage/core-plugin-api';
import { GpuPool } from '@ai-platform/plugin-ai-platform-common';

/** Client of the AI Platform backend. */
export interface AiPlatformApi {
  listPools(): Promise<GpuPool[]>;
}

export const aiPlatformApiRef = createApiRef<AiPlatformApi>({
  id: 'plugin.ai-platform.api',
});
