import { InputError, NotAllowedError } from '@backstage/errors';
import {
  entityEnergyQuerySchema,
  FocusRowProblem,
  spendBudgetQuerySchema,
  spendImportPermission,
  spendRangeSchema,
  spendReadAllPermission,
  spendReadPermission,
  spendReadTeamPermission,
  spendSeriesQuerySchema,
} from '@ai-platform/plugin-ai-platform-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { RequestContext } from '../shared/RequestContext';
import { SpendService, Visibility } from './SpendService';

const limitSchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(10),
});

const fileNameSchema = z.object({
  fileName: z.string().min(1).max(255).default('upload.csv'),
});

/** Every problem of a FOCUS file, by line; the message names the first. */
class FocusFileRefused extends InputError {
  constructor(readonly problems: FocusRowProblem[]) {
    const first = problems[0];
    super(
      `FOCUS file refused, nothing imported: line ${first.line}${
        first.column ? `, ${first.column}` : ''
      }: ${first.message}${
        problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''
      }`,
    );
  }
}

// Finance tools and importers call with service tokens as well as people.
const CALLERS = ['user', 'service'] as const;

export function createSpendRouter(
  http: RequestContext,
  service: SpendService,
  options: { maxImportBytes: number },
) {
  const router = Router();
  const parseInput = http.parse;

  /**
   * The teams a caller may see: all with the read-all permission (finance), otherwise the
   * groups they belong to. One named team is the policy's call (`spend.read.team` on that
   * team); a refusal is a 403, not an empty answer.
   */
  async function visibility(
    req: express.Request,
    team?: string,
  ): Promise<Visibility> {
    const credentials = await http.credentials(req, [...CALLERS]);
    // Both decisions in one round trip to the permission framework.
    const [read, readAll] = await http.decide(credentials, [
      spendReadPermission,
      spendReadAllPermission,
    ]);
    if (!read) {
      throw new NotAllowedError(
        `You do not have the ${spendReadPermission.name} permission`,
      );
    }
    if (team) {
      if (
        !readAll &&
        !(await http.decideForTeam(credentials, spendReadTeamPermission, team))
      ) {
        throw new NotAllowedError(
          `You may see the spend of your own teams only, not ${team}`,
        );
      }
      return [team];
    }
    if (readAll) return undefined;
    return (await http.actor(credentials)).ownershipRefs.filter(r =>
      r.startsWith('group:'),
    );
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
    await http.authorize(req, spendReadAllPermission, [...CALLERS]);
    const series = await service.series(
      { ...query, dimension: 'source' },
      undefined,
    );
    const totals = new Map(
      series.periods.map(p => [
        p,
        { period: p, cost: 0, gpuHours: 0, energyKwh: 0, carbonKg: 0 },
      ]),
    );
    for (const point of series.points) {
      const t = totals.get(point.period)!;
      t.cost += point.cost;
      t.gpuHours += point.gpuHours;
      t.energyKwh += point.energyKwh;
      t.carbonKg += point.carbonKg;
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

  router.get('/spend/energy/entity', async (req, res) => {
    const query = parseInput(entityEnergyQuerySchema, req.query);
    const teams = await visibility(req);
    res.json(
      await service.entityEnergy(
        query,
        teams,
        await http.credentials(req, [...CALLERS]),
      ),
    );
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
      const credentials = await http.authorize(req, spendImportPermission, [
        ...CALLERS,
      ]);
      if (typeof req.body !== 'string' || !req.body.trim()) {
        throw new InputError(
          'Send the FOCUS CSV file as the request body (Content-Type: text/csv)',
        );
      }
      const { fileName } = parseInput(fileNameSchema, req.query);
      const importedBy = (await http.actor(credentials)).userRef;
      let outcome;
      try {
        outcome = await http.audited(
          req,
          'spend-focus-import',
          { fileName },
          async () => {
            const result = await service.importFocus({
              text: req.body,
              fileName,
              importedBy,
            });
            // A refused file is a failed import in the audit trail too.
            if (!result.ok) throw new FocusFileRefused(result.problems);
            return result;
          },
        );
      } catch (error) {
        if (!(error instanceof FocusFileRefused)) throw error;
        res.status(400).json({
          error: { name: 'InputError', message: error.message },
          problems: error.problems,
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
