import { NotAllowedError } from '@backstage/errors';
import { Actor } from './RequestContext';

/**
 * The preamble of every create on a team's behalf: the actor must belong to the team, and a
 * retry with the same idempotency key gets the first result back instead of a second create.
 */
export async function beginTeamCreate<T>(
  teamRef: string,
  options: { actor: Actor; idempotencyKey?: string; dryRun?: boolean },
  findExisting: (idempotencyKey: string) => Promise<T | undefined>,
): Promise<T | undefined> {
  if (!options.actor.ownershipRefs.includes(teamRef)) {
    throw new NotAllowedError(`teamRef: you are not a member of ${teamRef}`);
  }
  if (!options.idempotencyKey || options.dryRun) {
    return undefined;
  }
  return findExisting(options.idempotencyKey);
}

/**
 * The end of a create that found its name taken (before its insert, or by it): a concurrent
 * retry of the same request (its idempotency key, stored meanwhile) gets that request's result,
 * anything else `conflict`.
 */
export async function retriedOrConflict<T>(
  options: { idempotencyKey?: string; dryRun?: boolean },
  findExisting: (idempotencyKey: string) => Promise<T | undefined>,
  conflict: () => Error,
): Promise<T> {
  const existing =
    options.idempotencyKey && !options.dryRun
      ? await findExisting(options.idempotencyKey)
      : undefined;
  if (existing) {
    return existing;
  }
  throw conflict();
}
