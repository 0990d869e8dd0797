import { isError } from '@backstage/errors';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';

// The errors that say what the user must change (a field, a name taken, a team not theirs).
const REFUSALS = new Set([
  'InputError',
  'ConflictError',
  'NotAllowedError',
  'NotFoundError',
]);

/**
 * The action, its refusals logged as one line: the scaffolder writes a failed step's stack into
 * the task log, and a stack trace under "qualityChecks.0.column: …" only buries the answer.
 * Other errors keep their stack, for whoever debugs them.
 */
export function withPlainRefusals<A extends TemplateAction<any, any, any>>(
  action: A,
): A {
  return {
    ...action,
    async handler(ctx: Parameters<A['handler']>[0]) {
      try {
        await action.handler(ctx);
      } catch (error) {
        if (isError(error) && REFUSALS.has(error.name)) {
          error.stack = `${error.name}: ${error.message}`;
        }
        throw error;
      }
    },
  };
}
