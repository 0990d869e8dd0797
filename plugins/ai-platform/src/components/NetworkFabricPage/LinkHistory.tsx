import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { FABRIC_COUNTERS } from '@ai-platform/plugin-ai-platform-common';
import Box from '@mui/material/Box';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { LineChart } from '@mui/x-charts/LineChart';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { fabricApiRef } from '../../api/fabric';
import { counterLabel, percent, perSecond } from './health';

const WINDOWS = { 6: '6 h', 24: '24 h', 168: '7 d' } as const;
type Window = keyof typeof WINDOWS;

const timeLabel = (hours: Window) => (d: Date) =>
  hours > 24
    ? d.toLocaleDateString('en-US', { month: 'short', day: 'numeric' })
    : d.toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit' });

/** A link's error counters and utilization over a window, from its recorded points. */
export function LinkHistory(props: { linkId: string }) {
  const api = useApi(fabricApiRef);
  const [hours, setHours] = useState<Window>(24);
  const { loading, error, value } = useAsync(
    () => api.getLinkHistory(props.linkId, hours),
    [api, props.linkId, hours],
  );

  let content;
  if (loading) content = <Progress />;
  else if (error) {
    content = (
      <ResponseErrorPanel
        error={error}
        title="Could not load the link's history"
      />
    );
  } else if (!value!.length) {
    content = (
      <Typography variant="body2" color="text.secondary">
        No readings recorded for this link in the last {WINDOWS[hours]}.
      </Typography>
    );
  } else {
    const points = value!;
    const times = points.map(p => new Date(p.at));
    const xAxis = [
      {
        data: times,
        scaleType: 'time' as const,
        valueFormatter: timeLabel(hours),
      },
    ];
    const counters = FABRIC_COUNTERS.filter(c =>
      points.some(p => (p.rates[c] ?? 0) > 0),
    );
    const unhealthy = points.filter(
      p => p.health === 'degraded' || p.health === 'down',
    ).length;
    const measured = points.some(p => p.utilization !== undefined);
    content = (
      <>
        <Typography variant="body2">
          Degraded or down in {unhealthy} of {points.length} readings.
        </Typography>
        {counters.length ? (
          <LineChart
            height={200}
            xAxis={xAxis}
            yAxis={[{ valueFormatter: (v: number) => perSecond(v), width: 56 }]}
            series={counters.map(c => ({
              label: counterLabel(c),
              data: points.map(p => p.rates[c] ?? 0),
              showMark: false,
              valueFormatter: (v: number | null) => perSecond(v ?? 0),
            }))}
          />
        ) : (
          <Typography variant="body2" color="text.secondary">
            No errors counted in this window.
          </Typography>
        )}
        {measured && (
          <LineChart
            height={160}
            xAxis={xAxis}
            yAxis={[
              {
                min: 0,
                max: 1,
                valueFormatter: (v: number) => percent.format(v),
                width: 48,
              },
            ]}
            series={[
              {
                label: 'Utilization',
                data: points.map(p => p.utilization ?? null),
                showMark: false,
                area: true,
                valueFormatter: (v: number | null) =>
                  v === null ? 'not measured' : percent.format(v),
              },
            ]}
          />
        )}
      </>
    );
  }

  return (
    <Box data-testid="link-history">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
        <Typography variant="subtitle2" sx={{ flex: 1 }}>
          Counters over time
        </Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={hours}
          onChange={(_, v) => v && setHours(v)}
          aria-label="History window"
        >
          {Object.entries(WINDOWS).map(([h, label]) => (
            <ToggleButton key={h} value={Number(h)}>
              {label}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </Box>
      {content}
    </Box>
  );
}
