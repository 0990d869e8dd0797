import {
  pipelineCreatePermission,
  pipelineInputSchema,
  pipelineReadPermission,
  pipelineRunsQuerySchema,
} from '@ai-platform/plugin-ai-platform-common';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { RequestContext } from '../shared/RequestContext';
import { PipelineService } from './PipelineService';

// Airflow's own rule for DAG ids (KEY_REGEX, at most 250 characters).
const runsParams = z.object({
  dagId: z
    .string()
    .regex(
      /^[\w.-]{1,250}$/,
      'must be an Airflow DAG id of letters, digits, _, . and - (at most 250)',
    ),
});

export function createPipelineRouter(
  http: RequestContext,
  service: PipelineService,
) {
  const router = Router();

  // Read by the catalog's ledger provider too.
  router.get('/pipelines', async (req, res) => {
    await http.authorize(req, pipelineReadPermission, ['user', 'service']);
    res.json({ items: await service.list() });
  });

  // Any DAG's runs: a Component may name its DAG in an annotation rather than by its name.
  router.get('/pipelines/:dagId/runs', async (req, res) => {
    await http.authorize(req, pipelineReadPermission, ['user', 'service']);
    const { dagId } = http.parse(runsParams, req.params);
    const page = http.parse(pipelineRunsQuerySchema, req.query);
    res.json(await service.runs(dagId, page));
  });

  router.post('/pipelines', (req, res) =>
    http.create(req, res, {
      permission: pipelineCreatePermission,
      schema: pipelineInputSchema,
      eventId: 'pipeline-create',
      meta: input => ({
        teamRef: input.teamRef,
        name: input.name,
        orchestrator: input.orchestrator,
      }),
      run: (input, options) => service.create(input, options),
    }),
  );

  return router;
}
