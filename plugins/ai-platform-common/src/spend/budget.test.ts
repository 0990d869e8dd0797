import { budgetState, daysInMonth, forecastMonth } from './budget';
import { rateFor } from './rates';
import { spendSeriesQuerySchema } from './schemas';

describe('forecastMonth', () => {
  it('projects the recent daily burn to month end', () => {
    // 10 complete days of 100, then 20 days left plus half of today.
    const daily = [...Array(10).fill(100), 50];
    const { spent, burnRate, forecast } = forecastMonth({
      daily,
      daysInMonth: 30,
      todayElapsed: 0.5,
    });
    expect(spent).toBe(1050);
    expect(burnRate).toBe(100);
    expect(forecast).toBe(1050 + 100 * 19.5);
  });

  it('weighs the last seven complete days only', () => {
    const daily = [...Array(10).fill(10), ...Array(7).fill(200), 0];
    expect(
      forecastMonth({ daily, daysInMonth: 31, todayElapsed: 0 }).burnRate,
    ).toBe(200);
  });

  it('extrapolates the first day from its elapsed share', () => {
    const { burnRate } = forecastMonth({
      daily: [24],
      daysInMonth: 30,
      todayElapsed: 0.25,
    });
    expect(burnRate).toBe(96);
  });
});

describe('budgetState', () => {
  it('grades spend and forecast against the budget', () => {
    expect(budgetState(undefined, 5, 10)).toBe('no-budget');
    expect(budgetState(100, 50, 90)).toBe('ok');
    expect(budgetState(100, 50, 120)).toBe('at-risk');
    expect(budgetState(100, 101, 150)).toBe('over');
  });
  it('knows month lengths', () => {
    expect(daysInMonth('2024-02')).toBe(29);
    expect(daysInMonth('2026-11')).toBe(30);
  });
});

describe('rateFor', () => {
  const rates = [
    { gpuModel: 'H100', pricingClass: 'on-demand' as const, perGpuHour: 4 },
    { gpuModel: 'H100', pricingClass: 'reserved' as const, perGpuHour: 2.5 },
  ];
  it('picks the class rate, else on-demand, else none', () => {
    expect(rateFor(rates, 'H100', 'reserved')).toBe(2.5);
    expect(rateFor(rates, 'H100', 'spot')).toBe(4);
    expect(rateFor(rates, 'A100', 'on-demand')).toBeUndefined();
  });
});

describe('spendSeriesQuerySchema', () => {
  it('says which field is wrong', () => {
    const r = spendSeriesQuerySchema.safeParse({
      from: '2026-13-01',
      to: '2026-01-01',
    });
    expect(r.success).toBe(false);
    const bad = spendSeriesQuerySchema.safeParse({
      from: '2026-05-01',
      to: '2026-01-01',
    });
    expect(
      bad.success ? [] : bad.error.issues.map(i => i.path.join('.')),
    ).toEqual(['from']);
  });
  it('defaults to daily spend by team', () => {
    expect(
      spendSeriesQuerySchema.parse({ from: '2026-01-01', to: '2026-01-31' }),
    ).toMatchObject({ granularity: 'day', dimension: 'team' });
  });
});
