import {
  QUOTA_STATUSES,
  quotaApprovePermission,
  quotaCreatePermission,
  quotaDecisionInputSchema,
  quotaReadPermission,
  quotaRequestInputSchema,
} from '@ai-platform/plugin-ai-platform-common';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { RequestContext } from '../shared/RequestContext';
import { QuotaService } from './QuotaService';

const listQuerySchema = z.object({
  team: z.union([z.string(), z.array(z.string())]).optional(),
  status: z
    .union([z.enum(QUOTA_STATUSES), z.array(z.enum(QUOTA_STATUSES))])
    .optional(),
});

const isoDate = z
  .string()
  .refine(v => !Number.isNaN(Date.parse(v)), 'must be an ISO 8601 date');

const allocationQuerySchema = z
  .object({ from: isoDate, to: isoDate })
  .refine(q => Date.parse(q.to) > Date.parse(q.from), {
    path: ['to'],
    message: 'must be after from',
  });

const asArray = <T>(v: T | T[] | undefined) =>
  v === undefined ? undefined : ([] as T[]).concat(v);

// Reads are open to backend plugins too: the catalog's quota provider lists the ledger.
const USERS_AND_SERVICES = ['user', 'service'] as const;

export function createQuotaRouter(http: RequestContext, service: QuotaService) {
  const router = Router();

  router.get('/quotas', async (req, res) => {
    await http.authorize(req, quotaReadPermission, [...USERS_AND_SERVICES]);
    const query = http.parse(listQuerySchema, req.query);
    const items = await service.list({
      teamRefs: asArray(query.team),
      statuses: asArray(query.status),
    });
    res.json({ items });
  });

  router.post('/quotas', (req, res) =>
    http.create(req, res, {
      permission: quotaCreatePermission,
      schema: quotaRequestInputSchema,
      eventId: 'quota-request',
      meta: input => ({ teamRef: input.teamRef, clusterRef: input.clusterRef }),
      run: (input, options) => service.request(input, options),
    }),
  );

  for (const decision of ['approve', 'deny'] as const) {
    router.post(`/quotas/:id/${decision}`, async (req, res) => {
      const credentials = await http.authorize(req, quotaApprovePermission);
      const { reason } = http.parse(quotaDecisionInputSchema, req.body ?? {});
      const actor = await http.actor(credentials);
      const request = await http.audited(
        req,
        'quota-decision',
        { quotaId: req.params.id, decision },
        () => service[decision](req.params.id, actor, reason),
      );
      res.json(request);
    });
  }

  router.post('/quotas/:id/release', async (req, res) => {
    const credentials = await http.authorize(req, quotaCreatePermission);
    const actor = await http.actor(credentials);
    const request = await http.audited(
      req,
      'quota-release',
      { quotaId: req.params.id },
      () => service.release(req.params.id, actor),
    );
    res.json(request);
  });

  router.get('/quotas/allocation', async (req, res) => {
    await http.authorize(req, quotaReadPermission, [...USERS_AND_SERVICES]);
    const { from, to } = http.parse(allocationQuerySchema, req.query);
    res.json({ items: await service.allocation(new Date(from), new Date(to)) });
  });

  return router;
}
