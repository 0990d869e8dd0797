/**
 * @jest-environment node
 */
import { PipelineRuns } from '@ai-platform/plugin-ai-platform-common';
import { http, HttpResponse } from 'msw';
import { apiUrl, clientWithMsw } from '../__testUtils__/clientWithMsw';
import { PipelineClient } from './PipelineClient';

const baseUrl = `${apiUrl}/ai-platform`;

const runs: PipelineRuns = {
  dagId: 'ranker-retrain',
  status: 'ok',
  runs: [
    {
      runId: 'scheduled__2026-11-23T02:00:00+00:00',
      state: 'success',
      runType: 'scheduled',
      startDate: '2026-11-23T02:00:04.000Z',
      endDate: '2026-11-23T02:12:09.000Z',
      durationSeconds: 725,
    },
  ],
  totalEntries: 31,
  limit: 10,
  offset: 20,
  fetchedAt: '2026-11-23T10:00:00.000Z',
};

describe('PipelineClient', () => {
  const { server, client } = clientWithMsw(PipelineClient);

  it('asks for a page of runs with its limit and offset', async () => {
    let query: URLSearchParams | undefined;
    server.use(
      http.get(`${baseUrl}/pipelines/ranker-retrain/runs`, ({ request }) => {
        query = new URL(request.url).searchParams;
        return HttpResponse.json(runs);
      }),
    );
    await expect(
      client.getRuns('ranker-retrain', { limit: 10, offset: 20 }),
    ).resolves.toEqual(runs);
    expect(Object.fromEntries(query!)).toEqual({ limit: '10', offset: '20' });
  });

  it('leaves the page to the backend when none is given', async () => {
    let search: string | undefined;
    server.use(
      http.get(`${baseUrl}/pipelines/ranker-retrain/runs`, ({ request }) => {
        search = new URL(request.url).search;
        return HttpResponse.json(runs);
      }),
    );
    await client.getRuns('ranker-retrain');
    expect(search).toBe('');
  });

  it('encodes the DAG id as one path segment', async () => {
    let path: string | undefined;
    server.use(
      http.get(`${baseUrl}/pipelines/:dagId/runs`, ({ request, params }) => {
        path = new URL(request.url).pathname;
        return HttpResponse.json({ ...runs, dagId: params.dagId });
      }),
    );
    // Airflow DAG ids may hold dots; a slash or ? must not change the route.
    const result = await client.getRuns('team.etl/daily?x', { offset: 0 });
    expect(path).toBe('/api/ai-platform/pipelines/team.etl%2Fdaily%3Fx/runs');
    expect(result.dagId).toBe('team.etl/daily?x');
  });

  it('throws the backend error with its status and message', async () => {
    server.use(
      http.get(`${baseUrl}/pipelines/ranker-retrain/runs`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'Unauthorized' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await expect(client.getRuns('ranker-retrain')).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
      cause: { message: 'Unauthorized' },
    });
  });
});
