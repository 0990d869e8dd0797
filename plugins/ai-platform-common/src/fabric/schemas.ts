import { z } from 'zod/v3';
import { entityRefSchema } from '../shared/entityRef';

const HEALTH = ['healthy', 'degraded', 'down', 'unknown'] as const;

/** The filters of `GET /fabric/graph`: by cluster, fabric and link health (repeatable). */
export const fabricGraphQuerySchema = z.object({
  cluster: entityRefSchema({ kind: 'resource', normalize: true }).optional(),
  fabric: entityRefSchema({ kind: 'resource', normalize: true }).optional(),
  health: z
    .union([z.enum(HEALTH), z.array(z.enum(HEALTH))])
    .optional()
    .transform(v => (v === undefined ? undefined : [v].flat())),
});
export type FabricGraphQuery = z.infer<typeof fabricGraphQuerySchema>;

/** `GET /fabric/summary`: a `network-fabric` entity, or a `gpu-cluster` for its part of its fabric. */
export const fabricSummaryQuerySchema = z.object({
  entityRef: entityRefSchema({ kind: 'resource', normalize: true }),
});

/** The window of `GET /fabric/links/:id/history`. */
export const fabricHistoryQuerySchema = z.object({
  hours: z.coerce
    .number({ invalid_type_error: 'must be a number of hours' })
    .positive('must be more than 0')
    .max(24 * 30, 'must be at most 720 (30 days)')
    .default(24),
});
