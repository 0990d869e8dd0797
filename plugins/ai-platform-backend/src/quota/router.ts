import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  ALLOCATING_STATUSES,
  allocationSteps,
  QUOTA_STATUSES,
  quotaApprovePermission,
  quotaCreatePermission,
  quotaDecisionInputSchema,
  quotaReadPermission,
  quotaRequestInputSchema,
} from '@ai-platform/plugin-ai-platform-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { PoolStore } from '../pools/PoolStore';
import { parseInput } from '../parseInput';
import { requirePermission } from '../requirePermission';
import { QuotaStore } from './QuotaStore';
import { Actor, QuotaService } from './QuotaService';

const listQuerySchema = z.object({
  team: z.union([z.string(), z.array(z.string())]).optional(),
  status: z
    .union([z.enum(QUOTA_STATUSES), z.array(z.enum(QUOTA_STATUSES))])
    .optional(),
});

const allocationQuerySchema = z
  .object({
    from: z
      .string()
      .refine(v => !Number.isNaN(Date.parse(v)), 'must be an ISO 8601 date'),
    to: z
      .string()
      .refine(v => !Number.isNaN(Date.parse(v)), 'must be an ISO 8601 date'),
  })
  .refine(q => Date.parse(q.to) > Date.parse(q.from), {
    path: ['to'],
    message: 'must be after from',
  });

const asArray = <T>(v: T | T[] | undefined) =>
  v === undefined ? undefined : ([] as T[]).concat(v);

export function createQuotaRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  userInfo: UserInfoService;
  auditor: AuditorService;
  service: QuotaService;
  store: QuotaStore;
  poolStore: PoolStore;
}) {
  const {
    httpAuth,
    permissions,
    userInfo,
    auditor,
    service,
    store,
    poolStore,
  } = options;
  const router = Router();

  /** The user's credentials, once the permission framework allows the permission. */
  async function authorize(req: express.Request, permission: BasicPermission) {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await requirePermission(permissions, credentials, permission);
    return credentials;
  }

  /** For reads that backend plugins (the catalog's quota provider) make too. */
  async function authorizeRead(req: express.Request) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await requirePermission(permissions, credentials, quotaReadPermission);
  }

  async function actorOf(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<Actor> {
    const info = await userInfo.getUserInfo(credentials);
    return {
      userRef: info.userEntityRef,
      ownershipRefs: info.ownershipEntityRefs,
    };
  }

  /** Runs a change as an audit event that records its outcome. */
  async function audited<T>(
    req: express.Request,
    eventId: string,
    meta: Record<string, string>,
    fn: () => Promise<T>,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId,
      request: req,
      severityLevel: 'medium',
      meta,
    });
    try {
      const result = await fn();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  router.get('/quotas', async (req, res) => {
    await authorizeRead(req);
    const query = parseInput(listQuerySchema, req.query);
    const items = await store.list({
      teamRefs: asArray(query.team),
      statuses: asArray(query.status),
    });
    res.json({ items });
  });

  router.post('/quotas', async (req, res) => {
    const credentials = await authorize(req, quotaCreatePermission);
    const input = parseInput(quotaRequestInputSchema, req.body);
    const dryRun = req.query.dryRun === 'true';
    const idempotencyKey = req.header('idempotency-key') || undefined;
    const actor = await actorOf(credentials);
    const run = () => service.request(input, { actor, idempotencyKey, dryRun });
    const result = dryRun
      ? await run()
      : await audited(
          req,
          'quota-request',
          { teamRef: input.teamRef, clusterRef: input.clusterRef },
          run,
        );
    res.status(dryRun ? 200 : 201).json(result);
  });

  for (const decision of ['approve', 'deny'] as const) {
    router.post(`/quotas/:id/${decision}`, async (req, res) => {
      const credentials = await authorize(req, quotaApprovePermission);
      const { reason } = parseInput(quotaDecisionInputSchema, req.body ?? {});
      const actor = await actorOf(credentials);
      const request = await audited(
        req,
        'quota-decision',
        { quotaId: req.params.id, decision },
        () => service[decision](req.params.id, actor, reason),
      );
      res.json(request);
    });
  }

  router.post('/quotas/:id/release', async (req, res) => {
    const credentials = await authorize(req, quotaCreatePermission);
    const actor = await actorOf(credentials);
    const request = await audited(
      req,
      'quota-release',
      { quotaId: req.params.id },
      () => service.release(req.params.id, actor),
    );
    res.json(request);
  });

  /** Capacity against allocated GPUs per pool over a period, as step series for charts. */
  router.get('/quotas/allocation', async (req, res) => {
    await authorizeRead(req);
    const { from, to } = parseInput(allocationQuerySchema, req.query);
    const start = Date.parse(from);
    const end = Date.parse(to);
    const [pools, held] = await Promise.all([
      poolStore.listPools(),
      store.list({
        statuses: ALLOCATING_STATUSES,
        from: new Date(start),
        to: new Date(end),
      }),
    ]);
    const items = pools.map(pool => ({
      clusterRef: pool.clusterRef,
      gpuModel: pool.gpuModel,
      capacity: pool.capacity,
      steps: allocationSteps(
        held
          .filter(
            q =>
              q.clusterRef === pool.clusterRef && q.gpuModel === pool.gpuModel,
          )
          .map(q => ({
            start: Date.parse(q.startsAt),
            end: Date.parse(q.endsAt),
            count: q.gpuCount,
          })),
        start,
        end,
      ).map(step => ({
        at: new Date(step.at).toISOString(),
        allocated: step.allocated,
      })),
    }));
    res.json({ items });
  });

  return router;
}
