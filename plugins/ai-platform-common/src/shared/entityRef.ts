import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod/v3';

/**
 * An entity ref, checked by the catalog's own `parseEntityRef`. With `kind`, refs of other kinds
 * are refused; with `defaultKind`, a bare `namespace/name` takes that kind. The ref is kept as
 * given (trimmed), unless `normalize` asks for the catalog's full lower-case form
 * (`Resource:fraud-scorer` becomes `resource:default/fraud-scorer`).
 */
export function entityRefSchema(options: {
  kind?: string;
  defaultKind?: string;
  normalize?: boolean;
}) {
  const { kind, defaultKind, normalize = false } = options;
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
          return normalize ? stringifyEntityRef(parsed) : ref;
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

/** Whose GPUs, on which pool: the fields of every request against a team's pool quota. */
export const teamPoolFields = {
  teamRef: entityRefSchema({ kind: 'group' }),
  clusterRef: entityRefSchema({ kind: 'resource' }),
  gpuModel: z.string().trim().min(1, 'must name a GPU model'),
};

/**
 * The tag that what the portal creates in another system carries (a Feast feature view, an
 * MLflow registered model): the catalog entity the portal's ledger keeps for it, so the
 * catalog's registry providers do not list it a second time.
 */
export const PORTAL_ENTITY_REF_TAG = 'ai-platform.io/entity-ref';
