import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  exampleInput as exampleOf,
  TEST_API_URL,
  testBackendClient,
} from '../__testUtils__/backend';
import { createRequestQuotaAction } from './requestQuota';
import { requestQuotaExamples } from './requestQuota.examples';

const baseUrl = `${TEST_API_URL}/ai-platform`;
const exampleInput = exampleOf(requestQuotaExamples);

const decision = {
  status: 'approved',
  reason:
    'Auto-approved: the team holds at most 8 of its 8 auto-approved GPUs in the window',
  peakAllocated: 24,
  capacity: 64,
};

describe('ai-platform:quota:request', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const action = createRequestQuotaAction({ client: testBackendClient() });
  let seen: Array<{
    url: string;
    body: unknown;
    key: string | null;
    auth: string | null;
  }>;

  beforeEach(() => {
    seen = [];
    server.use(
      http.post(`${baseUrl}/quotas`, async ({ request }) => {
        seen.push({
          url: request.url,
          body: await request.json(),
          key: request.headers.get('idempotency-key'),
          auth: request.headers.get('authorization'),
        });
        const dryRun =
          new URL(request.url).searchParams.get('dryRun') === 'true';
        return HttpResponse.json(
          dryRun
            ? { decision }
            : {
                request: { id: 'q-1', status: 'approved', ...exampleInput },
                decision,
              },
          { status: dryRun ? 200 : 201 },
        );
      }),
    );
  });

  it('requests its documented example on behalf of the user, once per task', async () => {
    const ctx = createMockActionContext({ input: exampleInput });
    await action.handler(ctx);
    expect(seen).toHaveLength(1);
    expect(seen[0].body).toEqual(exampleInput);
    expect(seen[0].key).toMatch(/^scaffolder-task:/);
    expect(seen[0].auth).toMatch(/^Bearer /);
    expect(ctx.output).toHaveBeenCalledWith('quotaId', 'q-1');
    expect(ctx.output).toHaveBeenCalledWith('status', 'approved');
  });

  it('shows the decision and the pool in a dry run without asking for real', async () => {
    const ctx = {
      ...createMockActionContext({ input: exampleInput }),
      isDryRun: true,
    };
    await action.handler(ctx);
    expect(seen.map(s => s.url)).toEqual([`${baseUrl}/quotas?dryRun=true`]);
    expect(ctx.output).toHaveBeenCalledWith('status', 'approved');
    expect(ctx.output).not.toHaveBeenCalledWith('quotaId', expect.anything());
  });

  it('fails naming the field before calling the backend', async () => {
    const ctx = createMockActionContext({
      input: { ...exampleInput, gpuCount: 0 },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      'gpuCount: must be at least 1',
    );
    expect(seen).toEqual([]);
  });

  it("fails with the backend's message when the backend refuses", async () => {
    server.use(
      http.post(`${baseUrl}/quotas`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'InputError',
              message: "gpuCount: 80 GPUs exceed the pool's capacity of 64",
            },
            request: { method: 'POST', url: '/api/ai-platform/quotas' },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );
    const ctx = createMockActionContext({
      input: { ...exampleInput, gpuCount: 80 },
    });
    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'InputError',
      message: "gpuCount: 80 GPUs exceed the pool's capacity of 64",
    });
  });
});
