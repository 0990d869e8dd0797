import { z } from 'zod/v3';

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
