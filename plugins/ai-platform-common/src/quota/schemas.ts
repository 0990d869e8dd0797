import { z } from 'zod/v3';
import { isoDateTimeSchema, teamPoolFields } from '../shared/entityRef';

/** The body of a new quota request, as the API and the scaffolder action take it. */
export const quotaRequestInputSchema = z
  .object({
    ...teamPoolFields,
    gpuCount: z
      .number({ invalid_type_error: 'must be a number' })
      .int('must be a whole number')
      .positive('must be at least 1'),
    startsAt: isoDateTimeSchema,
    endsAt: isoDateTimeSchema,
    preemptible: z.boolean().default(false),
    justification: z
      .string()
      .trim()
      .min(10, 'must say in at least 10 characters what the GPUs are for')
      .max(2000, 'must be at most 2000 characters'),
  })
  .refine(r => Date.parse(r.endsAt) > Date.parse(r.startsAt), {
    path: ['endsAt'],
    message: 'must be after startsAt',
  });

export type QuotaRequestInput = z.infer<typeof quotaRequestInputSchema>;

/** The body of an approve or deny decision. */
export const quotaDecisionInputSchema = z.object({
  reason: z
    .string()
    .trim()
    .max(2000, 'must be at most 2000 characters')
    .optional(),
});
