import { createApiRef } from '@backstage/core-plugin-api';
import { GpuPool } from '@ai-platform/plugin-ai-platform-common';

/** An entity the catalog keeps out because the AI Platform processor rejected it. */
export interface RejectedEntity {
  kind: string;
  namespace: string;
  name: string;
  /** Where the entity was read from. */
  location?: string;
  /** The processor's messages, each naming the field that is wrong. */
  problems: string[];
}

/** Client of the AI Platform backend. */
export interface AiPlatformApi {
  listPools(): Promise<GpuPool[]>;
  /** Entities the catalog rejected for breaking the AI-platform entity model. */
  listRejectedEntities(): Promise<RejectedEntity[]>;
}

export const aiPlatformApiRef = createApiRef<AiPlatformApi>({
  id: 'plugin.ai-platform.api',
});
