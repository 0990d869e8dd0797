import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  EU_AI_ACT_DOCUMENTATION_AREAS,
  modelRegistryEntryInputSchema,
  renderModelCard,
} from '@ai-platform/plugin-ai-platform-common';
import yaml from 'yaml';
import { AiPlatformBackendClient } from '../client/AiPlatformBackendClient';
import { createModelRegistryEntryExamples } from './createModelRegistryEntry.examples';
import { createOnce, parseInput, writeTeamFiles } from './teamCreate';

/** The areas of the EU AI Act's technical documentation a model card's `ai_act` block marks documented. */
export function documentedAreas(card: string): {
  documented: string[];
  missing: string[];
} {
  const frontMatter = card.match(/^---\r?\n([\s\S]*?)\r?\n---\r?\n/)?.[1];
  const areas = frontMatter ? yaml.parse(frontMatter)?.ai_act?.areas : {};
  const isDocumented = (id: string) => areas?.[id]?.status === 'documented';
  return {
    documented: EU_AI_ACT_DOCUMENTATION_AREAS.filter(a =>
      isDocumented(a.id),
    ).map(a => a.title),
    missing: EU_AI_ACT_DOCUMENTATION_AREAS.filter(a => !isDocumented(a.id)).map(
      a => a.title,
    ),
  };
}

/**
 * Registers a team's model with the AI Platform backend (which checks the team, the training
 * data, the EU AI Act rules of its risk class and that the name is free, and registers it in
 * MLflow when one is configured) and writes its model card, `models/<team>/<name>/README.md` as
 * Hugging Face keeps it, into the template's workspace for a publish step. A dry run checks with
 * the backend, shows the card it would write and records nothing.
 */
export function createModelRegistryEntryAction(options: {
  client: AiPlatformBackendClient;
}) {
  return createTemplateAction({
    id: 'ai-platform:model-registry:create',
    description:
      "Registers a team's model with its EU AI Act risk class and writes its model card",
    examples: createModelRegistryEntryExamples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .describe(
              'Model name: lowercase letters, digits and dashes; also its catalog entity and MLflow model',
            ),
        teamRef: z => z.string().describe('Group entity ref of the team'),
        task: z =>
          z
            .string()
            .describe(
              'What the model does, as a Hugging Face task tag such as text-classification',
            ),
        riskClass: z =>
          z
            .string()
            .describe(
              'EU AI Act risk class: minimal, limited or high (unacceptable is refused)',
            ),
        intendedPurpose: z =>
          z
            .string()
            .describe('What the model is for, in at least 20 characters'),
        trainingData: z =>
          z
            .array(z.string())
            .optional()
            .describe(
              'Resource entity refs of the datasets and feature views it was trained on',
            ),
        evaluationMetrics: z =>
          z
            .array(
              z.object({
                name: z.string(),
                value: z.number(),
                dataset: z.string().optional(),
                rationale: z.string().optional(),
              }),
            )
            .optional()
            .describe(
              'Metrics: name, value, the evaluation data and why the metric fits',
            ),
        humanOversightContact: z =>
          z
            .string()
            .optional()
            .describe(
              'Who oversees the system, a user ref or e-mail address; required for high risk',
            ),
        description: z => z.string().optional().describe('What the model is'),
        sourceUri: z =>
          z
            .string()
            .optional()
            .describe("Where the model's artifacts are, for an MLflow version"),
      },
      output: {
        entityRef: z =>
          z.string().describe('Entity ref of the model in the catalog'),
        repoPath: z =>
          z
            .string()
            .describe("Folder of the model's card in the template workspace"),
        modelCardPath: z =>
          z
            .string()
            .describe('The model card, relative to the template workspace'),
        mlflowUrl: z =>
          z
            .string()
            .optional()
            .describe(
              'MLflow address of the registered model, when MLflow registered it',
            ),
        documentedAreas: z =>
          z
            .number()
            .describe(
              'How many of the nine areas of the EU AI Act technical documentation the card documents',
            ),
        missingAreas: z =>
          z
            .array(z.string())
            .describe('Titles of the areas the card marks missing'),
      },
    },
    async handler(ctx) {
      const input = parseInput(modelRegistryEntryInputSchema, ctx.input);
      const credentials = await ctx.getInitiatorCredentials();

      // Nothing is written before the backend has recorded the entry and answered its card.
      const registered = await createOnce(ctx, {
        what: 'model-registry',
        credentials,
        create: call => options.client.createModelRegistryEntry(input, call),
        keep: ({ entry }) => ({ mlflowUrl: entry?.mlflow?.url ?? null }),
      });
      // A dry run stores nothing, so there is no card to fetch: the same renderer shows it.
      const card = registered
        ? await options.client.getModelCard(input.name, credentials)
        : renderModelCard(input);

      const repoPath = await writeTeamFiles(ctx, {
        root: 'models',
        teamRef: input.teamRef,
        name: input.name,
        files: [{ path: 'README.md', content: card }],
      });
      const modelCardPath = `${repoPath}/README.md`;

      const areas = documentedAreas(card);
      ctx.logger.info(
        `${ctx.isDryRun ? 'Dry run: would register' : 'Registered'} model ${
          input.name
        } of ${input.teamRef} (${input.task}, ${input.riskClass} risk${
          registered?.mlflowUrl ? `, MLflow ${registered.mlflowUrl}` : ''
        }); its card documents ${areas.documented.length} of ${
          EU_AI_ACT_DOCUMENTATION_AREAS.length
        } areas, in ${modelCardPath}.`,
      );
      ctx.output('entityRef', `resource:default/${input.name}`);
      ctx.output('repoPath', repoPath);
      ctx.output('modelCardPath', modelCardPath);
      if (registered?.mlflowUrl) {
        ctx.output('mlflowUrl', registered.mlflowUrl);
      }
      ctx.output('documentedAreas', areas.documented.length);
      ctx.output('missingAreas', areas.missing);
    },
  });
}
