import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ModelDriftDetail } from '@ai-platform/plugin-ai-platform-common';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { SparkLineChart } from '@mui/x-charts/SparkLineChart';
import useAsync from 'react-use/esm/useAsync';
import { driftApiRef } from '../../api/drift';
import { CardFallback } from '../shared/CardFallback';
import {
  DriftStatusChip,
  formatDate,
  formatNumber,
  methodLabel,
  thresholdRule,
} from '../shared/drift';

type FeatureRow = ModelDriftDetail['features'][number];

const columns: TableColumn<FeatureRow>[] = [
  { title: 'Feature', field: 'feature', highlight: true },
  // Method with its threshold, and statistic with its p-value, share a column each, so the
  // card fits the entity page's content column with status and trend in view.
  {
    title: 'Method · threshold',
    render: f => (
      <>
        {methodLabel(f.method)}
        <Typography variant="body2" color="text.secondary">
          {thresholdRule(f.method, f.threshold)}
        </Typography>
      </>
    ),
  },
  {
    title: 'Statistic · p-value',
    render: f => (
      <>
        {formatNumber(f.statistic)}
        {f.pValue !== undefined && (
          <Typography variant="body2" color="text.secondary">
            p = {formatNumber(f.pValue)}
          </Typography>
        )}
      </>
    ),
  },
  { title: 'Status', render: f => <DriftStatusChip status={f.status} /> },
  {
    title: 'Trend',
    render: f => (
      <Box
        sx={{ width: 80, height: 32 }}
        aria-label={`${f.feature} statistic over time`}
      >
        <SparkLineChart
          data={f.history.map(h => h.statistic)}
          height={32}
          width={80}
          curve="linear"
        />
      </Box>
    ),
  },
];

/** Entity card for `ai-model` resources: the model's drift status and each feature's result. */
export function ModelDriftCard() {
  const { entity } = useEntity();
  const api = useApi(driftApiRef);
  const modelRef = stringifyEntityRef(entity);
  const { loading, error, value } = useAsync(
    () => api.getModelDrift(modelRef),
    [api, modelRef],
  );
  if (loading || error) {
    return (
      <CardFallback
        title="Drift"
        error={error}
        errorTitle="Could not load the model's drift"
      />
    );
  }
  if (!value) {
    return (
      <InfoCard title="Drift">
        <DriftStatusChip status="no-data" />
        <Typography sx={{ mt: 1 }} color="text.secondary">
          No current window has been evaluated for this model yet. Push a
          reference and current windows to{' '}
          <code>POST /api/ai-platform/drift/windows</code>.
        </Typography>
      </InfoCard>
    );
  }
  const drifted = value.features.filter(f => f.status === 'drifted').length;
  return (
    <Table<FeatureRow>
      title={
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          Drift <DriftStatusChip status={value.status} />
          <Typography variant="body2" color="text.secondary">
            since {formatDate(value.since)}
          </Typography>
        </Box>
      }
      subtitle={`${drifted} of ${
        value.featureCount
      } features drifted · evaluated ${formatDate(value.evaluatedAt)}`}
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={value.features}
      emptyContent={
        <Typography sx={{ p: 2 }} color="text.secondary">
          No feature results.
        </Typography>
      }
    />
  );
}
