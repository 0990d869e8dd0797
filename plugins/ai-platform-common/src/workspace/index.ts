import { z } from 'zod';

/** A team ML workspace as the ledger records it. */
export interface MlWorkspace {
  id: string;
  /** Workspace name; also its Kubernetes namespace. */
  name: string;
  teamRef: string;
  clusterRef: string;
  gpuModel: string;
  gpuCount: number;
  image: string;
  createdBy: string;
  createdAt: string;
}

const dnsLabel = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** The body of a new workspace. */
export const workspaceInputSchema = z.object({
  name: z
    .string()
    .trim()
    .regex(
      dnsLabel,
      'must be a lowercase name of letters, digits and dashes (a Kubernetes namespace name)',
    ),
  teamRef: z
    .string()
    .trim()
    .regex(
      /^group:[^/]+\/.+$/,
      'must be a group entity ref such as group:default/name',
    ),
  clusterRef: z
    .string()
    .trim()
    .regex(/^resource:[^/]+\/.+$/, 'must be a resource entity ref'),
  gpuModel: z.string().trim().min(1, 'must name a GPU model'),
  gpuCount: z
    .number({ invalid_type_error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(16, 'must be at most 16 for one workspace'),
  image: z
    .string()
    .trim()
    .regex(/^[\w.\-/:@]+$/, 'must be a container image reference'),
});

export type WorkspaceInput = z.infer<typeof workspaceInputSchema>;

/** What creating a workspace decided: the GPUs the team holds on the pool, and what is free. */
export interface WorkspaceDecision {
  teamQuotaGpus: number;
  usedByOtherWorkspaces: number;
}
