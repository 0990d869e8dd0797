import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Config } from '@backstage/config';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import git from 'isomorphic-git';

/** The local GitOps repository's folder, from `aiPlatform.gitops.localDir`. */
export function localGitopsDir(config: Config): string {
  return (
    config.getOptionalString('aiPlatform.gitops.localDir') ??
    path.join(os.tmpdir(), 'ai-platform-gitops')
  );
}

/**
 * Commits a folder of the template workspace into a local git repository. This is the
 * GitOps repository of the embedded default, so golden paths complete with no Git host and no
 * credentials; with a Git host configured, templates use the standard publish actions instead.
 */
export function createPublishLocalAction(options: { config: Config }) {
  const repoDir = localGitopsDir(options.config);
  return createTemplateAction({
    id: 'ai-platform:publish:local',
    description:
      'Commits files of the template workspace to the local GitOps repository',
    schema: {
      input: {
        sourcePath: z =>
          z.string().describe('Folder in the template workspace to publish'),
        targetPath: z =>
          z
            .string()
            .optional()
            .describe('Folder in the repository; sourcePath by default'),
        commitMessage: z => z.string().describe('Commit message'),
      },
      output: {
        repoPath: z => z.string().describe('Folder of the local repository'),
        commitHash: z => z.string().describe('The commit that holds the files'),
      },
    },
    async handler(ctx) {
      const source = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.sourcePath,
      );
      const targetPath = ctx.input.targetPath ?? ctx.input.sourcePath;
      const target = resolveSafeChildPath(repoDir, targetPath);
      if (!fs.existsSync(path.join(repoDir, '.git'))) {
        await fs.promises.mkdir(repoDir, { recursive: true });
        await git.init({ fs, dir: repoDir, defaultBranch: 'main' });
      }
      const commitHash = await ctx.checkpoint({
        key: `ai-platform-publish-local-${ctx.task.id}-${targetPath}`,
        fn: async () => {
          await fs.promises.mkdir(target, { recursive: true });
          await fs.promises.cp(source, target, { recursive: true });
          await git.add({
            fs,
            dir: repoDir,
            filepath: path.relative(repoDir, target),
          });
          const profile = ctx.user?.entity?.spec?.profile as
            | { displayName?: string; email?: string }
            | undefined;
          return git.commit({
            fs,
            dir: repoDir,
            message: ctx.input.commitMessage,
            author: {
              name: profile?.displayName ?? ctx.user?.ref ?? 'AI Platform',
              email: profile?.email ?? 'ai-platform@localhost',
            },
          });
        },
      });
      ctx.logger.info(`Committed ${targetPath} to ${repoDir} as ${commitHash}`);
      ctx.output('repoPath', repoDir);
      ctx.output('commitHash', commitHash);
    },
  });
}
