import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import git from 'isomorphic-git';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import yaml from 'yaml';
import { validateAiEntity } from '@ai-platform/plugin-ai-platform-common';
import { publishToNewGitopsRepo } from '../__testUtils__/gitops';
import {
  exampleInput as exampleOf,
  TEST_API_URL,
  testBackendClient,
} from '../__testUtils__/backend';
import { createWorkspaceAction } from './createWorkspace';
import { createWorkspaceExamples } from './createWorkspace.examples';

const baseUrl = `${TEST_API_URL}/ai-platform`;
const exampleInput = exampleOf(createWorkspaceExamples);
const images = [
  'quay.io/jupyter/pytorch-notebook:cuda12-2024-11-18',
  'nvcr.io/nvidia/pytorch:24.10-py3',
];
const imagesConfig = (list?: string[]) =>
  new ConfigReader({ aiPlatform: { workspace: { images: list } } });

describe('ai-platform:workspace:create and ai-platform:publish:local', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const action = createWorkspaceAction({
    client: testBackendClient(),
    config: imagesConfig(images),
  });
  let workspacePath: string;
  let calls: string[];
  let recordedImages: string[];

  beforeEach(() => {
    workspacePath = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-action-'));
    calls = [];
    recordedImages = [];
    server.use(
      http.post(`${baseUrl}/workspaces`, async ({ request }) => {
        calls.push(request.url);
        const dryRun = request.url.endsWith('dryRun=true');
        const body = (await request.json()) as { image: string };
        recordedImages.push(body.image);
        return HttpResponse.json(
          {
            decision: { teamQuotaGpus: 8, usedByOtherWorkspaces: 0 },
            ...(dryRun
              ? {}
              : {
                  workspace: { id: 'ws-1', ...body },
                }),
          },
          { status: dryRun ? 200 : 201 },
        );
      }),
    );
  });

  it('records its documented example and writes valid manifests and a catalog entity', async () => {
    const ctx = createMockActionContext({ input: exampleInput, workspacePath });
    await action.handler(ctx);
    expect(calls).toEqual([`${baseUrl}/workspaces`]);
    expect(ctx.output).toHaveBeenCalledWith('workspaceId', 'ws-1');
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'resource:default/ranker-dev',
    );

    const dir = path.join(workspacePath, 'workspaces/ranker-dev');
    const docs = yaml
      .parseAllDocuments(
        fs.readFileSync(path.join(dir, 'manifests.yaml'), 'utf8'),
      )
      .map(d => d.toJS());
    expect(docs.map(d => d.kind)).toContain('StatefulSet');
    expect(
      docs.find(d => d.kind === 'ClusterQueue').spec.resourceGroups[0]
        .flavors[0].resources[0].nominalQuota,
    ).toBe(8);
    const entity = yaml.parse(
      fs.readFileSync(path.join(dir, 'catalog-info.yaml'), 'utf8'),
    );
    expect(validateAiEntity(entity)).toEqual([]);
    // The Kubernetes plugin finds the workspace's objects in its namespace by their label.
    expect(entity.metadata.annotations).toEqual({
      'backstage.io/kubernetes-namespace': 'ranker-dev',
      'backstage.io/kubernetes-label-selector':
        'ai-platform.io/workspace=ranker-dev',
    });
    const statefulSet = docs.find(d => d.kind === 'StatefulSet');
    expect(statefulSet.metadata.namespace).toBe('ranker-dev');
    expect(statefulSet.spec.template.metadata.labels).toMatchObject({
      'ai-platform.io/workspace': 'ranker-dev',
    });
  });

  it('runs the first configured image when the form leaves the image empty', async () => {
    const ctx = createMockActionContext({
      input: { ...exampleInput, image: '' },
      workspacePath,
    });
    await action.handler(ctx);
    expect(recordedImages).toEqual([images[0]]);
  });

  it('refuses an image the platform does not offer, naming those it does', async () => {
    const ctx = createMockActionContext({
      input: { ...exampleInput, image: 'docker.io/library/python:3.12' },
      workspacePath,
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      `image: docker.io/library/python:3.12 is not one of the workspace images the platform allows: ${images.join(
        ', ',
      )}`,
    );
    expect(calls).toEqual([]);
  });

  it('takes any image reference, and needs one, without configured images', async () => {
    const unlisted = createWorkspaceAction({
      client: testBackendClient(),
      config: imagesConfig(),
    });
    await unlisted.handler(
      createMockActionContext({
        input: { ...exampleInput, image: 'docker.io/library/python:3.12' },
        workspacePath,
      }),
    );
    expect(recordedImages).toEqual(['docker.io/library/python:3.12']);
    await expect(
      unlisted.handler(
        createMockActionContext({
          input: { ...exampleInput, image: undefined },
          workspacePath,
        }),
      ),
    ).rejects.toThrow('image');
    expect(calls).toHaveLength(1);
  });

  it('checks with the ledger without recording in a dry run', async () => {
    const ctx = {
      ...createMockActionContext({ input: exampleInput, workspacePath }),
      isDryRun: true,
    };
    await action.handler(ctx);
    expect(calls).toEqual([`${baseUrl}/workspaces?dryRun=true`]);
    expect(ctx.output).not.toHaveBeenCalledWith(
      'workspaceId',
      expect.anything(),
    );
  });

  it('names the field of bad sizing before calling the backend', async () => {
    const ctx = createMockActionContext({
      input: { ...exampleInput, egressCidrs: ['example.com'] },
      workspacePath,
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      'egressCidrs.0: must be IPv4 CIDRs',
    );
    expect(calls).toEqual([]);
  });

  it('commits the rendered workspace into the local GitOps repository', async () => {
    await action.handler(
      createMockActionContext({ input: exampleInput, workspacePath }),
    );
    const { repoDir, ctx, files } = await publishToNewGitopsRepo(
      workspacePath,
      {
        sourcePath: 'workspaces/ranker-dev',
        commitMessage: 'Add workspace ranker-dev',
      },
    );
    const [commit] = await git.log({ fs, dir: repoDir });
    expect(commit.commit.message.trim()).toBe('Add workspace ranker-dev');
    expect(files).toEqual([
      'workspaces/ranker-dev/catalog-info.yaml',
      'workspaces/ranker-dev/manifests.yaml',
    ]);
    expect(ctx.output).toHaveBeenCalledWith('commitHash', commit.oid);
  });
});
