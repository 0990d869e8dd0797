import { nextRuns } from '@ai-platform/plugin-ai-platform-common';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';

/** An instant as the clocks of `timeZone` show it, e.g. "Mon, Nov 30, 2026, 02:00". */
export function formatInZone(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleString('en-US', {
    timeZone,
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

/**
 * The next five times a schedule fires, in its time zone. The schedule and zone must be ones
 * `cronProblem` and `isTimeZone` accept.
 */
export function NextRuns(props: { schedule: string; timezone: string }) {
  const { schedule, timezone } = props;
  const runs = useMemo(
    () => nextRuns(schedule, { timezone, count: 5 }),
    [schedule, timezone],
  );
  return (
    <Box
      component="ol"
      aria-label={`Next runs in ${timezone}`}
      sx={{ my: 0.5, pl: 3 }}
    >
      {runs.map(run => (
        <Typography component="li" variant="body2" key={run}>
          {formatInZone(run, timezone)}
        </Typography>
      ))}
    </Box>
  );
}
