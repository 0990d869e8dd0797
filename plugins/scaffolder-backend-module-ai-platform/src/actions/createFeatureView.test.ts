import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import yaml from 'yaml';
import { featureViewInputSchema } from '@ai-platform/plugin-ai-platform-common';
import { publishToNewGitopsRepo } from '../__testUtils__/gitops';
import {
  errorAnswer,
  exampleInput as exampleOf,
  TEST_API_URL as apiUrl,
  testBackendClient,
} from '../__testUtils__/backend';
import { createFeatureViewAction } from './createFeatureView';
import { createFeatureViewExamples } from './createFeatureView.examples';

const exampleInput = exampleOf(createFeatureViewExamples);
const repoPath = 'feature-repos/recsys/user_engagement';

const clickstream = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'clickstream-events', namespace: 'default' },
  spec: {
    type: 'dataset',
    owner: 'group:default/recsys',
    format: 'parquet',
    location: 's3://datalake/clickstream/events/',
  },
};

describe('ai-platform:feature-view:create', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const action = createFeatureViewAction({ client: testBackendClient() });
  let workspacePath: string;
  let posts: { url: string; body: unknown; idempotencyKey: string | null }[];
  let dataset: object | undefined;
  let answer: { status: number; message?: string } | undefined;

  beforeEach(() => {
    workspacePath = fs.mkdtempSync(path.join(os.tmpdir(), 'fv-action-'));
    posts = [];
    dataset = clickstream;
    answer = undefined;
    server.use(
      http.get(
        `${apiUrl}/catalog/entities/by-name/resource/default/clickstream-events`,
        () =>
          dataset
            ? HttpResponse.json(dataset)
            : HttpResponse.json(
                { error: { name: 'NotFoundError' } },
                { status: 404 },
              ),
      ),
      http.post(`${apiUrl}/ai-platform/feature-views`, async ({ request }) => {
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
          dryRun ? {} : { featureView: { id: 'fv-1', ...(body as object) } },
          { status: dryRun ? 200 : 201 },
        );
      }),
    );
  });

  const written = () =>
    fs.existsSync(path.join(workspacePath, repoPath))
      ? fs.readdirSync(path.join(workspacePath, repoPath)).sort()
      : [];

  it('records its documented example and writes its Feast feature repository', async () => {
    const ctx = createMockActionContext({ input: exampleInput, workspacePath });
    await action.handler(ctx);

    // The backend gets exactly the common input, defaults filled in, once, with a retry key.
    expect(posts).toEqual([
      {
        url: `${apiUrl}/ai-platform/feature-views`,
        body: featureViewInputSchema.parse(exampleInput),
        idempotencyKey: expect.stringMatching(/^scaffolder-task:/),
      },
    ]);
    expect(ctx.output).toHaveBeenCalledWith('featureViewId', 'fv-1');
    expect(ctx.output).toHaveBeenCalledWith('repoPath', repoPath);
    expect(ctx.output).toHaveBeenCalledWith('files', [
      `${repoPath}/feature_store.yaml`,
      `${repoPath}/user_engagement.py`,
    ]);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'resource:default/user_engagement',
    );

    expect(written()).toEqual(['feature_store.yaml', 'user_engagement.py']);
    const config = yaml.parse(
      fs.readFileSync(
        path.join(workspacePath, repoPath, 'feature_store.yaml'),
        'utf8',
      ),
    );
    expect(config).toMatchObject({ project: 'recsys', provider: 'local' });
    const definitions = fs.readFileSync(
      path.join(workspacePath, repoPath, 'user_engagement.py'),
      'utf8',
    );
    expect(definitions).toContain(
      '    path="s3://datalake/clickstream/events/",',
    );
    expect(definitions).toContain(
      '        Field(name="recent_categories", dtype=Array(String)),',
    );
    expect(definitions).toContain(
      '    tags={"domain": "ranking", "ai-platform.io/entity-ref": "resource:default/user_engagement"},',
    );
  });

  it('checks with the backend, shows the files and records nothing in a dry run', async () => {
    const ctx = {
      ...createMockActionContext({ input: exampleInput, workspacePath }),
      isDryRun: true,
    };
    const info = jest.spyOn(ctx.logger, 'info');
    await action.handler(ctx);
    expect(posts.map(p => p.url)).toEqual([
      `${apiUrl}/ai-platform/feature-views?dryRun=true`,
    ]);
    expect(ctx.output).not.toHaveBeenCalledWith(
      'featureViewId',
      expect.anything(),
    );
    expect(written()).toEqual(['feature_store.yaml', 'user_engagement.py']);
    expect(info).toHaveBeenCalledWith(
      expect.stringContaining(
        `Dry run: ${repoPath}/user_engagement.py would be\n`,
      ),
    );
  });

  it('names the field of a bad input before calling anything', async () => {
    const ctx = createMockActionContext({
      input: {
        ...exampleInput,
        features: [{ name: 'views_7d', dtype: 'Int128' }],
      },
      workspacePath,
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /^features\.0\.dtype: must be a Feast value type/,
    );
    expect(posts).toEqual([]);
  });

  it('refuses a dataset the catalog does not have', async () => {
    dataset = undefined;
    const ctx = createMockActionContext({ input: exampleInput, workspacePath });
    await expect(action.handler(ctx)).rejects.toThrow(
      'datasetRef: there is no dataset resource:default/clickstream-events in the catalog',
    );
    expect(posts).toEqual([]);
  });

  it('refuses, naming datasetRef, a dataset no Feast source reads, before recording', async () => {
    dataset = {
      ...clickstream,
      spec: { ...clickstream.spec, format: 'delta' },
    };
    const ctx = createMockActionContext({ input: exampleInput, workspacePath });
    await expect(action.handler(ctx)).rejects.toThrow(
      /^datasetRef: resource:default\/clickstream-events is stored as "delta"/,
    );
    expect(posts).toEqual([]);
    expect(written()).toEqual([]);
  });

  it('refuses a dataset that does not say where it is stored', async () => {
    dataset = { ...clickstream, spec: { type: 'dataset', format: 'parquet' } };
    const ctx = createMockActionContext({ input: exampleInput, workspacePath });
    await expect(action.handler(ctx)).rejects.toThrow(
      'datasetRef: resource:default/clickstream-events does not say where it is stored: spec.location: Required',
    );
  });

  it.each([
    [400, 'InputError', 'datasetRef: there is no dataset in the catalog'],
    [
      403,
      'NotAllowedError',
      'teamRef: you are not a member of group:default/recsys',
    ],
    [
      409,
      'ConflictError',
      'name: a feature view named user_engagement already exists',
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

  it('commits the feature repository into the local GitOps repository', async () => {
    await action.handler(
      createMockActionContext({ input: exampleInput, workspacePath }),
    );
    const { files } = await publishToNewGitopsRepo(workspacePath, {
      sourcePath: repoPath,
      commitMessage: 'Add feature view user_engagement',
    });
    expect(files).toEqual([
      `${repoPath}/feature_store.yaml`,
      `${repoPath}/user_engagement.py`,
    ]);
  });
});
