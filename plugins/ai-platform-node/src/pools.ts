import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { GpuPool } from '@ai-platform/plugin-ai-platform-common';

/** GPU capacity a source reports; the backend stamps the sync time. */
export type GpuPoolCapacity = Omit<GpuPool, 'syncedAt'>;

/**
 * A source of GPU capacity beside the catalog's `gpu-cluster` entities, such as a cluster
 * inventory API or imported `nvidia-smi` output.
 *
 * @public
 */
export interface GpuPoolSource {
  /** Unique id, used in logs and errors. */
  id: string;
  readPools(): Promise<GpuPoolCapacity[]>;
}

/** @public */
export interface AiPlatformPoolSourcesExtensionPoint {
  addPoolSource(...sources: GpuPoolSource[]): void;
}

/**
 * Lets backend modules add GPU capacity sources to the AI Platform backend.
 *
 * @public
 */
export const aiPlatformPoolSourcesExtensionPoint =
  createExtensionPoint<AiPlatformPoolSourcesExtensionPoint>({
    id: 'ai-platform.pool-sources',
  });
