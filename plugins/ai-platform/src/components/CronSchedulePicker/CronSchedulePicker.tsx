import {
  cronProblem,
  isTimeZone,
} from '@ai-platform/plugin-ai-platform-common';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { NextRuns } from '../shared/NextRuns';

const HINT =
  'Five fields: minute, hour, day of month, month, day of week; 0 2 * * * is 02:00 every day. Or @hourly, @daily, @weekly, @monthly, @yearly.';

/**
 * The time zone the form's `timezone` field names: UTC when it names none, and when it names
 * one unknown here, which that field's own validation refuses.
 */
function formTimezone(formData: unknown): { zone: string; unknown?: string } {
  const named = (formData as { timezone?: unknown } | undefined)?.timezone;
  if (typeof named !== 'string' || !named.trim()) return { zone: 'UTC' };
  return isTimeZone(named.trim())
    ? { zone: named.trim() }
    : { zone: 'UTC', unknown: named };
}

/**
 * A scaffolder field for a pipeline's cron schedule, showing the next five runs in the time zone
 * of the form's `timezone` field (UTC without one).
 */
export function CronSchedulePicker(
  props: FieldExtensionComponentProps<string>,
) {
  const {
    formData,
    onChange,
    schema,
    required,
    rawErrors,
    idSchema,
    disabled,
    readonly,
    formContext,
  } = props;
  // The scaffolder's stepper passes every step's answers so far as `formContext.formData`.
  const { zone, unknown } = formTimezone(formContext?.formData);
  const schedule = formData ?? '';
  const problem = schedule.trim() ? cronProblem(schedule, zone) : undefined;
  // Once the form has refused the value it lists the error itself; until then say it as one types.
  const formShowsErrors = Boolean(rawErrors?.length);
  return (
    <Box sx={{ my: 2 }}>
      <TextField
        id={idSchema?.$id}
        fullWidth
        label={schema.title ?? 'Schedule'}
        placeholder="0 2 * * *"
        value={schedule}
        required={required}
        disabled={disabled || readonly}
        error={formShowsErrors || Boolean(problem)}
        helperText={HINT}
        inputProps={{ spellCheck: false }}
        onChange={event => onChange(event.target.value || undefined)}
      />
      {problem && !formShowsErrors && (
        <Typography variant="body2" color="error" sx={{ mt: 1 }}>
          The schedule {problem}.
        </Typography>
      )}
      {schedule.trim() && !problem && (
        <Box sx={{ mt: 1 }}>
          <Typography variant="body2" color="text.secondary">
            Next runs in {zone}
            {unknown && ` (the time zone "${unknown}" is not one we know)`}:
          </Typography>
          <NextRuns schedule={schedule} timezone={zone} />
        </Box>
      )}
    </Box>
  );
}

/** Fails the form step with `cronProblem`'s message when neither orchestrator reads the schedule. */
export function validateCronSchedule(
  value: string | undefined,
  validation: { addError: (message: string) => void },
  context?: { formData?: Record<string, unknown> },
) {
  const problem = cronProblem(
    value ?? '',
    formTimezone(context?.formData).zone,
  );
  if (problem) validation.addError(problem);
}
