import { z } from 'zod/v3';
import { RISK_LEVELS } from '../entities/model';
import { entityRefSchema } from '../shared/entityRef';

// One name for the catalog entity (`resource:default/<name>`) and the MLflow registered model.
const modelName = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
    'must be a lowercase name of letters, digits and dashes (at most 63)',
  );

const metricSchema = z.object({
  name: z.string().trim().min(1, 'must name the metric').max(100),
  value: z
    .number({ invalid_type_error: 'must be a number' })
    .finite('must be a finite number'),
  /** The evaluation data the value was measured on. */
  dataset: z.string().trim().max(200).optional(),
  /** Why this metric fits the intended purpose. */
  rationale: z.string().trim().max(1000).optional(),
});

/** The body of a new model registry entry, as the API and the scaffolder action take it. */
export const modelRegistryEntryInputSchema = z
  .object({
    name: modelName,
    teamRef: entityRefSchema({ kind: 'group' }),
    /** What the model does, as a Hugging Face task tag (`tabular-classification`, …). */
    task: z
      .string()
      .trim()
      .regex(
        /^[a-z0-9][a-z0-9-]{1,62}$/,
        'must be a task tag such as text-classification',
      ),
    riskClass: z.enum(RISK_LEVELS, {
      errorMap: () => ({
        message: `must be one of ${RISK_LEVELS.join(', ')}`,
      }),
    }),
    intendedPurpose: z
      .string()
      .trim()
      .min(20, 'must say in at least 20 characters what the model is for')
      .max(4000),
    /** Datasets and feature views the model was trained on, as catalog refs. */
    trainingData: z
      .array(entityRefSchema({ kind: 'resource' }))
      .max(50, 'must list at most 50 datasets or feature views')
      .default([]),
    evaluationMetrics: z
      .array(metricSchema)
      .max(50, 'must list at most 50 metrics')
      .default([]),
    /** Who oversees the system: a user ref or an e-mail address. */
    humanOversightContact: z
      .string()
      .trim()
      .max(200)
      .refine(
        v =>
          v === '' ||
          /^user:([^/]+\/)?[^/]+$/.test(v) ||
          /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v),
        'must be a user entity ref or an e-mail address',
      )
      .default(''),
    description: z.string().trim().max(2000).default(''),
    /** Where the model's artifacts are (an MLflow model version's source). */
    sourceUri: z.string().trim().max(1000).optional(),
  })
  .superRefine((entry, ctx) => {
    if (entry.riskClass === 'unacceptable') {
      ctx.addIssue({
        code: 'custom',
        path: ['riskClass'],
        message:
          'a prohibited practice under Article 5 of the EU AI Act cannot be registered',
      });
    }
    if (entry.riskClass === 'high' && !entry.humanOversightContact) {
      ctx.addIssue({
        code: 'custom',
        path: ['humanOversightContact'],
        message: 'a high-risk system must name who oversees it (Article 14)',
      });
    }
  });

export type ModelRegistryEntryInput = z.infer<
  typeof modelRegistryEntryInputSchema
>;
