import { z } from 'zod/v3';
import { entityRefSchema, isoDateTimeSchema } from '../shared/entityRef';
import { CHECK_OPERATORS, COMPLIANCE_LEVELS } from './types';

/** A check as config or a catalog entity declares it. */
export const complianceCheckSchema = z.object({
  id: z
    .string()
    .trim()
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,80}$/,
      'must be a lowercase id of letters, digits, dots and dashes',
    ),
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).default(''),
  appliesTo: z
    .array(
      z.object({
        kind: z.string().trim().min(1),
        types: z.array(z.string().trim().min(1)).optional(),
      }),
    )
    .min(1, 'must name at least one kind'),
  when: z
    .object({
      fact: z.string().trim().min(1),
      equals: z.union([z.string(), z.number(), z.boolean()]),
    })
    .optional(),
  fact: z.string().trim().min(1, 'must name the fact it reads'),
  operator: z.enum(CHECK_OPERATORS, {
    errorMap: () => ({
      message: `must be one of ${CHECK_OPERATORS.join(', ')}`,
    }),
  }),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
  level: z.enum(COMPLIANCE_LEVELS, {
    errorMap: () => ({
      message: `must be one of ${COMPLIANCE_LEVELS.join(', ')}`,
    }),
  }),
  category: z.string().trim().min(1).max(80),
  remediation: z.string().trim().min(1, 'must say how to fix a failure'),
  remediationUrl: z.string().url().optional(),
});

/** The body of `POST /compliance/exemptions`. */
export const exemptionInputSchema = z.object({
  entityRef: entityRefSchema({ normalize: true }),
  checkId: z.string().trim().min(1, 'must name the check'),
  reason: z
    .string()
    .trim()
    .min(10, 'must say in at least 10 characters why')
    .max(2000),
  expiresAt: isoDateTimeSchema,
});
export type ExemptionInput = z.infer<typeof exemptionInputSchema>;
