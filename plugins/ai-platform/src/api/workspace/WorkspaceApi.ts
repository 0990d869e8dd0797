import { createApiRef } from '@backstage/core-plugin-api';

/** What the ML workspace golden path reads from the backend. */
export interface WorkspaceApi {
  /** The images a workspace may run, the default first; empty when any image goes. */
  listImages(): Promise<string[]>;
}

export const workspaceApiRef = createApiRef<WorkspaceApi>({
  id: 'plugin.ai-platform.workspace',
});
