import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  describeZodIssues,
  quotaRequestInputSchema,
} from '@ai-platform/plugin-ai-platform-common';
import { AiPlatformBackendClient } from '../client/AiPlatformBackendClient';
import { requestQuotaExamples } from './requestQuota.examples';

/**
 * Asks the quota ledger for GPUs. A dry run shows the decision and the pool's allocation
 * without asking; a retried task gets the request of its first run, never a second one.
 */
export function createRequestQuotaAction(options: {
  client: AiPlatformBackendClient;
}) {
  return createTemplateAction({
    id: 'ai-platform:quota:request',
    description:
      'Requests GPU quota for a team from a pool, through the AI Platform quota ledger',
    examples: requestQuotaExamples,
    supportsDryRun: true,
    schema: {
      input: {
        teamRef: z =>
          z
            .string()
            .describe(
              'Group entity ref of the team, e.g. group:default/recsys',
            ),
        clusterRef: z =>
          z.string().describe('Resource entity ref of the gpu-cluster'),
        gpuModel: z =>
          z.string().describe('GPU model of the pool, as the cluster lists it'),
        gpuCount: z => z.number().describe('Number of GPUs'),
        startsAt: z => z.string().describe('Start of the window, ISO 8601'),
        endsAt: z => z.string().describe('End of the window, ISO 8601'),
        preemptible: z =>
          z.boolean().optional().describe('Whether the GPUs may be preempted'),
        justification: z => z.string().describe('What the GPUs are for'),
      },
      output: {
        quotaId: z =>
          z
            .string()
            .optional()
            .describe('Id of the quota request; absent in a dry run'),
        status: z =>
          z
            .string()
            .describe('approved, or requested when an admin must decide'),
        reason: z => z.string().describe('Why the ledger decided so'),
      },
    },
    async handler(ctx) {
      const parsed = quotaRequestInputSchema.safeParse(ctx.input);
      if (!parsed.success) {
        throw new InputError(describeZodIssues(parsed.error));
      }
      const credentials = await ctx.getInitiatorCredentials();
      const ask = (dryRun: boolean) =>
        options.client.requestQuota(parsed.data, {
          credentials,
          idempotencyKey: `scaffolder-task:${ctx.task.id}`,
          dryRun,
        });

      if (ctx.isDryRun) {
        const { decision } = await ask(true);
        ctx.logger.info(
          `Dry run: ${parsed.data.gpuCount}× ${parsed.data.gpuModel} on ${parsed.data.clusterRef} would be ${decision.status}. ` +
            `Pool: ${decision.peakAllocated} of ${decision.capacity} GPUs allocated at peak in the window, ` +
            `${decision.peakAllocated + parsed.data.gpuCount} after. ${
              decision.reason
            }`,
        );
        ctx.output('status', decision.status);
        ctx.output('reason', decision.reason);
        return;
      }

      const result = await ctx.checkpoint({
        key: `ai-platform-quota-request-${ctx.task.id}`,
        fn: async () => {
          const { request, decision } = await ask(false);
          return {
            quotaId: request!.id,
            status: request!.status,
            reason: decision.reason,
          };
        },
      });
      ctx.logger.info(
        `Quota request ${result.quotaId} is ${result.status}: ${result.reason}`,
      );
      ctx.output('quotaId', result.quotaId);
      ctx.output('status', result.status);
      ctx.output('reason', result.reason);
    },
  });
}
