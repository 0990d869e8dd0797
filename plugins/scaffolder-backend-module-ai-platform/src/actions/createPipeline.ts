import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  AiPlatformAnnotations,
  AiResourceType,
  aiSpecSchemas,
  nextRuns,
  pipelineInputSchema,
} from '@ai-platform/plugin-ai-platform-common';
import { AiPlatformBackendClient } from '../client/AiPlatformBackendClient';
import { renderPipelineRepo } from '../pipeline/repo';
import { PipelineSource } from '../pipeline/sources';
import { createPipelineExamples } from './createPipeline.examples';
import { createOnce, parseInput, writeTeamFiles } from './teamCreate';

// A Kubernetes namespace name: an RFC 1123 label.
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Each input as the catalog describes it, in order: a dataset with its storage and declared
 * columns, or a feature view. Anything else is refused naming `inputs.<i>`.
 */
async function readSources(
  client: AiPlatformBackendClient,
  refs: string[],
  credentials: BackstageCredentials,
): Promise<PipelineSource[]> {
  const entities = await Promise.all(
    refs.map(ref => client.getCatalogEntity(ref, credentials)),
  );
  return refs.map((ref, i) => {
    const entity = entities[i];
    const type = entity?.spec?.type;
    if (entity && type === AiResourceType.featureView) {
      return { kind: 'feature-view', ref, name: entity.metadata.name };
    }
    if (!entity || type !== AiResourceType.dataset) {
      throw new InputError(
        `inputs.${i}: there is no dataset or feature view ${ref} in the catalog${
          entity ? ` (it is a ${type ?? entity.kind})` : ''
        }`,
      );
    }
    const spec = aiSpecSchemas.dataset.safeParse(entity.spec);
    if (!spec.success) {
      throw new InputError(
        `inputs.${i}: ${ref} is not a valid dataset: ${spec.error.issues
          .map(issue => `spec.${issue.path.join('.')}: ${issue.message}`)
          .join('; ')}`,
      );
    }
    return {
      kind: 'dataset',
      ref,
      name: entity.metadata.name,
      format: spec.data.format,
      location: spec.data.location,
      columns: spec.data.schema?.columns,
    };
  });
}

/**
 * The team's Kubernetes namespace the pipeline runs in: the first the group's
 * `ai-platform.io/namespaces` annotation names, else the team's own name.
 */
async function teamNamespace(
  client: AiPlatformBackendClient,
  teamRef: string,
  credentials: BackstageCredentials,
  logger: LoggerService,
): Promise<string> {
  const ref = parseEntityRef(teamRef, {
    defaultKind: 'group',
    defaultNamespace: 'default',
  });
  const group = await client.getCatalogEntity(
    stringifyEntityRef(ref),
    credentials,
  );
  const declared = (
    group?.metadata.annotations?.[AiPlatformAnnotations.namespaces] ?? ''
  )
    .split(',')
    .map(ns => ns.trim())
    .find(ns => DNS_LABEL.test(ns));
  if (declared) return declared;
  if (!DNS_LABEL.test(ref.name)) {
    throw new InputError(
      `teamRef: ${stringifyEntityRef(
        ref,
      )} names no Kubernetes namespace (annotation ${
        AiPlatformAnnotations.namespaces
      }) and its name is not one`,
    );
  }
  logger.warn(
    `${stringifyEntityRef(ref)} names no Kubernetes namespace (annotation ${
      AiPlatformAnnotations.namespaces
    }); the pipeline runs in the namespace ${ref.name}.`,
  );
  return ref.name;
}

/**
 * Defines a team's scheduled data or ML pipeline: records it with the AI Platform backend (which
 * checks the team, the inputs and outputs and that the name is free) and writes its folder,
 * `pipelines/<team>/<name>/`, into the template's workspace for a publish step: an Airflow DAG or
 * an Argo CronWorkflow running ingest, a data-quality gate, transform and train or publish in
 * sequence, the gate's Soda checks and entrypoint, and the kustomization of its ConfigMap. A dry
 * run checks with the backend, shows the files and the next runs and records nothing.
 */
export function createPipelineAction(options: {
  client: AiPlatformBackendClient;
}) {
  return createTemplateAction({
    id: 'ai-platform:pipeline:create',
    description:
      "Defines a team's scheduled Airflow or Argo pipeline with a Soda data-quality gate over its input datasets",
    examples: createPipelineExamples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .describe(
              'Pipeline name: lowercase letters, digits and dashes; also its DAG id or CronWorkflow and its catalog Component',
            ),
        teamRef: z => z.string().describe('Group entity ref of the team'),
        description: z =>
          z.string().optional().describe('What the pipeline does'),
        orchestrator: z =>
          z
            .string()
            .describe(
              'Where it runs: airflow (a DAG) or argo (a CronWorkflow)',
            ),
        schedule: z =>
          z
            .string()
            .describe(
              'When it runs: five cron fields or a preset such as @daily',
            ),
        timezone: z =>
          z
            .string()
            .optional()
            .describe('IANA time zone of the schedule; UTC by default'),
        inputs: z =>
          z
            .array(z.string())
            .describe(
              'Resource entity refs of the datasets and feature views it reads',
            ),
        outputs: z =>
          z
            .array(z.string())
            .optional()
            .describe(
              'Resource entity refs of the datasets, feature views and models it writes',
            ),
        finalStep: z =>
          z
            .string()
            .describe('The last stage, after the transform: train or publish'),
        image: z =>
          z.string().describe('The container image every stage runs in'),
        gpuCount: z =>
          z
            .number()
            .optional()
            .describe('GPUs of the train stage; 0 by default'),
        qualityChecks: z =>
          z
            .array(
              z.object({
                check: z.string(),
                column: z.string().optional(),
                value: z.number().optional(),
                values: z.array(z.string()).optional(),
                datasetRef: z.string().optional(),
              }),
            )
            .optional()
            .describe(
              'Rules of the data-quality gate; without datasetRef a rule applies to every input dataset',
            ),
      },
      output: {
        pipelineId: z =>
          z
            .string()
            .optional()
            .describe('Id of the recorded pipeline; absent in a dry run'),
        repoPath: z =>
          z
            .string()
            .describe(
              "Folder of the pipeline's files in the template workspace",
            ),
        files: z =>
          z
            .array(z.string())
            .describe('The files written, relative to the template workspace'),
        entityRef: z =>
          z.string().describe('Entity ref of the pipeline in the catalog'),
        nextRuns: z =>
          z
            .array(z.string())
            .describe(
              'The next five runs of the schedule, as ISO 8601 instants',
            ),
      },
    },
    async handler(ctx) {
      const input = parseInput(pipelineInputSchema, ctx.input);
      const credentials = await ctx.getInitiatorCredentials();

      // The inputs' storage and the team's namespace shape the files: render them before
      // recording anything, so that a pipeline they cannot make is not recorded.
      const sources = await readSources(
        options.client,
        input.inputs,
        credentials,
      );
      const namespace = await teamNamespace(
        options.client,
        input.teamRef,
        credentials,
        ctx.logger,
      );
      const { files, gate } = renderPipelineRepo(input, {
        sources,
        namespace,
      });
      const runs = nextRuns(input.schedule, { timezone: input.timezone });

      const pipelineId = await createOnce(ctx, {
        what: 'pipeline',
        credentials,
        create: call => options.client.createPipeline(input, call),
        keep: result => result.pipeline!.id,
      });

      const repoPath = await writeTeamFiles(ctx, {
        root: 'pipelines',
        teamRef: input.teamRef,
        name: input.name,
        files,
      });

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: the next runs (${input.timezone}) would be ${runs.join(
            ', ',
          )}`,
        );
      }
      for (const { ref, reason } of gate.unchecked) {
        ctx.logger.warn(
          `The data-quality gate does not check ${ref}: ${reason}.`,
        );
      }
      ctx.logger.info(
        `${ctx.isDryRun ? 'Dry run: would define' : 'Defined'} ${
          input.orchestrator
        } pipeline ${input.name} of ${input.teamRef} (${input.schedule}, ${
          input.timezone
        }) in the namespace ${namespace}: ingest, validate (${
          gate.datasets.length
        } of ${input.inputs.length} inputs checked), transform, ${
          input.finalStep
        }; in ${repoPath}.`,
      );
      if (pipelineId) {
        ctx.output('pipelineId', pipelineId);
      }
      ctx.output('repoPath', repoPath);
      ctx.output(
        'files',
        files.map(file => `${repoPath}/${file.path}`),
      );
      ctx.output('entityRef', `component:default/${input.name}`);
      ctx.output('nextRuns', runs);
    },
  });
}
