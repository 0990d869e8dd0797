import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import yaml from 'yaml';
import { pipelineInputSchema } from '@ai-platform/plugin-ai-platform-common';
import {
  errorAnswer,
  exampleInput as exampleOf,
  TEST_API_URL as apiUrl,
  testBackendClient,
} from '../__testUtils__/backend';
import { publishToNewGitopsRepo } from '../__testUtils__/gitops';
import { createPipelineAction } from './createPipeline';
import { createPipelineExamples } from './createPipeline.examples';

const exampleInput = exampleOf(createPipelineExamples);
const repoPath = 'pipelines/recsys/ranker-retrain';
const files = [
  'dag.py',
  '.airflowignore',
  'kustomization.yaml',
  'quality/run_checks.py',
  'quality/ds_clickstream_events.yml',
];

const resource = (name: string, spec: object) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, namespace: 'default' },
  spec: { owner: 'group:default/recsys', ...spec },
});
const clickstream = resource('clickstream-events', {
  type: 'dataset',
  format: 'parquet',
  location: 's3://datalake/clickstream/events/',
  schema: {
    columns: [
      { name: 'event_id', type: 'string' },
      { name: 'user_id', type: 'string' },
      { name: 'event_type', type: 'string' },
      { name: 'event_timestamp', type: 'timestamp' },
    ],
  },
});
const userActivity = resource('user-activity-features', {
  type: 'feature-view',
  entities: ['user_id'],
  features: [{ name: 'views_7d', dtype: 'Int64' }],
});
const recsys = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name: 'recsys',
    namespace: 'default',
    annotations: { 'ai-platform.io/namespaces': 'recsys-train, recsys-serve' },
  },
  spec: { type: 'team', children: [] },
};

// The schedule's next runs are read from the clock: only Date is faked.
const NOW = new Date('2026-11-29T20:30:00Z');
const NEXT_RUNS = [30, 1, 2, 3, 4].map(
  (day, i) =>
    `2026-${i ? '12' : '11'}-${String(day).padStart(2, '0')}T01:00:00.000Z`,
);

describe('ai-platform:pipeline:create', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const action = createPipelineAction({ client: testBackendClient() });
  let workspacePath: string;
  let posts: { url: string; body: unknown; idempotencyKey: string | null }[];
  let entities: Record<string, object | undefined>;
  let answer: { status: number; message?: string } | undefined;

  beforeAll(() => {
    jest.useFakeTimers({
      now: NOW,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
  });
  afterAll(() => jest.useRealTimers());

  beforeEach(() => {
    workspacePath = fs.mkdtempSync(path.join(os.tmpdir(), 'pipeline-action-'));
    posts = [];
    entities = {
      'resource/default/clickstream-events': clickstream,
      'resource/default/user-activity-features': userActivity,
      'group/default/recsys': recsys,
    };
    answer = undefined;
    server.use(
      http.get(
        `${apiUrl}/catalog/entities/by-name/:kind/:namespace/:name`,
        ({ params }) => {
          const entity =
            entities[`${params.kind}/${params.namespace}/${params.name}`];
          return entity
            ? HttpResponse.json(entity)
            : HttpResponse.json(
                { error: { name: 'NotFoundError' } },
                { status: 404 },
              );
        },
      ),
      http.post(`${apiUrl}/ai-platform/pipelines`, async ({ request }) => {
        const body = await request.json();
        posts.push({
          url: request.url,
          body,
          idempotencyKey: request.headers.get('idempotency-key'),
        });
        if (answer) {
          return errorAnswer(answer.status, answer.message);
        }
        const dryRun = request.url.endsWith('dryRun=true');
        return HttpResponse.json(
          dryRun ? {} : { pipeline: { id: 'pl-1', ...(body as object) } },
          { status: dryRun ? 200 : 201 },
        );
      }),
    );
  });

  const written = () => {
    const dir = path.join(workspacePath, repoPath);
    return fs.existsSync(dir)
      ? (fs.readdirSync(dir, { recursive: true }) as string[])
          .filter(f => fs.statSync(path.join(dir, f)).isFile())
          .sort()
      : [];
  };
  const read = (file: string) =>
    fs.readFileSync(path.join(workspacePath, repoPath, file), 'utf8');

  it('records its documented example and writes the pipeline folder', async () => {
    const ctx = createMockActionContext({ input: exampleInput, workspacePath });
    await action.handler(ctx);

    // The backend gets exactly the common input, defaults filled in, once, with a retry key.
    expect(posts).toEqual([
      {
        url: `${apiUrl}/ai-platform/pipelines`,
        body: pipelineInputSchema.parse(exampleInput),
        idempotencyKey: expect.stringMatching(/^scaffolder-task:/),
      },
    ]);
    expect(ctx.output).toHaveBeenCalledWith('pipelineId', 'pl-1');
    expect(ctx.output).toHaveBeenCalledWith('repoPath', repoPath);
    expect(ctx.output).toHaveBeenCalledWith(
      'files',
      files.map(f => `${repoPath}/${f}`),
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/ranker-retrain',
    );
    expect(ctx.output).toHaveBeenCalledWith('nextRuns', NEXT_RUNS);

    expect(written()).toEqual([...files].sort());
    // The team's first namespace.
    expect(read('dag.py')).toContain('        namespace="recsys-train",\n');
    expect(yaml.parse(read('kustomization.yaml')).namespace).toBe(
      'recsys-train',
    );
    expect(
      yaml.parse(read('quality/ds_clickstream_events.yml'))[
        'checks for ds_clickstream_events'
      ],
    ).toContain('duplicate_count(event_id) = 0');
  });

  it('checks with the backend, shows the files and the next runs and records nothing in a dry run', async () => {
    const ctx = {
      ...createMockActionContext({ input: exampleInput, workspacePath }),
      isDryRun: true,
    };
    const info = jest.spyOn(ctx.logger, 'info');
    await action.handler(ctx);
    expect(posts.map(p => p.url)).toEqual([
      `${apiUrl}/ai-platform/pipelines?dryRun=true`,
    ]);
    expect(ctx.output).not.toHaveBeenCalledWith(
      'pipelineId',
      expect.anything(),
    );
    expect(ctx.output).toHaveBeenCalledWith('nextRuns', NEXT_RUNS);
    expect(written()).toEqual([...files].sort());
    for (const file of files) {
      expect(info).toHaveBeenCalledWith(
        expect.stringContaining(`Dry run: ${repoPath}/${file} would be\n`),
      );
    }
    expect(info).toHaveBeenCalledWith(
      `Dry run: the next runs (Europe/Berlin) would be ${NEXT_RUNS.join(', ')}`,
    );
  });

  it('writes an Argo CronWorkflow for the argo orchestrator', async () => {
    const ctx = createMockActionContext({
      input: { ...exampleInput, orchestrator: 'argo' },
      workspacePath,
    });
    await action.handler(ctx);
    expect(written()).toEqual(
      [
        'cronworkflow.yaml',
        'kustomization.yaml',
        'quality/ds_clickstream_events.yml',
        'quality/run_checks.py',
      ].sort(),
    );
    expect(yaml.parse(read('cronworkflow.yaml'))).toMatchObject({
      kind: 'CronWorkflow',
      metadata: { name: 'ranker-retrain', namespace: 'recsys-train' },
      spec: { schedule: '0 2 * * *', timezone: 'Europe/Berlin' },
    });
  });

  it('names the field of a bad input before calling anything', async () => {
    const ctx = createMockActionContext({
      input: { ...exampleInput, schedule: '0 25 * * *' },
      workspacePath,
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /^schedule: is not a valid cron expression/,
    );
    expect(posts).toEqual([]);
  });

  it.each([
    [
      'an input the catalog does not have',
      { 'resource/default/user-activity-features': undefined },
      'inputs.1: there is no dataset or feature view resource:default/user-activity-features in the catalog',
    ],
    [
      'an input that is neither a dataset nor a feature view',
      {
        'resource/default/user-activity-features': resource(
          'user-activity-features',
          { type: 'gpu-cluster' },
        ),
      },
      'inputs.1: there is no dataset or feature view resource:default/user-activity-features in the catalog (it is a gpu-cluster)',
    ],
    [
      'a dataset that does not say where it is stored',
      {
        'resource/default/clickstream-events': resource('clickstream-events', {
          type: 'dataset',
          format: 'parquet',
        }),
      },
      'inputs.0: resource:default/clickstream-events is not a valid dataset: spec.location: Required',
    ],
    [
      'rules on a dataset the data-quality gate cannot read',
      {
        'resource/default/clickstream-events': resource('clickstream-events', {
          type: 'dataset',
          format: 'webdataset',
          location: 's3://datalake/clickstream/shards/',
        }),
      },
      'inputs.0: the data-quality gate cannot read resource:default/clickstream-events: it is stored as "webdataset"',
    ],
  ])(
    'refuses %s, naming the input, before recording or writing anything',
    async (_, change, message) => {
      Object.assign(entities, change);
      const ctx = createMockActionContext({
        input: exampleInput,
        workspacePath,
      });
      const error = await action.handler(ctx).catch(e => e);
      expect([error.name, error.message]).toEqual([
        'InputError',
        expect.stringContaining(message),
      ]);
      expect(posts).toEqual([]);
      expect(written()).toEqual([]);
    },
  );

  it("runs in the team's own name as namespace when the team names none, saying so", async () => {
    entities['group/default/recsys'] = {
      ...recsys,
      metadata: { name: 'recsys', namespace: 'default' },
    };
    const ctx = createMockActionContext({ input: exampleInput, workspacePath });
    const warn = jest.spyOn(ctx.logger, 'warn');
    await action.handler(ctx);
    expect(read('dag.py')).toContain('        namespace="recsys",\n');
    expect(warn).toHaveBeenCalledWith(
      'group:default/recsys names no Kubernetes namespace (annotation ai-platform.io/namespaces); the pipeline runs in the namespace recsys.',
    );
    expect(warn).toHaveBeenCalledWith(
      'The data-quality gate does not check resource:default/user-activity-features: it is a feature view; the gate checks datasets.',
    );
  });

  it.each([
    [
      400,
      'InputError',
      'outputs.0: there is no resource:default/recsys-ranker',
    ],
    [
      403,
      'NotAllowedError',
      'teamRef: you are not a member of group:default/recsys',
    ],
    [
      409,
      'ConflictError',
      'name: a pipeline named ranker-retrain already exists',
    ],
  ])(
    "surfaces the backend's %s as a %s with its message, writing nothing",
    async (status, name, message) => {
      answer = { status, message };
      const ctx = createMockActionContext({
        input: exampleInput,
        workspacePath,
      });
      const error = await action.handler(ctx).catch(e => e);
      expect(error).toBeInstanceOf(Error);
      expect([error.name, error.message]).toEqual([name, message]);
      expect(written()).toEqual([]);
    },
  );

  it('commits the pipeline folder into the local GitOps repository', async () => {
    await action.handler(
      createMockActionContext({ input: exampleInput, workspacePath }),
    );
    const { files: committed } = await publishToNewGitopsRepo(workspacePath, {
      sourcePath: repoPath,
      commitMessage: 'Add pipeline ranker-retrain',
    });
    expect(committed).toEqual(files.map(f => `${repoPath}/${f}`).sort());
  });
});
