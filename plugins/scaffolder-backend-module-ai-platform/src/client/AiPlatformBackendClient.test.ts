import {
  mockCredentials,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { testPipeline } from '../__testUtils__/pipelines';
import {
  errorAnswer,
  TEST_API_URL as apiUrl,
  testBackendClient,
} from '../__testUtils__/backend';

describe('AiPlatformBackendClient.createPipeline', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const client = testBackendClient();
  const call = (dryRun: boolean) => ({
    credentials: mockCredentials.user(),
    idempotencyKey: 'scaffolder-task:t-1',
    dryRun,
  });

  it('posts the pipeline to POST /pipelines on behalf of the user, with its retry key', async () => {
    const requests: {
      url: string;
      key: string | null;
      auth: string | null;
      body: unknown;
    }[] = [];
    server.use(
      http.post(`${apiUrl}/ai-platform/pipelines`, async ({ request }) => {
        const body = await request.json();
        requests.push({
          url: request.url,
          key: request.headers.get('idempotency-key'),
          auth: request.headers.get('authorization'),
          body,
        });
        return HttpResponse.json(
          request.url.endsWith('dryRun=true')
            ? {}
            : { pipeline: { id: 'pl-1', ...(body as object) } },
          { status: 201 },
        );
      }),
    );
    const pipeline = testPipeline();
    await expect(client.createPipeline(pipeline, call(true))).resolves.toEqual(
      {},
    );
    await expect(
      client.createPipeline(pipeline, call(false)),
    ).resolves.toMatchObject({
      pipeline: { id: 'pl-1', name: 'ranker-retrain' },
    });
    expect(requests).toEqual([
      {
        url: `${apiUrl}/ai-platform/pipelines?dryRun=true`,
        key: 'scaffolder-task:t-1',
        auth: expect.stringMatching(/^Bearer /),
        body: pipeline,
      },
      {
        url: `${apiUrl}/ai-platform/pipelines`,
        key: 'scaffolder-task:t-1',
        auth: expect.stringMatching(/^Bearer /),
        body: pipeline,
      },
    ]);
  });

  it("throws the backend's conflict as a ConflictError with its message", async () => {
    server.use(
      http.post(`${apiUrl}/ai-platform/pipelines`, () =>
        errorAnswer(
          409,
          'name: a pipeline named ranker-retrain already exists',
        ),
      ),
    );
    await expect(
      client.createPipeline(testPipeline(), call(false)),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: 'name: a pipeline named ranker-retrain already exists',
    });
  });
});
