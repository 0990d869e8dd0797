import { EnergyFigures } from '@ai-platform/plugin-ai-platform-common';
import { render, screen } from '@testing-library/react';
import {
  EnergyValue,
  ESTIMATED_TOOLTIP,
  estimatedShare,
  EstimatedMark,
  formatCarbon,
  formatKwh,
  formatWater,
  NO_ENERGY_TOOLTIP,
} from './energy';

const measured: EnergyFigures = {
  energyKwh: 1234.4,
  estimatedEnergyKwh: 0,
  facilityEnergyKwh: 1481,
  carbonKg: 520,
  waterLitres: 0,
};

describe('energy formatting', () => {
  it('formats kWh, CO₂e in kg or t, and litres', () => {
    expect(formatKwh(1234.4)).toBe('1,234 kWh');
    expect(formatKwh(2.34)).toBe('2.3 kWh');
    expect(formatCarbon(520)).toBe('520 kg');
    expect(formatCarbon(999.4)).toBe('999 kg');
    expect(formatCarbon(1000)).toBe('1 t');
    expect(formatCarbon(1260)).toBe('1.3 t');
    expect(formatCarbon(48_200)).toBe('48 t');
    expect(formatWater(3400)).toBe('3,400 L');
  });

  it('measures the estimated share', () => {
    expect(estimatedShare(measured)).toBe(0);
    expect(
      estimatedShare({ ...measured, energyKwh: 100, estimatedEnergyKwh: 40 }),
    ).toBe(0.4);
    expect(
      estimatedShare({ ...measured, energyKwh: 0, estimatedEnergyKwh: 1 }),
    ).toBe(1);
  });
});

describe('EstimatedMark', () => {
  it('shows nothing for measured energy', () => {
    const { container } = render(<EstimatedMark figures={measured} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('says "estimated" in visible text, with why in the tooltip', () => {
    render(
      <EstimatedMark
        figures={{ ...measured, estimatedEnergyKwh: measured.energyKwh }}
      />,
    );
    expect(screen.getByText('estimated')).toBeInTheDocument();
    expect(screen.getByLabelText(ESTIMATED_TOOLTIP)).toBeInTheDocument();
  });

  it('says which share is estimated when only part is', () => {
    render(
      <EstimatedMark
        figures={{ ...measured, energyKwh: 100, estimatedEnergyKwh: 25 }}
      />,
    );
    expect(screen.getByText('25% estimated')).toBeInTheDocument();
    expect(
      screen.getByLabelText(`25% of this energy: ${ESTIMATED_TOOLTIP}`),
    ).toBeInTheDocument();
  });
});

describe('EnergyValue', () => {
  it('shows a measured figure plainly', () => {
    render(<EnergyValue figures={measured} metric="energy" />);
    expect(screen.getByText('1,234 kWh')).toBeInTheDocument();
    expect(screen.queryByText(/estimated/)).not.toBeInTheDocument();
  });

  it('marks an estimate with ≈ and the label', () => {
    const estimated = { ...measured, estimatedEnergyKwh: 1234.4 };
    const { container } = render(
      <>
        <EnergyValue figures={estimated} metric="energy" />
        <EnergyValue figures={estimated} metric="carbon" />
      </>,
    );
    expect(container).toHaveTextContent('≈ 1,234 kWhestimated≈ 520 kg');
  });

  it('shows — with its reason when there is no data', () => {
    render(<EnergyValue metric="carbon" />);
    expect(screen.getByLabelText(NO_ENERGY_TOOLTIP)).toHaveTextContent('—');
  });
});
