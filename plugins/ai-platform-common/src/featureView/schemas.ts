import { z } from 'zod/v3';
import { FEATURE_DTYPES } from '../entities/schemas';
import { entityRefSchema } from '../shared/entityRef';

// Feast names become Python identifiers in the generated definitions.
const identifier = z
  .string()
  .trim()
  .regex(
    /^[a-z_][a-z0-9_]{0,62}$/,
    'must be a lowercase identifier of letters, digits and underscores (at most 63)',
  );

// The view's name is also its catalog entity's name: it ends with a letter or digit and has no
// two underscores in a row.
const viewName = z
  .string()
  .trim()
  .regex(
    /^(?=.{1,63}$)[a-z][a-z0-9]*(_[a-z0-9]+)*$/,
    'must be a lowercase identifier of letters, digits and single underscores, from a letter to a letter or digit (at most 63; it names the catalog entity)',
  );

const TEN_YEARS_SECONDS = 10 * 365 * 86_400;

/** The body of a new feature view, as the API and the scaffolder action take it. */
export const featureViewInputSchema = z
  .object({
    name: viewName,
    teamRef: entityRefSchema({ kind: 'group' }),
    /** The `dataset` Resource the view reads; its storage decides the Feast source. */
    datasetRef: entityRefSchema({ kind: 'resource' }),
    entity: z.object({
      name: identifier,
      joinKeys: z
        .array(identifier)
        .min(1, 'must name at least one join key')
        .max(8, 'must name at most 8 join keys'),
      description: z.string().trim().max(500).optional(),
    }),
    features: z
      .array(
        z.object({
          name: identifier,
          dtype: z.enum(FEATURE_DTYPES, {
            errorMap: () => ({
              message: `must be a Feast value type: ${FEATURE_DTYPES.join(
                ', ',
              )}`,
            }),
          }),
          description: z.string().trim().max(500).optional(),
        }),
      )
      .min(1, 'must list at least one feature')
      .max(200, 'must list at most 200 features'),
    /** How long a feature value stays valid; 0 means it never expires. */
    ttlSeconds: z
      .number({ invalid_type_error: 'must be a number of seconds' })
      .int('must be a whole number of seconds')
      .min(0, 'must not be negative')
      .max(TEN_YEARS_SECONDS, 'must be at most ten years'),
    online: z.boolean().default(true),
    tags: z
      .record(
        z.string().regex(/^[\w.\-/]{1,63}$/, 'tag keys must be simple names'),
        z.string().max(256, 'tag values must be at most 256 characters'),
      )
      .default({}),
    description: z.string().trim().max(1000).default(''),
  })
  .superRefine((view, ctx) => {
    const seen = new Set<string>(view.entity.joinKeys);
    view.features.forEach((feature, i) => {
      if (seen.has(feature.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['features', i, 'name'],
          message: `${feature.name} is already a join key or another feature`,
        });
      }
      seen.add(feature.name);
    });
  });

export type FeatureViewInput = z.infer<typeof featureViewInputSchema>;
