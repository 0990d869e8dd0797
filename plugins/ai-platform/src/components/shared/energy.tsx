import { EnergyFigures } from '@ai-platform/plugin-ai-platform-common';
import Chip from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import { percent } from './spend';

export const ESTIMATED_TOOLTIP =
  "Estimated from GPU utilization and the GPU model's power range: no power readings";
export const NO_ENERGY_TOOLTIP = 'No power or utilization data';

const number = (value: number) =>
  new Intl.NumberFormat('en-US', {
    // Small figures keep a decimal so a few kWh do not read as 0.
    maximumFractionDigits: Math.abs(value) < 10 ? 1 : 0,
  }).format(value);

/** 1,234 kWh. */
export function formatKwh(kwh: number): string {
  return `${number(kwh)} kWh`;
}

/** 850 kg, or 1.2 t from 1000 kg on. */
export function formatCarbon(kg: number): string {
  if (Math.abs(kg) >= 1000) {
    return `${new Intl.NumberFormat('en-US', {
      maximumFractionDigits: kg >= 10_000 ? 0 : 1,
    }).format(kg / 1000)} t`;
  }
  return `${number(kg)} kg`;
}

/** 1,234 L. */
export function formatWater(litres: number): string {
  return `${number(litres)} L`;
}

/** The share of the energy that was estimated from utilization; 0 when all was measured. */
export function estimatedShare(figures: EnergyFigures): number {
  if (figures.estimatedEnergyKwh <= 0) return 0;
  return figures.energyKwh > 0
    ? Math.min(1, figures.estimatedEnergyKwh / figures.energyKwh)
    : 1;
}

/** `≈ ` before a figure that is partly or wholly an estimate. */
export function approx(figures: EnergyFigures): string {
  return estimatedShare(figures) > 0 ? '≈ ' : '';
}

/**
 * A visible "estimated" mark, with the share when only part is, so a reader never takes an
 * estimate for a reading; nothing when all was measured.
 */
export function EstimatedMark(props: { figures: EnergyFigures }) {
  const share = estimatedShare(props.figures);
  if (share === 0) return null;
  // 99.6 % would round to "100% estimated" anyway; call it what it is.
  const whole = share >= 0.995;
  return (
    <Tooltip
      title={
        whole
          ? ESTIMATED_TOOLTIP
          : `${percent.format(share)} of this energy: ${ESTIMATED_TOOLTIP}`
      }
    >
      {/* A span, so the mark can sit inside a sentence's <p>. */}
      <Chip
        component="span"
        size="small"
        variant="outlined"
        color="warning"
        label={whole ? 'estimated' : `${percent.format(share)} estimated`}
        sx={{ ml: 1 }}
        data-testid="energy-estimated"
      />
    </Tooltip>
  );
}

/** "—" for a team or entity whose GPUs reported neither power nor utilization. */
export function NoEnergy() {
  return (
    <Tooltip title={NO_ENERGY_TOOLTIP}>
      <span data-testid="energy-none">—</span>
    </Tooltip>
  );
}

/**
 * One figure of some energy: IT energy in kWh (with the estimated mark, unless `mark` is
 * false) or CO₂e; "—" when there are no figures.
 */
export function EnergyValue(props: {
  figures?: EnergyFigures;
  metric: 'energy' | 'carbon';
  mark?: boolean;
}) {
  const { figures, metric, mark = true } = props;
  if (!figures) return <NoEnergy />;
  return (
    <>
      {approx(figures)}
      {metric === 'energy'
        ? formatKwh(figures.energyKwh)
        : formatCarbon(figures.carbonKg)}
      {mark && metric === 'energy' && <EstimatedMark figures={figures} />}
    </>
  );
}
