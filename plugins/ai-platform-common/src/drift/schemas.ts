import { z } from 'zod/v3';
import { entityRefSchema } from '../shared/entityRef';
import type { DriftMethod, FeatureStatus, ModelDriftStatus } from './evaluate';

/** Most values one window may carry; larger windows should be sampled or sent as histograms. */
export const MAX_WINDOW_VALUES = 100_000;
/** Most categories (or histogram bins) one window may carry. */
export const MAX_WINDOW_CATEGORIES = 1_000;

const entityRef = entityRefSchema({
  defaultKind: 'resource',
  normalize: true,
});

const finite = z.number().finite();

/**
 * One window of one feature, as pushed to `POST /drift/windows`: exactly one of raw numbers,
 * raw labels, category counts or a histogram (bin edges and counts).
 */
export const driftWindowInputSchema = z
  .object({
    model: entityRef,
    feature: z.string().min(1).max(200),
    role: z.enum(['reference', 'current']),
    windowStart: z.string().datetime({ offset: true }).optional(),
    windowEnd: z.string().datetime({ offset: true }).optional(),
    values: z
      .union([
        z.array(finite).min(1).max(MAX_WINDOW_VALUES),
        z.array(z.string().max(200)).min(1).max(MAX_WINDOW_VALUES),
      ])
      .optional(),
    counts: z
      .record(z.string().max(200), finite.nonnegative())
      .refine(
        c => Object.keys(c).length >= 1,
        'must count at least one category',
      )
      .refine(
        c => Object.keys(c).length <= MAX_WINDOW_CATEGORIES,
        `must have at most ${MAX_WINDOW_CATEGORIES} categories`,
      )
      .optional(),
    histogram: z
      .object({
        edges: z
          .array(finite)
          .min(2)
          .max(MAX_WINDOW_CATEGORIES + 1),
        counts: z.array(finite.nonnegative()).min(1).max(MAX_WINDOW_CATEGORIES),
      })
      .refine(h => h.counts.length === h.edges.length - 1, {
        message: 'must have one count per bin (edges − 1)',
        path: ['counts'],
      })
      .refine(h => h.edges.every((e, i) => i === 0 || e > h.edges[i - 1]), {
        message: 'must increase',
        path: ['edges'],
      })
      .optional(),
  })
  .refine(
    w =>
      [w.values, w.counts, w.histogram].filter(x => x !== undefined).length ===
      1,
    {
      message: 'give exactly one of values, counts or histogram',
      path: ['values'],
    },
  )
  .refine(w => !w.windowStart || !w.windowEnd || w.windowStart < w.windowEnd, {
    message: 'must be after windowStart',
    path: ['windowEnd'],
  });

export type DriftWindowInput = z.infer<typeof driftWindowInputSchema>;

/** One evaluation of one feature. */
export interface FeatureDriftResult {
  feature: string;
  method: DriftMethod;
  statistic: number;
  pValue?: number;
  threshold: number;
  status: FeatureStatus;
  referenceSize: number;
  currentSize: number;
  windowEnd: string;
  evaluatedAt: string;
}

export interface ModelDriftSummary {
  modelRef: string;
  /** From the catalog, when the model is there. */
  title?: string;
  owner?: string;
  status: ModelDriftStatus;
  /** When the model entered its current status. */
  since: string;
  driftedShare: number;
  featureCount: number;
  evaluatedAt: string;
}

export interface ModelDriftDetail extends ModelDriftSummary {
  features: Array<
    FeatureDriftResult & {
      /** Earlier evaluations of the feature, oldest first, for the sparkline. */
      history: Array<
        Pick<
          FeatureDriftResult,
          'windowEnd' | 'statistic' | 'pValue' | 'status'
        >
      >;
    }
  >;
}
