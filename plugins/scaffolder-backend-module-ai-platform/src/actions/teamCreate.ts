import fs from 'node:fs/promises';
import path from 'node:path';
import {
  BackstageCredentials,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { describeZodIssues } from '@ai-platform/plugin-ai-platform-common';
import { z } from 'zod/v3';
import { CallOptions } from '../client/AiPlatformBackendClient';

/** What a checkpoint may hold: a JSON value (`@backstage/types`' JsonValue). */
type CheckpointValue = Exclude<
  Awaited<
    ReturnType<Parameters<ActionContext<any, any>['checkpoint']>[0]['fn']>
  >,
  void
>;

/** The action's input as the common schema reads it, or an InputError naming each bad field. */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  input: unknown,
): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new InputError(describeZodIssues(parsed.error));
  }
  return parsed.data;
}

/**
 * Runs a create route of the backend for the step: a scaffolder dry run asks the backend's
 * checks (`?dryRun=true`) and records nothing, answering undefined. A real run records once: a
 * retried task gets the result of its first run by checkpoint (`ai-platform-<what>-create-<task>`)
 * or, when the first run did not get to store it, by the task's Idempotency-Key, where a dry run
 * would be refused because the name is taken by then.
 */
export async function createOnce<R, T extends CheckpointValue>(
  ctx: ActionContext<any, any>,
  options: {
    what: string;
    credentials: BackstageCredentials;
    create: (call: CallOptions) => Promise<R>;
    /** What the step keeps of the recorded result. */
    keep: (result: R) => T;
  },
): Promise<T | undefined> {
  const call = (dryRun: boolean): CallOptions => ({
    credentials: options.credentials,
    idempotencyKey: `scaffolder-task:${ctx.task.id}`,
    dryRun,
  });
  if (ctx.isDryRun) {
    await options.create(call(true));
    return undefined;
  }
  return ctx.checkpoint({
    key: `ai-platform-${options.what}-create-${ctx.task.id}`,
    fn: async () => options.keep(await options.create(call(false))),
  });
}

/**
 * Writes a team's files (paths may name subfolders) under `<root>/<team>/<name>` of the template
 * workspace, for a publish step, and shows each in a dry run. Returns that folder.
 */
export async function writeTeamFiles(
  ctx: ActionContext<any, any>,
  options: {
    root: string;
    teamRef: string;
    name: string;
    files: { path: string; content: string }[];
  },
): Promise<string> {
  const team = parseEntityRef(options.teamRef).name;
  const repoPath = path.posix.join(options.root, team, options.name);
  for (const file of options.files) {
    const target = resolveSafeChildPath(
      ctx.workspacePath,
      path.posix.join(repoPath, file.path),
    );
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, file.content);
    if (ctx.isDryRun) {
      ctx.logger.info(
        `Dry run: ${repoPath}/${file.path} would be\n${file.content}`,
      );
    }
  }
  return repoPath;
}
