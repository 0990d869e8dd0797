import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  AIRFLOW_DAG_ID_ANNOTATION,
  PipelineRun,
  PipelineRuns,
} from '@ai-platform/plugin-ai-platform-common';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { pipelineApiRef } from '../../api/pipeline';
import { formatInZone } from '../shared/NextRuns';

const PAGE_SIZE = 10;

const STATE_COLOR: Record<
  string,
  'success' | 'error' | 'info' | 'warning' | 'default'
> = {
  success: 'success',
  failed: 'error',
  running: 'info',
  queued: 'default',
};

const capitalize = (text: string) =>
  text.charAt(0).toLocaleUpperCase('en-US') + text.slice(1);

/** Seconds for people, in the two largest units: "45 s", "12 min 5 s", "3 h 4 min", "2 d 1 h". */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const parts: [number, string][] = [
    [Math.floor(total / 86_400), 'd'],
    [Math.floor((total % 86_400) / 3600), 'h'],
    [Math.floor((total % 3600) / 60), 'min'],
    [total % 60, 's'],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  if (first < 0) return '0 s';
  return parts
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n} ${unit}`)
    .join(' ');
}

function duration(run: PipelineRun): string {
  if (run.durationSeconds === undefined) return '–';
  const text = formatDuration(run.durationSeconds);
  return run.state === 'running' ? `running for ${text}` : text;
}

function RunsTable(props: {
  value: PipelineRuns;
  page: number;
  onPage: (page: number) => void;
  timezone: string;
}) {
  const { value, page, onPage, timezone } = props;
  if (value.runs.length === 0) {
    return <Typography color="text.secondary">No runs yet.</Typography>;
  }
  return (
    <>
      <Table size="small" aria-label="Runs">
        <TableHead>
          <TableRow>
            <TableCell>Run</TableCell>
            <TableCell>State</TableCell>
            <TableCell>Type</TableCell>
            <TableCell>Start ({timezone})</TableCell>
            <TableCell>Duration</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.runs.map(run => (
            <TableRow key={run.runId}>
              <TableCell sx={{ wordBreak: 'break-all' }}>{run.runId}</TableCell>
              <TableCell>
                <Chip
                  size="small"
                  label={capitalize(run.state)}
                  color={STATE_COLOR[run.state] ?? 'default'}
                />
              </TableCell>
              <TableCell>
                {run.runType ? capitalize(run.runType.replace(/_/g, ' ')) : '–'}
              </TableCell>
              <TableCell>
                {run.startDate
                  ? formatInZone(run.startDate, timezone)
                  : 'not started'}
              </TableCell>
              <TableCell>{duration(run)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <TablePagination
        component="div"
        count={value.totalEntries}
        page={page}
        rowsPerPage={PAGE_SIZE}
        rowsPerPageOptions={[]}
        onPageChange={(_, next) => onPage(next)}
      />
    </>
  );
}

/** A pipeline's recent Airflow runs, page by page, and why they are missing or old. */
export function AirflowRuns(props: { dagId: string; timezone: string }) {
  const { dagId, timezone } = props;
  const api = useApi(pipelineApiRef);
  const [page, setPage] = useState(0);
  // useAsync keeps the last page while the next one loads, so the table does not jump.
  const { loading, error, value } = useAsync(
    () => api.getRuns(dagId, { limit: PAGE_SIZE, offset: page * PAGE_SIZE }),
    [api, dagId, page],
  );
  if (error) {
    return (
      <ResponseErrorPanel
        error={error}
        title="Could not load the pipeline's runs"
      />
    );
  }
  if (!value) return <Progress />;

  const airflowError = `Airflow could not be reached${
    value.error ? `: ${value.error}` : ''
  }.`;
  let body;
  switch (value.status) {
    case 'not-configured':
      body = (
        <Alert severity="info">
          No Airflow API is configured for the portal, so the runs of this
          pipeline cannot be shown. An administrator sets it as{' '}
          <code>aiPlatform.airflow.baseUrl</code> in the app config.
        </Alert>
      );
      break;
    case 'unreachable':
      body = (
        <Alert severity="error">
          {airflowError} No runs of this DAG have been read yet.
        </Alert>
      );
      break;
    case 'not-found':
      body = (
        <Alert severity="info">
          Airflow has no DAG <code>{dagId}</code> yet: it appears once the
          pipeline is deployed and Airflow has read its file. If the DAG has
          another id, set it in the <code>{AIRFLOW_DAG_ID_ANNOTATION}</code>{' '}
          annotation.
        </Alert>
      );
      break;
    case 'stale':
      body = (
        <>
          <Alert severity="warning" sx={{ mb: 1 }}>
            {airflowError} Runs as of{' '}
            {value.fetchedAt
              ? formatInZone(value.fetchedAt, timezone)
              : 'the last read'}
            .
          </Alert>
          <RunsTable
            value={value}
            page={page}
            onPage={setPage}
            timezone={timezone}
          />
        </>
      );
      break;
    default:
      body = (
        <RunsTable
          value={value}
          page={page}
          onPage={setPage}
          timezone={timezone}
        />
      );
  }
  return (
    <>
      <Box
        sx={{
          display: 'flex',
          alignItems: 'baseline',
          justifyContent: 'space-between',
          mb: 1,
        }}
      >
        <Typography variant="subtitle2">
          Recent runs of DAG <code>{dagId}</code>
        </Typography>
        {value.url && <Link to={value.url}>Open in Airflow</Link>}
      </Box>
      {loading && <Progress />}
      {body}
    </>
  );
}
