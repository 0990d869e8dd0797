import { Cron } from 'croner';

/**
 * The cron presets both Airflow (croniter) and Argo Workflows (robfig/cron) accept, and that
 * croner reads the same way.
 */
export const CRON_PRESETS = [
  '@hourly',
  '@daily',
  '@weekly',
  '@monthly',
  '@yearly',
] as const;

// Five fields of numbers, ranges, steps, lists and month or day names: what both orchestrators
// read alike. Seconds fields, `L`, `W`, `#` and `?` are refused, as robfig/cron does not take them.
const FIELD = /^[\w*,/-]+$/;
const FIELD_NAMES = ['minute', 'hour', 'day of month', 'month', 'day of week'];

/** Why a cron expression is refused, or undefined when both orchestrators accept it. */
export function cronProblem(
  expression: string,
  timezone = 'UTC',
): string | undefined {
  const parsed = parseCron(expression, timezone);
  return typeof parsed === 'string' ? parsed : undefined;
}

/** The schedule as croner reads it, or why it is refused. */
function parseCron(expression: string, timezone: string): Cron | string {
  const trimmed = expression.trim();
  if (!trimmed) {
    return 'must be a cron expression such as 0 2 * * * (02:00 every day)';
  }
  if (trimmed.startsWith('@')) {
    if (!(CRON_PRESETS as readonly string[]).includes(trimmed)) {
      return `must be one of the presets ${CRON_PRESETS.join(
        ', ',
      )} or five cron fields`;
    }
  } else {
    const fields = trimmed.split(/\s+/);
    if (fields.length !== 5) {
      return `must have five fields (minute hour day-of-month month day-of-week), not ${fields.length}`;
    }
    const bad = fields.findIndex(
      field =>
        !FIELD.test(field) || /[LW#?]/.test(field.replace(/[A-Z]{3}/gi, '')),
    );
    if (bad >= 0) {
      return `${FIELD_NAMES[bad]} field "${fields[bad]}" may only hold numbers, names, *, ranges (-), steps (/) and lists (,)`;
    }
  }
  try {
    return new Cron(trimmed, { paused: true, timezone });
  } catch (error) {
    return `is not a valid cron expression: ${(error as Error).message}`;
  }
}

/** Whether the name is an IANA time zone the runtime knows, such as Europe/Berlin. */
export function isTimeZone(name: string): boolean {
  try {
    return !!new Intl.DateTimeFormat('en-US', {
      timeZone: name,
    }).resolvedOptions().timeZone;
  } catch {
    return false;
  }
}

/**
 * The next `count` times a schedule fires after `from`, as ISO 8601 instants. Throws on an
 * expression `cronProblem` refuses.
 */
export function nextRuns(
  expression: string,
  options: { timezone?: string; count?: number; from?: Date } = {},
): string[] {
  const { timezone = 'UTC', count = 5, from } = options;
  const cron = parseCron(expression, timezone);
  if (typeof cron === 'string') {
    throw new TypeError(`schedule ${cron}`);
  }
  return cron.nextRuns(count, from).map(date => date.toISOString());
}
