import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import git from 'isomorphic-git';
import { createPublishLocalAction } from '../actions/publishLocal';

/**
 * Runs `ai-platform:publish:local` on a folder of the template workspace, into a new local GitOps
 * repository: the repository's folder, the step's context and the files the repository holds.
 */
export async function publishToNewGitopsRepo(
  workspacePath: string,
  input: { sourcePath: string; commitMessage: string },
) {
  const repoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-'));
  const publish = createPublishLocalAction({
    config: new ConfigReader({ aiPlatform: { gitops: { localDir: repoDir } } }),
  });
  const ctx = createMockActionContext({ input, workspacePath });
  await publish.handler(ctx);
  const files = (await git.listFiles({ fs, dir: repoDir })).sort();
  return { repoDir, ctx, files };
}
