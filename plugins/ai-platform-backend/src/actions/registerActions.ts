import {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotAllowedError } from '@backstage/errors';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  complianceReadPermission,
  driftReadPermission,
  entityRefSchema,
  isoDateTimeSchema,
  quotaCreatePermission,
  quotaReadPermission,
  quotaRequestInputSchema,
  SPEND_GRANULARITIES,
  spendReadAllPermission,
  spendReadPermission,
  spendReadTeamPermission,
  spendSeriesQuerySchema,
} from '@ai-platform/plugin-ai-platform-common';
import { z } from 'zod/v3';
import { ComplianceService } from '../compliance';
import { DriftService } from '../drift';
import { PoolsService } from '../pools';
import { QuotaService } from '../quota';
import { Callers, RequestContext } from '../shared/RequestContext';
import { SpendService } from '../spend';

/** What the actions call: the same request context and domain services the routes use. */
export interface ActionServices {
  http: RequestContext;
  auditor: AuditorService;
  /** Every domain's service, as `createDomains` lists them. */
  services: unknown[];
}

/** The domain service of a class: `createDomains` lists services untyped, in dependency order. */
function serviceOf<T>(
  services: unknown[],
  type: abstract new (...args: any[]) => T,
): T {
  const found = services.find((s): s is T => s instanceof type);
  if (!found) throw new Error(`No ${type.name} among the domains' services`);
  return found;
}

const DAY_MS = 86_400_000;

// The registry's schemas describe each input to the agent; inside, the domains' own schemas
// validate it as the routes do, so a refusal names each bad field.
const windowSchema = z
  .object({
    from: isoDateTimeSchema.optional(),
    to: isoDateTimeSchema.optional(),
  })
  .transform(w => {
    const from = w.from ? new Date(w.from) : new Date();
    return {
      from,
      to: w.to ? new Date(w.to) : new Date(from.getTime() + DAY_MS),
    };
  })
  .refine(w => w.to > w.from, { path: ['to'], message: 'must be after from' });

const teamSchema = z.object({
  team: entityRefSchema({
    kind: 'group',
    defaultKind: 'group',
    normalize: true,
  }),
});

const modelSchema = z.object({
  modelRef: entityRefSchema({ normalize: true }),
});

const entitySchema = z.object({
  entityRef: entityRefSchema({ normalize: true }),
});

/**
 * Registers the suite's main reads and writes in Backstage's actions registry, where
 * `@backstage/plugin-mcp-actions-backend` serves them to MCP clients as `ai-platform.<name>`.
 * Each action checks the same permission, callers and visibility as its route.
 */
export function registerActions(
  registry: ActionsRegistryService,
  options: ActionServices,
) {
  const { http, auditor } = options;
  const pools = serviceOf(options.services, PoolsService);
  const quotas = serviceOf(options.services, QuotaService);
  const spend = serviceOf(options.services, SpendService);
  const drift = serviceOf(options.services, DriftService);
  const compliance = serviceOf(options.services, ComplianceService);

  function checkCaller(credentials: BackstageCredentials, allow: Callers) {
    const { type } = credentials.principal as { type: string };
    if (!(allow as string[]).includes(type)) {
      throw new NotAllowedError(
        `Only a ${allow.join(' or ')} may call this action`,
      );
    }
  }

  const refused = (permission: BasicPermission) =>
    new NotAllowedError(`You do not have the ${permission.name} permission`);

  /** As RequestContext.authorize: the route's callers, then its permission. */
  async function authorize(
    credentials: BackstageCredentials,
    permission: BasicPermission,
    allow: Callers = ['user'],
  ) {
    checkCaller(credentials, allow);
    const [allowed] = await http.decide(credentials, [permission]);
    if (!allowed) throw refused(permission);
  }

  registry.register({
    name: 'list-gpu-pools',
    title: 'List GPU pools and free capacity',
    description:
      'Every GPU pool (cluster and GPU model) with its capacity and the GPUs still free for the whole window, after the quota already approved or active in it. The window defaults to the next 24 hours.',
    schema: {
      input: zod =>
        zod.object({
          from: zod
            .string()
            .optional()
            .describe('Start of the window (ISO 8601); now if left out'),
          to: zod
            .string()
            .optional()
            .describe('End of the window (ISO 8601); 24 hours after from'),
        }),
      output: zod =>
        zod.object({
          from: zod.string(),
          to: zod.string(),
          items: zod.array(
            zod.object({
              clusterRef: zod.string(),
              gpuModel: zod.string(),
              memoryGiB: zod.number(),
              capacity: zod.number(),
              allocated: zod
                .number()
                .describe('Most GPUs held at once in the window'),
              free: zod.number().describe('GPUs free for the whole window'),
              syncedAt: zod.string(),
            }),
          ),
        }),
    },
    attributes: { readOnly: true, idempotent: true, destructive: false },
    action: async ({ input, credentials }) => {
      // Free capacity is read from the quota ledger, as GET /quotas/allocation does.
      await authorize(credentials, quotaReadPermission, ['user', 'service']);
      const { from, to } = http.parse(windowSchema, input);
      const [all, allocation] = await Promise.all([
        pools.listPools(),
        quotas.allocation(from, to),
      ]);
      const peaks = new Map(
        allocation.map(a => [
          `${a.clusterRef} ${a.gpuModel}`,
          Math.max(0, ...a.steps.map(s => s.allocated)),
        ]),
      );
      return {
        output: {
          from: from.toISOString(),
          to: to.toISOString(),
          items: all.map(pool => {
            const allocated =
              peaks.get(`${pool.clusterRef} ${pool.gpuModel}`) ?? 0;
            return {
              ...pool,
              allocated,
              free: Math.max(0, pool.capacity - allocated),
            };
          }),
        },
      };
    },
  });

  registry.register({
    name: 'request-gpu-quota',
    title: 'Request GPU quota',
    description:
      "Requests GPUs of one pool for a team, as the calling user (a member of the team). Small requests within the team's limit are approved at once; others wait for an approver. dryRun answers what would happen without recording anything.",
    schema: {
      input: zod =>
        zod.object({
          teamRef: zod
            .string()
            .describe('The team, a group ref: group:default/recsys'),
          clusterRef: zod
            .string()
            .describe('The gpu-cluster Resource: resource:default/cluster-a'),
          gpuModel: zod
            .string()
            .describe('GPU model of the pool, as list-gpu-pools names it'),
          gpuCount: zod.number().describe('Number of GPUs'),
          startsAt: zod.string().describe('Start of the window, ISO 8601'),
          endsAt: zod.string().describe('End of the window, ISO 8601'),
          preemptible: zod
            .boolean()
            .optional()
            .describe('Whether the GPUs may be preempted'),
          justification: zod
            .string()
            .describe('What the GPUs are for, in at least 10 characters'),
          dryRun: zod
            .boolean()
            .optional()
            .describe('Check the request without recording it'),
          idempotencyKey: zod
            .string()
            .optional()
            .describe('Makes a retried request answer the first result'),
        }),
      output: zod =>
        zod.object({
          request: zod
            .object({ id: zod.string(), status: zod.string() })
            .passthrough()
            .optional()
            .describe('The recorded request; absent in a dry run'),
          decision: zod
            .object({ status: zod.string(), reason: zod.string() })
            .passthrough(),
        }),
    },
    attributes: { destructive: false, idempotent: false, readOnly: false },
    action: async ({ input, credentials }) => {
      await authorize(credentials, quotaCreatePermission);
      const { dryRun = false, idempotencyKey, ...body } = input;
      const request = http.parse(quotaRequestInputSchema, body);
      const actor = await http.actor(credentials);
      const run = async () => {
        const result = await quotas.request(request, {
          actor,
          idempotencyKey: idempotencyKey || undefined,
          dryRun,
        });
        // Spread into plain objects, which the output's passthrough schemas type.
        return {
          ...(result.request && { request: { ...result.request } }),
          decision: { ...result.decision },
        };
      };
      if (dryRun) return { output: await run() };
      // The route's audit event; without an HTTP request, the meta names who asked.
      const event = await auditor.createEvent({
        eventId: 'quota-request',
        severityLevel: 'medium',
        meta: {
          teamRef: request.teamRef,
          clusterRef: request.clusterRef,
          actorRef: actor.userRef,
        },
      });
      try {
        const result = await run();
        await event.success();
        return { output: result };
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
    },
  });

  registry.register({
    name: 'get-team-spend',
    title: "Get a team's compute spend",
    description:
      "A team's compute cost and GPU-hours over whole UTC days (from and to both included), by period and GPU model; gpuModel narrows it to models whose name contains it (e.g. H100). You may see your own teams only, unless you may read every team's spend.",
    schema: {
      input: zod =>
        zod.object({
          team: zod
            .string()
            .describe('The team: group:default/recsys, or recsys'),
          from: zod.string().describe('First day, YYYY-MM-DD'),
          to: zod.string().describe('Last day, YYYY-MM-DD'),
          granularity: zod
            .enum(SPEND_GRANULARITIES)
            .optional()
            .describe('Periods of the answer; month if left out'),
          gpuModel: zod
            .string()
            .optional()
            .describe('Only GPU models whose name contains this, e.g. H100'),
        }),
      output: zod =>
        zod.object({
          team: zod.string(),
          currency: zod.string(),
          total: zod.object({ cost: zod.number(), gpuHours: zod.number() }),
          byGpuModel: zod.array(
            zod.object({
              gpuModel: zod.string(),
              cost: zod.number(),
              gpuHours: zod.number(),
            }),
          ),
          points: zod.array(
            zod
              .object({
                period: zod.string(),
                gpuModel: zod.string(),
                cost: zod.number(),
                gpuHours: zod.number(),
              })
              .passthrough(),
          ),
        }),
    },
    attributes: { readOnly: true, idempotent: true, destructive: false },
    action: async ({ input, credentials }) => {
      const { team } = http.parse(teamSchema, input);
      const query = http.parse(spendSeriesQuerySchema, {
        from: input.from,
        to: input.to,
        granularity: input.granularity ?? 'month',
        dimension: 'gpuModel',
      });
      // As the spend routes: every team with read-all, otherwise as the policy decides for it.
      checkCaller(credentials, ['user', 'service']);
      const [read, readAll] = await http.decide(credentials, [
        spendReadPermission,
        spendReadAllPermission,
      ]);
      if (!read) throw refused(spendReadPermission);
      if (!readAll) {
        if (
          !(await http.decideForTeam(
            credentials,
            spendReadTeamPermission,
            team,
          ))
        ) {
          throw new NotAllowedError(
            `You may see the spend of your own teams only, not ${team}`,
          );
        }
      }
      const series = await spend.series(query, [team]);
      const wanted = input.gpuModel?.trim().toLocaleLowerCase('en-US');
      const points = series.points.filter(
        p => !wanted || p.key.toLocaleLowerCase('en-US').includes(wanted),
      );
      const byGpuModel = new Map<string, { cost: number; gpuHours: number }>();
      for (const p of points) {
        const sum = byGpuModel.get(p.key) ?? { cost: 0, gpuHours: 0 };
        sum.cost += p.cost;
        sum.gpuHours += p.gpuHours;
        byGpuModel.set(p.key, sum);
      }
      return {
        output: {
          team,
          currency: series.currency,
          total: {
            cost: points.reduce((s, p) => s + p.cost, 0),
            gpuHours: points.reduce((s, p) => s + p.gpuHours, 0),
          },
          byGpuModel: [...byGpuModel].map(([gpuModel, sum]) => ({
            gpuModel,
            ...sum,
          })),
          points: points.map(({ key, ...p }) => ({ ...p, gpuModel: key })),
        },
      };
    },
  });

  registry.register({
    name: 'get-model-drift',
    title: "Get a model's drift",
    description:
      "A model's drift status and, per feature, its latest test result and history.",
    schema: {
      input: zod =>
        zod.object({
          modelRef: zod
            .string()
            .describe('The model entity, e.g. resource:default/fraud-scorer'),
        }),
      // The service's answer whole: the registry strips what a schema does not name.
      output: zod =>
        zod
          .object({ modelRef: zod.string(), status: zod.string() })
          .passthrough(),
    },
    attributes: { readOnly: true, idempotent: true, destructive: false },
    action: async ({ input, credentials }) => {
      await authorize(credentials, driftReadPermission, ['user', 'service']);
      const { modelRef } = http.parse(modelSchema, input);
      return { output: { ...(await drift.getModel(modelRef, credentials)) } };
    },
  });

  registry.register({
    name: 'get-compliance-scorecard',
    title: "Get an entity's compliance scorecard",
    description:
      "An entity's compliance scorecard: each check's result, with exemptions; evaluated now if it never was.",
    schema: {
      input: zod =>
        zod.object({
          entityRef: zod
            .string()
            .describe('The entity, e.g. resource:default/fraud-scorer'),
        }),
      output: zod => zod.object({ entityRef: zod.string() }).passthrough(),
    },
    attributes: { readOnly: true, idempotent: true, destructive: false },
    action: async ({ input, credentials }) => {
      await authorize(credentials, complianceReadPermission);
      const { entityRef } = http.parse(entitySchema, input);
      return {
        output: { ...(await compliance.getScorecard(entityRef, credentials)) },
      };
    },
  });
}
