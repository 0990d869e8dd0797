import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  aiSpecSchemas,
  AiResourceType,
  featureViewInputSchema,
} from '@ai-platform/plugin-ai-platform-common';
import { AiPlatformBackendClient } from '../client/AiPlatformBackendClient';
import { renderFeatureRepo } from '../feast/definitions';
import { createFeatureViewExamples } from './createFeatureView.examples';
import { createOnce, parseInput, writeTeamFiles } from './teamCreate';

/**
 * Defines a team's feature view over a catalog dataset: records it with the AI Platform backend
 * (which checks the team, the dataset and that the name is free) and writes its Feast feature
 * repository, `feature_store.yaml` and `<name>.py`, into the template's workspace for a publish
 * step. A dry run checks with the backend, shows the files and records nothing.
 */
export function createFeatureViewAction(options: {
  client: AiPlatformBackendClient;
}) {
  return createTemplateAction({
    id: 'ai-platform:feature-view:create',
    description:
      "Defines a team's Feast feature view over a catalog dataset and renders its feature repository",
    examples: createFeatureViewExamples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .describe(
              'Feature view name: a lowercase identifier; also its catalog entity',
            ),
        teamRef: z => z.string().describe('Group entity ref of the team'),
        datasetRef: z =>
          z
            .string()
            .describe('Resource entity ref of the dataset the view reads'),
        entity: z =>
          z
            .object({
              name: z.string(),
              joinKeys: z.array(z.string()),
              description: z.string().optional(),
            })
            .describe('The Feast entity: its name and join key columns'),
        features: z =>
          z
            .array(
              z.object({
                name: z.string(),
                dtype: z.string(),
                description: z.string().optional(),
              }),
            )
            .describe('Features: name, Feast value type and description'),
        ttlSeconds: z =>
          z
            .number()
            .describe(
              'How long a value stays valid, in seconds; 0 never expires',
            ),
        online: z =>
          z
            .boolean()
            .optional()
            .describe('Whether the view is served online; true by default'),
        tags: z =>
          z.record(z.string()).optional().describe('Feast tags of the view'),
        description: z => z.string().optional().describe('What the view holds'),
      },
      output: {
        featureViewId: z =>
          z
            .string()
            .optional()
            .describe('Id of the recorded feature view; absent in a dry run'),
        repoPath: z =>
          z
            .string()
            .describe(
              'Folder of the Feast feature repository in the template workspace',
            ),
        files: z =>
          z
            .array(z.string())
            .describe('The files written, relative to the template workspace'),
        entityRef: z =>
          z.string().describe('Entity ref of the feature view in the catalog'),
      },
    },
    async handler(ctx) {
      const input = parseInput(featureViewInputSchema, ctx.input);
      const credentials = await ctx.getInitiatorCredentials();

      // The dataset's storage decides the Feast source: read it before recording anything.
      const datasetRef = stringifyEntityRef(parseEntityRef(input.datasetRef));
      const dataset = await options.client.getCatalogEntity(
        datasetRef,
        credentials,
      );
      if (dataset?.spec?.type !== AiResourceType.dataset) {
        throw new InputError(
          `datasetRef: there is no dataset ${datasetRef} in the catalog${
            dataset ? ` (it is a ${dataset.spec?.type ?? dataset.kind})` : ''
          }`,
        );
      }
      const storage = aiSpecSchemas.dataset.safeParse(dataset.spec);
      if (!storage.success) {
        throw new InputError(
          `datasetRef: ${datasetRef} does not say where it is stored: ${storage.error.issues
            .map(issue => `spec.${issue.path.join('.')}: ${issue.message}`)
            .join('; ')}`,
        );
      }
      const files = renderFeatureRepo(input, {
        ref: datasetRef,
        storage: storage.data,
      });

      // A dry run asks the backend's checks (team, dataset, name) and records nothing.
      const featureViewId = await createOnce(ctx, {
        what: 'feature-view',
        credentials,
        create: call => options.client.createFeatureView(input, call),
        keep: result => result.featureView!.id,
      });

      const repoPath = await writeTeamFiles(ctx, {
        root: 'feature-repos',
        teamRef: input.teamRef,
        name: input.name,
        files,
      });
      ctx.logger.info(
        `${ctx.isDryRun ? 'Dry run: would define' : 'Defined'} feature view ${
          input.name
        } of ${input.teamRef} over ${datasetRef} (${storage.data.format} at ${
          storage.data.location
        }): ${input.features.length} features of ${
          input.entity.name
        }, in ${repoPath}.`,
      );
      if (featureViewId) {
        ctx.output('featureViewId', featureViewId);
      }
      ctx.output('repoPath', repoPath);
      ctx.output(
        'files',
        files.map(file => `${repoPath}/${file.path}`),
      );
      ctx.output('entityRef', `resource:default/${input.name}`);
    },
  });
}
