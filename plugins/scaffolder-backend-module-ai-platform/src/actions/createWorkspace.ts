import fs from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '@backstage/errors';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  describeZodIssues,
  workspaceImageProblem,
  workspaceInputSchema,
  workspaceKubernetesAnnotations,
} from '@ai-platform/plugin-ai-platform-common';
import yaml from 'yaml';
import { z as zod } from 'zod/v3';
import { AiPlatformBackendClient } from '../client/AiPlatformBackendClient';
import { workspaceManifests } from '../manifests/workspace';
import { createWorkspaceExamples } from './createWorkspace.examples';

const sizingSchema = zod.object({
  cpu: zod
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(128, 'must be at most 128'),
  memoryGi: zod
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(2048, 'must be at most 2048'),
  storageGi: zod
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(10240, 'must be at most 10240'),
  egressCidrs: zod.array(
    zod
      .string()
      .regex(
        /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/,
        'must be IPv4 CIDRs such as 10.0.0.0/16',
      ),
  ),
  rbacGroup: zod
    .string()
    .trim()
    .min(1, 'must name the identity provider group'),
  targetPath: zod.string().trim().min(1),
});

/**
 * The image a workspace runs: one of `aiPlatform.workspace.images`, the first when none is
 * asked for. Without that list any image reference goes, and one must be given.
 */
function workspaceImage(
  images: string[] | undefined,
  asked: string | undefined,
): string | undefined {
  const image = asked?.trim() || images?.[0];
  const problem = image && workspaceImageProblem(images, image);
  if (problem) {
    throw new InputError(problem);
  }
  return image;
}

/**
 * Creates a team ML workspace: records it in the ledger (which checks the team holds the
 * GPUs), and writes its Kubernetes and Kueue manifests and its catalog entity into the
 * template's workspace for a publish step.
 */
export function createWorkspaceAction(options: {
  client: AiPlatformBackendClient;
  config: Config;
}) {
  const images = options.config.getOptionalStringArray(
    'aiPlatform.workspace.images',
  );
  return createTemplateAction({
    id: 'ai-platform:workspace:create',
    description:
      "Creates a team ML workspace within the team's GPU quota and renders its Kubernetes manifests",
    examples: createWorkspaceExamples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string().describe('Workspace name; also its namespace'),
        teamRef: z => z.string().describe('Group entity ref of the team'),
        clusterRef: z =>
          z.string().describe('Resource entity ref of the gpu-cluster'),
        gpuModel: z => z.string().describe('GPU model of the pool'),
        gpuCount: z =>
          z
            .number()
            .describe('GPUs for the workspace, from quota the team holds'),
        image: z =>
          z
            .string()
            .optional()
            .describe(
              'Notebook or dev-container image, one of aiPlatform.workspace.images; the first of them by default',
            ),
        cpu: z => z.number().default(8).describe('CPU cores'),
        memoryGi: z => z.number().default(64).describe('Memory in GiB'),
        storageGi: z =>
          z.number().default(200).describe('Persistent storage in GiB'),
        egressCidrs: z =>
          z
            .array(z.string())
            .default([])
            .describe('CIDRs the workspace may reach'),
        rbacGroup: z =>
          z
            .string()
            .optional()
            .describe(
              'Identity provider group given edit rights; the team name by default',
            ),
        targetPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Where in the workspace to write; workspaces/<name> by default',
            ),
      },
      output: {
        workspaceId: z =>
          z
            .string()
            .optional()
            .describe('Id of the workspace; absent in a dry run'),
        manifestsPath: z =>
          z
            .string()
            .describe(
              'Path of the rendered manifests in the template workspace',
            ),
        entityRef: z =>
          z.string().describe('Entity ref of the workspace in the catalog'),
      },
    },
    async handler(ctx) {
      const parsed = workspaceInputSchema.safeParse({
        ...ctx.input,
        image: workspaceImage(images, ctx.input.image),
      });
      if (!parsed.success) {
        throw new InputError(describeZodIssues(parsed.error));
      }
      const input = parsed.data;
      const team = input.teamRef.replace(/^group:[^/]+\//, '');
      const sizing = sizingSchema.safeParse({
        cpu: ctx.input.cpu ?? 8,
        memoryGi: ctx.input.memoryGi ?? 64,
        storageGi: ctx.input.storageGi ?? 200,
        egressCidrs: ctx.input.egressCidrs ?? [],
        rbacGroup: ctx.input.rbacGroup || team,
        targetPath: ctx.input.targetPath || `workspaces/${input.name}`,
      });
      if (!sizing.success) {
        throw new InputError(describeZodIssues(sizing.error));
      }
      const credentials = await ctx.getInitiatorCredentials();
      const call = (dryRun: boolean) =>
        options.client.createWorkspace(input, {
          credentials,
          idempotencyKey: `scaffolder-task:${ctx.task.id}`,
          dryRun,
        });
      const result = ctx.isDryRun
        ? { ...(await call(true)).decision, workspaceId: undefined }
        : await ctx.checkpoint({
            key: `ai-platform-workspace-create-${ctx.task.id}`,
            fn: async () => {
              const { workspace, decision } = await call(false);
              return { ...decision, workspaceId: workspace!.id };
            },
          });

      const manifests = workspaceManifests({
        ...input,
        team,
        teamQuotaGpus: result.teamQuotaGpus,
        cpu: sizing.data.cpu,
        memoryGi: sizing.data.memoryGi,
        storageGi: sizing.data.storageGi,
        egressCidrs: sizing.data.egressCidrs,
        rbacGroup: sizing.data.rbacGroup,
      });
      const entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: input.name,
          description: `ML workspace of ${team}`,
          annotations: workspaceKubernetesAnnotations(input.name),
        },
        spec: {
          type: 'ml-workspace',
          owner: input.teamRef,
          dependsOn: [input.clusterRef],
          cluster: input.clusterRef,
          image: input.image,
          gpuCount: input.gpuCount,
        },
      };
      const dir = resolveSafeChildPath(
        ctx.workspacePath,
        sizing.data.targetPath,
      );
      await fs.mkdir(dir, { recursive: true });
      await fs.writeFile(
        path.join(dir, 'manifests.yaml'),
        manifests.map(m => yaml.stringify(m)).join('---\n'),
      );
      await fs.writeFile(
        path.join(dir, 'catalog-info.yaml'),
        yaml.stringify(entity),
      );

      ctx.logger.info(
        `${ctx.isDryRun ? 'Dry run: would create' : 'Created'} workspace ${
          input.name
        } with ${input.gpuCount}× ${input.gpuModel}: ` +
          `${manifests
            .map(m => `${m.kind}/${m.metadata?.name}`)
            .join(', ')}. ` +
          `The team holds ${result.teamQuotaGpus} GPUs on the pool; its other workspaces use ${result.usedByOtherWorkspaces}.`,
      );
      if (result.workspaceId) {
        ctx.output('workspaceId', result.workspaceId);
      }
      ctx.output('manifestsPath', sizing.data.targetPath);
      ctx.output('entityRef', `resource:default/${input.name}`);
    },
  });
}
