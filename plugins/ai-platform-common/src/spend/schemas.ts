import { z } from 'zod/v3';
import { entityRefSchema } from '../shared/entityRef';
import { SPEND_DIMENSIONS, SPEND_GRANULARITIES } from './types';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine(v => {
    const ms = Date.parse(`${v}T00:00:00Z`);
    // Date.parse rolls 2026-11-31 over to December; a real date comes back the same.
    return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === v;
  }, 'is not a real date');

const MAX_RANGE_DAYS = 731;

const rangeFields = {
  from: day,
  to: day,
  team: z.string().min(1).optional(),
};

/** `from` before `to`, and not too far apart. */
function checkedRange<T extends z.ZodRawShape>(shape: T) {
  return z
    .object(shape)
    .refine(q => q.from <= q.to, {
      message: 'must not be after to',
      path: ['from'],
    })
    .refine(
      q =>
        (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < MAX_RANGE_DAYS,
      { message: `may cover at most ${MAX_RANGE_DAYS} days`, path: ['to'] },
    );
}

/** A spend query's range: `from` and `to` are whole UTC days, both included. */
export const spendRangeSchema = checkedRange(rangeFields);

export const spendSeriesQuerySchema = checkedRange({
  ...rangeFields,
  granularity: z.enum(SPEND_GRANULARITIES).default('day'),
  dimension: z.enum(SPEND_DIMENSIONS).default('team'),
});

export type SpendRangeQuery = z.infer<typeof spendRangeSchema>;
export type SpendSeriesQuery = z.infer<typeof spendSeriesQuerySchema>;

export const spendBudgetQuerySchema = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM')
    .optional(),
});

/** Training energy of one entity (an `ai-model`) over a range. */
export const entityEnergyQuerySchema = checkedRange({
  from: day,
  to: day,
  entityRef: entityRefSchema({ defaultKind: 'resource', normalize: true }),
});

export type EntityEnergyQuery = z.infer<typeof entityEnergyQuerySchema>;
