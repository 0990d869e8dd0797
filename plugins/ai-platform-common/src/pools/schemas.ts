import { z } from 'zod/v3';
import { entityRefSchema } from '../shared/entityRef';

/** The body of `POST /inventory`: one cluster's `nvidia-smi` output. */
export const inventoryImportInputSchema = z.object({
  clusterRef: entityRefSchema({ kind: 'resource' }),
  format: z.enum(['nvidia-smi-xml', 'nvidia-smi-csv']),
  content: z
    .string()
    .min(1, 'must be the output of nvidia-smi')
    .max(5_000_000, 'must be at most 5 MB'),
});

export type InventoryImportInput = z.infer<typeof inventoryImportInputSchema>;
