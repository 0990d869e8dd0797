import { createApiRef } from '@backstage/core-plugin-api';

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

/** Entities the catalog rejected for breaking the AI-platform entity model. */
export interface RejectedEntitiesApi {
  listRejectedEntities(): Promise<RejectedEntity[]>;
}

export const rejectedEntitiesApiRef = createApiRef<RejectedEntitiesApi>({
  id: 'plugin.ai-platform.rejected-entities',
});
