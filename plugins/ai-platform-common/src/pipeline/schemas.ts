import { z } from 'zod/v3';
import { entityRefSchema } from '../shared/entityRef';
import { cronProblem, isTimeZone } from './schedule';

/** Where the pipeline runs: an Airflow DAG or an Argo Workflows CronWorkflow. */
export const PIPELINE_ORCHESTRATORS = ['airflow', 'argo'] as const;
export type PipelineOrchestrator = (typeof PIPELINE_ORCHESTRATORS)[number];

/** The last stage, after ingestion, the data-quality gate and the transform. */
export const PIPELINE_FINAL_STEPS = ['train', 'publish'] as const;
export type PipelineFinalStep = (typeof PIPELINE_FINAL_STEPS)[number];

/**
 * The data-quality rules a user may add to the gate, each a SodaCL check: `not_null`
 * (`missing_count = 0`), `unique` (`duplicate_count = 0`), `min` / `max` (the column's minimum
 * at least / maximum at most `value`), `allowed_values` (`invalid_count = 0` with `values`),
 * `max_missing_percent` (`missing_percent <= value`), `freshness_hours` (the newest timestamp
 * in the column at most `value` hours old) and `row_count_min` (at least `value` rows).
 */
export const QUALITY_CHECKS = [
  'not_null',
  'unique',
  'min',
  'max',
  'allowed_values',
  'max_missing_percent',
  'freshness_hours',
  'row_count_min',
] as const;
export type QualityCheckKind = (typeof QUALITY_CHECKS)[number];

const column = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]{0,127}$/,
    'must be a column name of letters, digits and underscores',
  );

const finite = z
  .number({
    required_error: 'must be a number for this check',
    invalid_type_error: 'must be a number',
  })
  .finite('must be a finite number');

/** One rule of the data-quality gate; without `datasetRef` it applies to every input dataset. */
export const qualityRuleSchema = z.discriminatedUnion(
  'check',
  [
    z.object({
      check: z.enum(['not_null', 'unique']),
      column,
      datasetRef: entityRefSchema({
        kind: 'resource',
        normalize: true,
      }).optional(),
    }),
    z.object({
      check: z.enum(['min', 'max']),
      column,
      value: finite,
      datasetRef: entityRefSchema({
        kind: 'resource',
        normalize: true,
      }).optional(),
    }),
    z.object({
      check: z.literal('allowed_values'),
      column,
      values: z
        .array(z.string().trim().min(1).max(200))
        .min(1, 'must list at least one allowed value')
        .max(200, 'must list at most 200 values'),
      datasetRef: entityRefSchema({
        kind: 'resource',
        normalize: true,
      }).optional(),
    }),
    z.object({
      check: z.literal('max_missing_percent'),
      column,
      value: finite
        .min(0, 'must be a percentage from 0 to 100')
        .max(100, 'must be a percentage from 0 to 100'),
      datasetRef: entityRefSchema({
        kind: 'resource',
        normalize: true,
      }).optional(),
    }),
    z.object({
      check: z.literal('freshness_hours'),
      column,
      value: finite.positive('must be more than 0 hours').max(24 * 366),
      datasetRef: entityRefSchema({
        kind: 'resource',
        normalize: true,
      }).optional(),
    }),
    z.object({
      check: z.literal('row_count_min'),
      value: finite.int('must be a whole number of rows').min(1),
      datasetRef: entityRefSchema({
        kind: 'resource',
        normalize: true,
      }).optional(),
    }),
  ],
  {
    errorMap: (issue, ctx) =>
      issue.code === 'invalid_union_discriminator'
        ? { message: `check must be one of ${QUALITY_CHECKS.join(', ')}` }
        : { message: ctx.defaultError },
  },
);
export type QualityRule = z.infer<typeof qualityRuleSchema>;

// One name for the DAG id, the Argo CronWorkflow (a DNS subdomain) and the catalog Component.
const pipelineName = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9]([-a-z0-9]{0,50}[a-z0-9])?$/,
    'must be a lowercase name of letters, digits and dashes (at most 52, as an Argo CronWorkflow name)',
  );

// An OCI image reference: [registry/]repository[:tag][@digest], lowercase repository.
const imageRef = z
  .string()
  .trim()
  .regex(
    /^(?:[a-zA-Z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/,
    'must be a container image reference such as ghcr.io/acme/trainer:1.4',
  );

const refs = (max: number, what: string) =>
  z
    .array(entityRefSchema({ kind: 'resource', normalize: true }))
    .max(max, `must list at most ${max} ${what}`)
    .refine(list => new Set(list).size === list.length, {
      message: `must not list the same ${what.replace(/s$/, '')} twice`,
    });

/** The body of a new pipeline, as the API and the scaffolder action take it. */
export const pipelineInputSchema = z
  .object({
    name: pipelineName,
    teamRef: entityRefSchema({ kind: 'group' }),
    description: z.string().trim().max(1000).default(''),
    orchestrator: z.enum(PIPELINE_ORCHESTRATORS, {
      errorMap: () => ({
        message: `must be one of ${PIPELINE_ORCHESTRATORS.join(', ')}`,
      }),
    }),
    /** Five cron fields or a preset (`@daily`), read in `timezone`. */
    schedule: z.string().trim(),
    timezone: z
      .string()
      .trim()
      .default('UTC')
      .refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin'),
    /** The datasets and feature views the pipeline reads. */
    inputs: refs(20, 'inputs').refine(list => list.length > 0, {
      message: 'must name at least one dataset or feature view to read',
    }),
    /** The datasets, feature views and models the pipeline writes. */
    outputs: refs(20, 'outputs').default([]),
    finalStep: z.enum(PIPELINE_FINAL_STEPS, {
      errorMap: () => ({
        message: `must be one of ${PIPELINE_FINAL_STEPS.join(', ')}`,
      }),
    }),
    /** The container image every step runs in. */
    image: imageRef,
    /** GPUs of the train step (the other steps run on CPU). */
    gpuCount: z
      .number({ invalid_type_error: 'must be a number of GPUs' })
      .int('must be a whole number of GPUs')
      .min(0, 'must not be negative')
      .max(64, 'must be at most 64')
      .default(0),
    qualityChecks: z
      .array(qualityRuleSchema)
      .max(100, 'must list at most 100 checks')
      .default([]),
  })
  .superRefine((pipeline, ctx) => {
    const problem = cronProblem(pipeline.schedule, pipeline.timezone);
    if (problem) {
      ctx.addIssue({ code: 'custom', path: ['schedule'], message: problem });
    }
    if (pipeline.finalStep === 'publish' && pipeline.gpuCount > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['gpuCount'],
        message: 'only a train step asks for GPUs; a publish step runs on CPU',
      });
    }
    pipeline.outputs.forEach((ref, i) => {
      if (pipeline.inputs.includes(ref)) {
        ctx.addIssue({
          code: 'custom',
          path: ['outputs', i],
          message: `${ref} is also an input; a pipeline does not write what it reads`,
        });
      }
    });
    pipeline.qualityChecks.forEach((rule, i) => {
      if (rule.datasetRef && !pipeline.inputs.includes(rule.datasetRef)) {
        ctx.addIssue({
          code: 'custom',
          path: ['qualityChecks', i, 'datasetRef'],
          message: `${rule.datasetRef} is not one of the pipeline's inputs`,
        });
      }
    });
  });

export type PipelineInput = z.infer<typeof pipelineInputSchema>;

/** The query of `GET /pipelines/:dagId/runs`. */
export const pipelineRunsQuerySchema = z.object({
  limit: z.coerce
    .number({ invalid_type_error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(100, 'must be at most 100')
    .default(25),
  offset: z.coerce
    .number({ invalid_type_error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .default(0),
});
export type PipelineRunsQuery = z.infer<typeof pipelineRunsQuerySchema>;
