import {
  DRIFT_METHOD_INFO,
  DriftMethod,
  ModelDriftStatus,
} from '@ai-platform/plugin-ai-platform-common';
import Chip from '@mui/material/Chip';

const CHIP: Record<
  ModelDriftStatus,
  { label: string; color: 'success' | 'warning' | 'error' | 'default' }
> = {
  ok: { label: 'OK', color: 'success' },
  warning: { label: 'Warning', color: 'warning' },
  drifted: { label: 'Drifted', color: 'error' },
  'no-data': { label: 'No data', color: 'default' },
};

/** Worst first, for sorting. */
export const STATUS_RANK: Record<ModelDriftStatus, number> = {
  drifted: 0,
  warning: 1,
  ok: 2,
  'no-data': 3,
};

export function DriftStatusChip(props: { status: ModelDriftStatus }) {
  const { label, color } = CHIP[props.status];
  return <Chip size="small" label={label} color={color} />;
}

const number = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

/** A statistic or p-value for people: three significant digits, tiny p-values in e-notation. */
export function formatNumber(value: number | undefined): string {
  if (value === undefined) return '–';
  if (value !== 0 && Math.abs(value) < 1e-3) return value.toExponential(1);
  return number.format(value);
}

/** The rule a feature was judged by, e.g. "p < 0.05" or "≥ 0.1". */
export function thresholdRule(method: DriftMethod, threshold: number): string {
  return DRIFT_METHOD_INFO[method].decidesBy === 'p-value'
    ? `p < ${formatNumber(threshold)}`
    : `≥ ${formatNumber(threshold)}`;
}

export const methodLabel = (method: DriftMethod) =>
  DRIFT_METHOD_INFO[method].label;

export const formatDate = (iso: string) =>
  new Date(iso).toLocaleDateString('en-US', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
