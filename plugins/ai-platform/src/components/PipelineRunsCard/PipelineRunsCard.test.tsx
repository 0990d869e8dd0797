import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import {
  AIRFLOW_DAG_ID_ANNOTATION,
  PipelineRun,
  PipelineRuns,
} from '@ai-platform/plugin-ai-platform-common';
import { fireEvent, screen, within } from '@testing-library/react';
import { PipelineApi, pipelineApiRef } from '../../api/pipeline';
import { formatDuration } from './AirflowRuns';
import { PipelineRunsCard } from './PipelineRunsCard';
import { fakeOnlyDate } from '../shared/testClock';

// Only the clock is fixed, so the next runs are known; timers stay real for the rendering.
fakeOnlyDate('2026-11-29T20:30:00Z');

function pipeline(
  spec: Record<string, string>,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'ranker-retrain', namespace: 'default', annotations },
    spec: {
      type: 'ml-pipeline',
      lifecycle: 'production',
      owner: 'group:default/recsys',
      ...spec,
    },
  };
}

const airflowPipeline = pipeline(
  { orchestrator: 'airflow', schedule: '0 2 * * *', timezone: 'Europe/Berlin' },
  { [AIRFLOW_DAG_ID_ANNOTATION]: 'recsys.ranker_retrain' },
);

const run = (n: number, extra: Partial<PipelineRun> = {}): PipelineRun => ({
  runId: `scheduled__2026-11-${String(n).padStart(2, '0')}T01:00:00+00:00`,
  state: 'success',
  runType: 'scheduled',
  startDate: `2026-11-${String(n).padStart(2, '0')}T01:00:04.000Z`,
  durationSeconds: 725,
  ...extra,
});

function answer(extra: Partial<PipelineRuns> = {}): PipelineRuns {
  return {
    dagId: 'recsys.ranker_retrain',
    status: 'ok',
    runs: [],
    totalEntries: 0,
    limit: 10,
    offset: 0,
    fetchedAt: '2026-11-29T20:29:00.000Z',
    ...extra,
  };
}

async function renderCard(entity: Entity, getRuns: PipelineApi['getRuns']) {
  const api = { getRuns: jest.fn(getRuns) };
  await renderInTestApp(
    <TestApiProvider apis={[[pipelineApiRef, api]]}>
      <EntityProvider entity={entity}>
        <PipelineRunsCard />
      </EntityProvider>
    </TestApiProvider>,
  );
  return api;
}

const rowTexts = () =>
  within(screen.getByRole('table', { name: 'Runs' }))
    .getAllByRole('row')
    .slice(1)
    .map(row =>
      within(row)
        .getAllByRole('cell')
        .map(cell => cell.textContent),
    );

describe('PipelineRunsCard', () => {
  it("shows the schedule's next runs and the DAG's runs with a link to Airflow", async () => {
    const api = await renderCard(airflowPipeline, async () =>
      answer({
        runs: [
          run(29, {
            runId: 'manual__2026-11-29T20:25:00+00:00',
            state: 'running',
            runType: 'manual',
            startDate: '2026-11-29T20:26:40.000Z',
            durationSeconds: 200,
          }),
          run(28, { state: 'failed', durationSeconds: 3725 }),
          run(27, {
            state: 'queued',
            runType: 'dataset_triggered',
            startDate: undefined,
            durationSeconds: undefined,
          }),
        ],
        totalEntries: 3,
        url: 'https://airflow.example.com/dags/recsys.ranker_retrain/grid',
      }),
    );
    expect(screen.getByText('Runs on Airflow')).toBeInTheDocument();
    expect(screen.getByText('0 2 * * *')).toBeInTheDocument();
    expect(
      within(screen.getByRole('list', { name: 'Next runs in Europe/Berlin' }))
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'Mon, Nov 30, 2026, 02:00',
      'Tue, Dec 1, 2026, 02:00',
      'Wed, Dec 2, 2026, 02:00',
      'Thu, Dec 3, 2026, 02:00',
      'Fri, Dec 4, 2026, 02:00',
    ]);

    expect(
      await screen.findByRole('table', { name: 'Runs' }),
    ).toBeInTheDocument();
    expect(api.getRuns).toHaveBeenCalledWith('recsys.ranker_retrain', {
      limit: 10,
      offset: 0,
    });
    expect(screen.getByText('Start (Europe/Berlin)')).toBeInTheDocument();
    expect(rowTexts()).toEqual([
      [
        'manual__2026-11-29T20:25:00+00:00',
        'Running',
        'Manual',
        'Sun, Nov 29, 2026, 21:26',
        'running for 3 min 20 s',
      ],
      [
        'scheduled__2026-11-28T01:00:00+00:00',
        'Failed',
        'Scheduled',
        'Sat, Nov 28, 2026, 02:00',
        '1 h 2 min',
      ],
      [
        'scheduled__2026-11-27T01:00:00+00:00',
        'Queued',
        'Dataset triggered',
        'not started',
        '–',
      ],
    ]);
    // The app's MUI 5 class names carry a v5- prefix.
    expect(
      screen.getByText('Failed').closest('[class*="MuiChip-root"]')?.className,
    ).toMatch(/MuiChip-colorError/);
    expect(screen.getByText('1–3 of 3')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Open in Airflow/ }),
    ).toHaveAttribute(
      'href',
      'https://airflow.example.com/dags/recsys.ranker_retrain/grid',
    );
  });

  it('pages through the runs ten at a time', async () => {
    const all = Array.from({ length: 12 }, (_, i) => run(28 - i));
    const api = await renderCard(airflowPipeline, async (_, page) =>
      answer({
        runs: all.slice(page!.offset, page!.offset! + page!.limit!),
        totalEntries: all.length,
        offset: page!.offset!,
      }),
    );
    expect(await screen.findByText('1–10 of 12')).toBeInTheDocument();
    expect(rowTexts()).toHaveLength(10);

    fireEvent.click(screen.getByRole('button', { name: /next page/i }));
    expect(await screen.findByText('11–12 of 12')).toBeInTheDocument();
    expect(api.getRuns).toHaveBeenLastCalledWith('recsys.ranker_retrain', {
      limit: 10,
      offset: 10,
    });
    expect(rowTexts().map(cells => cells[0])).toEqual([
      'scheduled__2026-11-18T01:00:00+00:00',
      'scheduled__2026-11-17T01:00:00+00:00',
    ]);

    fireEvent.click(screen.getByRole('button', { name: /previous page/i }));
    expect(await screen.findByText('1–10 of 12')).toBeInTheDocument();
  });

  it('says there are no runs yet only when Airflow says so, and reads the DAG id from the name', async () => {
    const api = await renderCard(pipeline({ schedule: '@daily' }), async () =>
      answer({ dagId: 'ranker-retrain' }),
    );
    expect(await screen.findByText('No runs yet.')).toBeInTheDocument();
    expect(api.getRuns).toHaveBeenCalledWith('ranker-retrain', {
      limit: 10,
      offset: 0,
    });
    expect(
      screen.getByText('Runs on Airflow (no spec.orchestrator)'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Next runs in UTC' }),
    ).toBeVisible();
  });

  it.each([
    [
      'not-configured',
      answer({ status: 'not-configured' }),
      'Info',
      /No Airflow API is configured for the portal.*aiPlatform\.airflow\.baseUrl/,
    ],
    [
      'unreachable',
      answer({ status: 'unreachable', error: 'connect ECONNREFUSED' }),
      'Error',
      /Airflow could not be reached: connect ECONNREFUSED\. No runs of this DAG have been read yet/,
    ],
    [
      'not-found',
      answer({ status: 'not-found' }),
      'Info',
      /Airflow has no DAG recsys\.ranker_retrain yet.*ai-platform\.io\/airflow-dag-id/,
    ],
  ])(
    'says why there are no runs when %s',
    async (_, runs, severity, message) => {
      await renderCard(airflowPipeline, async () => runs);
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent(message);
      expect(alert.className).toMatch(`MuiAlert-standard${severity}`);
      expect(screen.queryByText('No runs yet.')).toBeNull();
      expect(screen.queryByRole('table', { name: 'Runs' })).toBeNull();
    },
  );

  it('warns above the last runs read when Airflow is down', async () => {
    await renderCard(airflowPipeline, async () =>
      answer({
        status: 'stale',
        error: 'Airflow answered 503',
        fetchedAt: '2026-11-29T18:00:00.000Z',
        runs: [run(28)],
        totalEntries: 1,
      }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Airflow could not be reached: Airflow answered 503. Runs as of Sun, Nov 29, 2026, 19:00.',
    );
    expect(rowTexts()).toHaveLength(1);
  });

  it('shows a request error', async () => {
    await renderCard(airflowPipeline, async () => {
      throw await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: { name: 'NotAllowedError', message: 'Unauthorized' },
            response: { statusCode: 403 },
          }),
          { status: 403, statusText: 'Forbidden' },
        ),
      );
    });
    expect(
      await screen.findByText(/Could not load the pipeline's runs/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/Unauthorized/).length).toBeGreaterThan(0);
    expect(screen.queryByText('No runs yet.')).toBeNull();
  });

  it('shows the schedule while the runs load', async () => {
    await renderCard(airflowPipeline, () => new Promise(() => {}));
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(screen.getByText('0 2 * * *')).toBeInTheDocument();
    expect(screen.queryByText('No runs yet.')).toBeNull();
  });

  it('shows an Argo pipeline its schedule and says run history is read from Airflow only', async () => {
    const api = await renderCard(
      pipeline({ orchestrator: 'argo', schedule: '0 0 * * 0' }),
      async () => answer(),
    );
    expect(screen.getByText('Runs on Argo Workflows')).toBeInTheDocument();
    expect(
      screen.getAllByRole('listitem').map(item => item.textContent),
    ).toContain('Sun, Dec 6, 2026, 00:00');
    expect(
      screen.getByText(/Run history is read from Airflow only/),
    ).toBeInTheDocument();
    expect(api.getRuns).not.toHaveBeenCalled();
  });

  it('says when the schedule cannot be read', async () => {
    await renderCard(
      pipeline({ orchestrator: 'kubeflow', schedule: '0 2 * *' }),
      async () => answer(),
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The schedule must have five fields (minute hour day-of-month month day-of-week), not 4, so its next runs are unknown.',
    );
    expect(screen.queryByRole('list', { name: /Next runs/ })).toBeNull();
    expect(
      screen.getByText(/the runs of this kubeflow pipeline are not shown here/),
    ).toBeInTheDocument();
  });

  it('says a pipeline without a schedule runs when triggered', async () => {
    await renderCard(pipeline({ orchestrator: 'argo' }), async () => answer());
    expect(screen.getByText(/the pipeline runs only when/)).toHaveTextContent(
      'No schedule in spec.schedule: the pipeline runs only when triggered.',
    );
  });

  it('says when the time zone is unknown, and shows run times in UTC', async () => {
    await renderCard(
      pipeline({ schedule: '@daily', timezone: 'Mars/Olympus' }),
      async () => answer({ runs: [run(28)], totalEntries: 1 }),
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The schedule cannot be read in the time zone "Mars/Olympus", which is not an IANA time zone such as Europe/Berlin',
    );
    expect(await screen.findByText('Start (UTC)')).toBeInTheDocument();
    expect(rowTexts()[0][3]).toBe('Sat, Nov 28, 2026, 01:00');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [45, '45 s'],
    [725, '12 min 5 s'],
    [3605, '1 h'],
    [3725, '1 h 2 min'],
    [90_061, '1 d 1 h'],
  ])('%d seconds is %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
