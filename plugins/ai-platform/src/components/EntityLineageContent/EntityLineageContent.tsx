import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Fragment } from 'react';
import { LINEAGE_DEPTH, LineageNode } from './lineage';
import { LineageFigures, LineageNodeCard, NODE_WIDTH } from './LineageNodeCard';
import { useLineage } from './useLineage';
import { useDriftStatuses, useTeamMonthSpend } from './useLineageFigures';

/** A column holds this many nodes under each other before it wraps into another. */
const ROWS_PER_COLUMN = 8;

const steps = (n: number) => `${n} step${n === 1 ? '' : 's'}`;

function LineageColumn(props: {
  label: string;
  nodes: LineageNode[];
  figures: LineageFigures;
  current?: boolean;
}) {
  const { label, nodes, figures, current } = props;
  return (
    <Box sx={{ flexShrink: 0 }}>
      <Typography variant="overline" color="text.secondary" component="h3">
        {label}
        {current ? '' : ` · ${nodes.length}`}
      </Typography>
      <Box
        role="list"
        aria-label={label}
        sx={{
          display: 'grid',
          gridAutoFlow: 'column',
          gridTemplateRows: `repeat(${Math.min(
            nodes.length,
            ROWS_PER_COLUMN,
          )}, auto)`,
          gridAutoColumns: `${NODE_WIDTH}px`,
          gap: 1,
        }}
      >
        {nodes.map(node => (
          <LineageNodeCard
            key={node.ref}
            node={node}
            figures={figures}
            current={current}
          />
        ))}
      </Box>
    </Box>
  );
}

/**
 * Entity content for datasets, feature views, ML pipelines, AI models and model servers: what
 * the entity is built from (left) and what is built from it (right), with models' drift and
 * each owning team's spend this month.
 */
export function EntityLineageContent() {
  const { entity } = useEntity();
  const lineage = useLineage(entity);
  const drift = useDriftStatuses();
  const spend = useTeamMonthSpend();

  if (lineage.loading || drift.loading || spend.loading) return <Progress />;
  if (lineage.error) {
    return (
      <ResponseErrorPanel
        error={lineage.error}
        title="Could not load the lineage"
      />
    );
  }
  const { upstream, downstream, more } = lineage.value!;
  if (!upstream.length && !downstream.length) {
    return (
      <InfoCard title="Lineage">
        <Typography color="text.secondary">
          No upstream or downstream entities yet: lineage comes from the
          catalog's relations. A feature view, pipeline or model lists what it
          is built from in <code>spec.dependsOn</code>, a model server its
          model; a pipeline lists what it writes in <code>spec.outputs</code>.
        </Typography>
      </InfoCard>
    );
  }

  const figures: LineageFigures = { drift: drift.value, spend: spend.value };
  // Farthest upstream on the left, so everything reads left to right as data flows.
  const columns = [
    ...upstream
      .map((nodes, i) => ({ label: `${steps(i + 1)} upstream`, nodes }))
      .reverse(),
    {
      label: 'This entity',
      nodes: [{ ref: stringifyEntityRef(entity), entity }],
      current: true,
    },
    ...downstream.map((nodes, i) => ({
      label: `${steps(i + 1)} downstream`,
      nodes,
    })),
  ];
  const beyond = [more.upstream && 'upstream', more.downstream && 'downstream']
    .filter(Boolean)
    .join(' and ');
  return (
    <Stack spacing={2}>
      {drift.error && (
        <ResponseErrorPanel
          error={drift.error}
          title="Could not load the models' drift"
        />
      )}
      {spend.error && (
        <ResponseErrorPanel
          error={spend.error}
          title="Could not load the teams' spend"
        />
      )}
      <InfoCard
        title="Lineage"
        subheader={`Up to ${steps(
          LINEAGE_DEPTH,
        )} each way through datasets, feature views, pipelines, models and model servers`}
      >
        <Box sx={{ display: 'flex', gap: 2, overflowX: 'auto', pb: 1 }}>
          {columns.map((column, i) => (
            <Fragment key={column.label}>
              {i > 0 && (
                <ArrowForwardIcon
                  color="action"
                  sx={{ alignSelf: 'center', flexShrink: 0 }}
                />
              )}
              <LineageColumn {...column} figures={figures} />
            </Fragment>
          ))}
        </Box>
        {beyond && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            The lineage goes on beyond {steps(LINEAGE_DEPTH)} {beyond}: open an
            entity at the edge to follow it.
          </Typography>
        )}
      </InfoCard>
    </Stack>
  );
}
