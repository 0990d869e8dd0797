import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  AiPlatformAnnotations,
  EnergyContributor,
  EnergyFigures,
} from '@ai-platform/plugin-ai-platform-common';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { SparkLineChart } from '@mui/x-charts/SparkLineChart';
import useAsync from 'react-use/esm/useAsync';
import { spendApiRef } from '../../api/spend';
import { CardFallback } from '../shared/CardFallback';
import {
  approx,
  EstimatedMark,
  formatCarbon,
  formatKwh,
  formatWater,
} from '../shared/energy';
import { rangeOf } from '../shared/spend';

const TITLE = 'Training energy';

/** Entity card for `ai-model` Resources: the energy, CO₂e and water its pipelines used. */
export function TrainingEnergyCard() {
  const { entity } = useEntity();
  const api = useApi(spendApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { loading, error, value } = useAsync(() => {
    // By whole months, as the backend sums them: the last eleven and this one so far.
    const { from, to } = rangeOf('12m');
    return api.getEntityEnergy({ entityRef, from, to });
  }, [api, entityRef]);

  if (loading || error) {
    return (
      <CardFallback
        title={TITLE}
        error={error}
        errorTitle="Could not load the model's training energy"
      />
    );
  }
  const { energy, byMonth, contributors, from, to } = value!;
  return (
    <InfoCard title={TITLE} subheader={`${from} to ${to}`}>
      {energy ? (
        <>
          <Figures energy={energy} />
          {byMonth.length > 1 && (
            <Box
              sx={{ height: 48, mt: 1 }}
              aria-label="Training energy per month, kWh"
            >
              <SparkLineChart
                data={byMonth.map(m => m.energyKwh)}
                xAxis={{ data: byMonth.map(m => m.month), scaleType: 'band' }}
                valueFormatter={v => formatKwh(v ?? 0)}
                height={48}
                area
                showTooltip
                curve="linear"
              />
            </Box>
          )}
        </>
      ) : (
        <Typography color="text.secondary" data-testid="no-training-energy">
          No training energy recorded: none of this model's pipelines ran in a
          namespace with GPU power or utilization data.
          {!contributors.length && (
            <>
              {' '}
              A pipeline's GPU usage is found through its namespaces: set the{' '}
              <code>{AiPlatformAnnotations.namespaces}</code> annotation on the
              pipelines that produce this model.
            </>
          )}
        </Typography>
      )}
      {contributors.length > 0 && <Contributors contributors={contributors} />}
    </InfoCard>
  );
}

function Figures(props: { energy: EnergyFigures }) {
  const { energy } = props;
  const about = approx(energy);
  return (
    <Box data-testid="training-energy">
      <Typography variant="h5">
        {about}
        {formatKwh(energy.energyKwh)}
        <EstimatedMark figures={energy} />
      </Typography>
      <Typography variant="body2" color="text.secondary">
        drawn by the GPUs
      </Typography>
      <Typography variant="body2" sx={{ mt: 1 }}>
        {about}
        {formatKwh(energy.facilityEnergyKwh)} with facility overhead · {about}
        {formatCarbon(energy.carbonKg)} CO₂e
        {energy.waterLitres > 0 &&
          ` · ${about}${formatWater(energy.waterLitres)} of water`}
      </Typography>
    </Box>
  );
}

/** The pipelines (and the model itself) whose namespaces the energy was read from. */
function Contributors(props: { contributors: EnergyContributor[] }) {
  return (
    <Box sx={{ mt: 2 }} data-testid="energy-contributors">
      <Typography variant="subtitle2">Measured through</Typography>
      <Box component="ul" sx={{ m: 0, pl: 2 }}>
        {props.contributors.map(c => (
          <li key={c.entityRef}>
            <EntityRefLink
              entityRef={c.entityRef}
              title={c.title}
              defaultKind="component"
            />{' '}
            <Typography component="span" variant="body2" color="text.secondary">
              {namespacesText(c.namespaces)}
            </Typography>
          </li>
        ))}
      </Box>
    </Box>
  );
}

function namespacesText(namespaces: string[]): string {
  if (!namespaces.length) return 'no namespace';
  return `${
    namespaces.length > 1 ? 'namespaces' : 'namespace'
  } ${namespaces.join(', ')}`;
}
