import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';

/**
 * An entity ref, parsed by the catalog's own `parseEntityRef` and returned in its full form
 * (`group:recsys` becomes `group:default/recsys`). With `kind`, refs of other kinds are refused;
 * with `defaultKind`, a bare `namespace/name` takes that kind.
 */
export function entityRefSchema(options: {
  kind?: string;
  defaultKind?: string;
}) {
  const { kind, defaultKind } = options;
  const example = `${kind ?? defaultKind ?? 'resource'}:default/name`;
  const message = kind
    ? `must be a ${kind} entity ref such as ${example}`
    : `must be an entity ref such as ${example}`;
  return z
    .string({ required_error: message, invalid_type_error: message })
    .trim()
    .transform((ref, ctx) => {
      try {
        const parsed = parseEntityRef(ref, { defaultKind });
        if (!kind || parsed.kind.toLocaleLowerCase('en-US') === kind) {
          return stringifyEntityRef(parsed);
        }
      } catch {
        // Reported below, with the same message as a ref of the wrong kind.
      }
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    });
}

/** An ISO 8601 date or date-time, as `Date.parse` reads it. */
export const isoDateTimeSchema = z
  .string()
  .trim()
  .refine(
    v => !Number.isNaN(Date.parse(v)),
    'must be an ISO 8601 date or date-time',
  );
