import { parseEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';

const entityRefOfKind = (kind: string) =>
  z
    .string()
    .trim()
    .min(1, 'must be an entity ref')
    .refine(ref => {
      try {
        return parseEntityRef(ref).kind.toLocaleLowerCase('en-US') === kind;
      } catch {
        return false;
      }
    }, `must be a ${kind} entity ref such as ${kind}:default/name`);

const isoDateTime = z
  .string()
  .trim()
  .refine(
    v => !Number.isNaN(Date.parse(v)),
    'must be an ISO 8601 date or date-time',
  );

/** The body of a new quota request, as the API and the scaffolder action take it. */
export const quotaRequestInputSchema = z
  .object({
    teamRef: entityRefOfKind('group'),
    clusterRef: entityRefOfKind('resource'),
    gpuModel: z.string().trim().min(1, 'must name a GPU model'),
    gpuCount: z
      .number({ invalid_type_error: 'must be a number' })
      .int('must be a whole number')
      .positive('must be at least 1'),
    startsAt: isoDateTime,
    endsAt: isoDateTime,
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

/** Formats zod issues as `field: message` phrases, for errors that name the field. */
export function describeZodIssues(error: z.ZodError): string {
  return error.issues
    .map(
      issue =>
        `${issue.path.length ? issue.path.join('.') : 'body'}: ${
          issue.message
        }`,
    )
    .join('; ');
}
