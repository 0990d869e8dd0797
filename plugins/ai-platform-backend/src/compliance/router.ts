import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  complianceEvaluatePermission,
  complianceExemptPermission,
  complianceReadPermission,
  entityRefSchema,
  exemptionInputSchema,
} from '@ai-platform/plugin-ai-platform-common';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { RequestContext } from '../shared/RequestContext';
import { ComplianceService } from './ComplianceService';
import { evidenceMarkdown, evidencePdf } from './evidence';

const refOf = (p: { kind: string; namespace: string; name: string }) =>
  stringifyEntityRef({ kind: p.kind, namespace: p.namespace, name: p.name });

const exemptionQuerySchema = z.object({
  entityRef: entityRefSchema({ normalize: true }).optional(),
});

export function createComplianceRouter(
  http: RequestContext,
  service: ComplianceService,
) {
  const router = Router();

  router.get('/compliance/checks', async (req, res) => {
    await http.authorize(req, complianceReadPermission);
    res.json({ items: service.checks() });
  });

  router.get(
    '/compliance/scorecards/:kind/:namespace/:name',
    async (req, res) => {
      const credentials = await http.authorize(req, complianceReadPermission);
      res.json(await service.getScorecard(refOf(req.params), credentials));
    },
  );

  router.post(
    '/compliance/scorecards/:kind/:namespace/:name/evaluate',
    async (req, res) => {
      const credentials = await http.authorize(
        req,
        complianceEvaluatePermission,
      );
      const entityRef = refOf(req.params);
      res.json(
        await http.audited(req, 'compliance-evaluate', { entityRef }, () =>
          service.evaluateOne(entityRef, credentials),
        ),
      );
    },
  );

  router.get('/compliance/teams/:namespace/:name', async (req, res) => {
    await http.authorize(req, complianceReadPermission);
    const { namespace, name } = req.params;
    res.json(
      await service.teamRollup(
        stringifyEntityRef({ kind: 'group', namespace, name }),
      ),
    );
  });

  router.get('/compliance/heatmap', async (req, res) => {
    await http.authorize(req, complianceReadPermission);
    res.json(await service.heatmap());
  });

  router.get('/compliance/exemptions', async (req, res) => {
    await http.authorize(req, complianceReadPermission);
    const { entityRef } = http.parse(exemptionQuerySchema, req.query);
    res.json({ items: await service.listExemptions({ entityRef }) });
  });

  router.post('/compliance/exemptions', async (req, res) => {
    const credentials = await http.authorize(req, complianceExemptPermission);
    const input = http.parse(exemptionInputSchema, req.body);
    const actor = await http.actor(credentials);
    const exemption = await http.audited(
      req,
      'compliance-exempt',
      {
        entityRef: input.entityRef,
        checkId: input.checkId,
        expiresAt: input.expiresAt,
      },
      () => service.exempt(input, actor),
    );
    res.status(201).json(exemption);
  });

  router.get(
    '/compliance/evidence/:kind/:namespace/:file',
    async (req, res) => {
      const credentials = await http.authorize(req, complianceReadPermission);
      const { kind, namespace, file } = req.params;
      const match = /^(.+)\.(md|pdf)$/.exec(file);
      if (!match) {
        throw new NotFoundError('An evidence pack is served as .md or .pdf');
      }
      const [, name, format] = match;
      const pack = await service.evidence(
        refOf({ kind, namespace, name }),
        credentials,
      );
      const base = `evidence-${kind}-${namespace}-${name}`.toLowerCase();
      if (format === 'md') {
        res
          .type('text/markdown; charset=utf-8')
          .set('Content-Disposition', `attachment; filename="${base}.md"`)
          .send(evidenceMarkdown(pack));
      } else {
        res
          .type('application/pdf')
          .set('Content-Disposition', `attachment; filename="${base}.pdf"`)
          .send(await evidencePdf(pack));
      }
    },
  );

  return router;
}
