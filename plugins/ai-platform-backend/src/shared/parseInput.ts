import { InputError } from '@backstage/errors';
import { describeZodIssues } from '@ai-platform/plugin-ai-platform-common';
import { z } from 'zod/v3';

/** Validates a request's body or query, or throws InputError (400) naming each bad field. */
export function parseInput<T>(
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  value: unknown,
): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(describeZodIssues(result.error));
  }
  return result.data;
}
