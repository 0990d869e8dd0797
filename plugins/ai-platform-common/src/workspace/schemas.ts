import { z } from 'zod/v3';
import { teamPoolFields } from '../shared/entityRef';

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
  ...teamPoolFields,
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
