import {
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  spendBudgetQuerySchema,
  spendImportPermission,
  spendRangeSchema,
  spendReadAllPermission,
  spendReadPermission,
  spendSeriesQuerySchema,
} from '@ai-platform/plugin-ai-platform-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { parseInput } from '../parseInput';
import { requirePermission } from '../requirePermission';
import { SpendService, Visibility } from './SpendService';

const limitSchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(10),
});

export function createSpendRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  userInfo: UserInfoService;
  service: SpendService;
  maxImportBytes: number;
}) {
  const { httpAuth, permissions, userInfo, service } = options;
  const router = Router();

  const credentialsOf = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  /**
   * The teams a caller may see: all with the read-all permission (finance), otherwise the
   * groups they belong to. Asking for another team's spend is refused, not answered empty.
   */
  async function visibility(
    req: express.Request,
    team?: string,
  ): Promise<Visibility> {
    const credentials = await credentialsOf(req);
    // Both decisions in one round trip to the permission framework.
    const [read, readAll] = await permissions.authorize(
      [
        { permission: spendReadPermission },
        { permission: spendReadAllPermission },
      ],
      { credentials },
    );
    if (read.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You do not have the ${spendReadPermission.name} permission`,
      );
    }
    let teams: Visibility;
    if (readAll.result !== AuthorizeResult.ALLOW) {
      teams =
        credentials.principal.type === 'user'
          ? (
              await userInfo.getUserInfo(credentials)
            ).ownershipEntityRefs.filter(r => r.startsWith('group:'))
          : [];
    }
    if (team) {
      if (teams && !teams.includes(team)) {
        throw new NotAllowedError(
          `You may see the spend of your own teams only, not ${team}`,
        );
      }
      return [team];
    }
    return teams;
  }

  router.get('/spend/series', async (req, res) => {
    const query = parseInput(spendSeriesQuerySchema, req.query);
    res.json(await service.series(query, await visibility(req, query.team)));
  });

  router.get('/spend/teams', async (req, res) => {
    const query = parseInput(spendRangeSchema, req.query);
    res.json(await service.teams(query, await visibility(req, query.team)));
  });

  router.get('/spend/movers', async (req, res) => {
    const query = parseInput(spendRangeSchema, req.query);
    const { limit } = parseInput(limitSchema, req.query);
    res.json({
      currency: service.currency,
      items: await service.movers(
        query,
        await visibility(req, query.team),
        limit,
      ),
    });
  });

  router.get('/spend/totals', async (req, res) => {
    const query = parseInput(spendSeriesQuerySchema, req.query);
    const credentials = await credentialsOf(req);
    await requirePermission(permissions, credentials, spendReadAllPermission);
    const series = await service.series(
      { ...query, dimension: 'source' },
      undefined,
    );
    const totals = new Map(
      series.periods.map(p => [p, { period: p, cost: 0, gpuHours: 0 }]),
    );
    for (const point of series.points) {
      const t = totals.get(point.period)!;
      t.cost += point.cost;
      t.gpuHours += point.gpuHours;
    }
    res.json({
      currency: series.currency,
      granularity: series.granularity,
      items: [...totals.values()],
      total: series.points.reduce((s, p) => s + p.cost, 0),
    });
  });

  router.get('/spend/budgets', async (req, res) => {
    const { month } = parseInput(spendBudgetQuerySchema, req.query);
    res.json({
      currency: service.currency,
      items: await service.budgets(month, await visibility(req)),
    });
  });

  router.get('/spend/idle', async (req, res) => {
    const query = parseInput(spendRangeSchema, req.query);
    res.json({
      currency: service.currency,
      items: await service.idle(query, await visibility(req, query.team)),
    });
  });

  router.get('/spend/export.csv', async (req, res) => {
    const query = parseInput(spendSeriesQuerySchema, req.query);
    const csv = await service.exportCsv(
      query,
      query.granularity,
      await visibility(req, query.team),
    );
    res
      .type('text/csv')
      .attachment(`compute-spend-${query.from}-${query.to}.csv`)
      .send(csv);
  });

  router.get('/spend/sources', async (req, res) => {
    await visibility(req);
    res.json({ items: await service.sources() });
  });

  router.post(
    '/spend/imports/focus',
    express.text({ type: () => true, limit: options.maxImportBytes }),
    async (req, res) => {
      const credentials = await credentialsOf(req);
      await requirePermission(permissions, credentials, spendImportPermission);
      if (typeof req.body !== 'string' || !req.body.trim()) {
        throw new InputError(
          'Send the FOCUS CSV file as the request body (Content-Type: text/csv)',
        );
      }
      const fileName = parseInput(
        z.object({
          fileName: z.string().min(1).max(255).default('upload.csv'),
        }),
        req.query,
      ).fileName;
      const importedBy =
        credentials.principal.type === 'user'
          ? credentials.principal.userEntityRef
          : credentials.principal.subject;
      const outcome = await service.importFocus({
        text: req.body,
        fileName,
        importedBy,
      });
      if (!outcome.ok) {
        const first = outcome.problems[0];
        res.status(400).json({
          error: {
            name: 'InputError',
            message: `FOCUS file refused, nothing imported: line ${first.line}${
              first.column ? `, ${first.column}` : ''
            }: ${first.message}${
              outcome.problems.length > 1
                ? ` (and ${outcome.problems.length - 1} more)`
                : ''
            }`,
          },
          problems: outcome.problems,
        });
        return;
      }
      res.status(201).json({
        importId: outcome.importId,
        rows: outcome.rows,
        ...outcome.result,
      });
    },
  );

  return router;
}
