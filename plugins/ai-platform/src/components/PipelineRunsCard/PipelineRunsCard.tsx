import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  AIRFLOW_DAG_ID_ANNOTATION,
  cronProblem,
  isTimeZone,
} from '@ai-platform/plugin-ai-platform-common';
import Alert from '@mui/material/Alert';
import Divider from '@mui/material/Divider';
import Typography from '@mui/material/Typography';
import { NextRuns } from '../shared/NextRuns';
import { AirflowRuns } from './AirflowRuns';

const ORCHESTRATORS: Record<string, string> = {
  airflow: 'Airflow',
  argo: 'Argo Workflows',
};

const text = (value: unknown) =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;

function Schedule(props: { schedule?: string; timezone: string }) {
  const { schedule, timezone } = props;
  if (!schedule) {
    return (
      <Typography color="text.secondary">
        No schedule in <code>spec.schedule</code>: the pipeline runs only when
        triggered.
      </Typography>
    );
  }
  const problem = isTimeZone(timezone)
    ? cronProblem(schedule, timezone)
    : `cannot be read in the time zone "${timezone}", which is not an IANA time zone such as Europe/Berlin`;
  return (
    <>
      <Typography>
        Schedule <code>{schedule}</code> in {timezone}
      </Typography>
      {problem ? (
        <Alert severity="warning" sx={{ mt: 1 }}>
          The schedule {problem}, so its next runs are unknown.
        </Alert>
      ) : (
        <>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            Next runs
          </Typography>
          <NextRuns schedule={schedule} timezone={timezone} />
        </>
      )}
    </>
  );
}

/**
 * Entity content for `ml-pipeline` Components: the orchestrator, the schedule with its next
 * runs and, for Airflow pipelines, the DAG's recent runs.
 */
export function PipelineRunsCard() {
  const { entity } = useEntity();
  const orchestrator = text(entity.spec?.orchestrator);
  const schedule = text(entity.spec?.schedule);
  const timezone = text(entity.spec?.timezone) ?? 'UTC';
  // Airflow is the suite's default orchestrator, so a pipeline that names none runs there.
  const onAirflow = !orchestrator || orchestrator === 'airflow';
  const dagId =
    text(entity.metadata.annotations?.[AIRFLOW_DAG_ID_ANNOTATION]) ??
    entity.metadata.name;
  const orchestratorLabel = orchestrator
    ? ORCHESTRATORS[orchestrator] ?? orchestrator
    : 'Airflow (no spec.orchestrator)';
  return (
    <InfoCard title="Pipeline runs" subheader={`Runs on ${orchestratorLabel}`}>
      <Schedule schedule={schedule} timezone={timezone} />
      <Divider sx={{ my: 2 }} />
      {onAirflow ? (
        <AirflowRuns
          dagId={dagId}
          // Run times read in the schedule's zone; an unknown one is flagged above.
          timezone={isTimeZone(timezone) ? timezone : 'UTC'}
        />
      ) : (
        <Typography color="text.secondary">
          Run history is read from Airflow only, so the runs of this{' '}
          {orchestratorLabel} pipeline are not shown here.
        </Typography>
      )}
    </InfoCard>
  );
}
