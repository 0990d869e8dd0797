import { evaluateFeatureDrift, modelDriftStatus } from './evaluate';
import { seededSample } from './seeded';

const bell = (n: number, seed: number, centre = 0) => ({
  kind: 'numeric' as const,
  values: seededSample({ shape: 'bell', n, seed, centre, scale: 1 }),
});

describe('evaluateFeatureDrift', () => {
  it("follows Evidently's defaults: KS up to 1000 reference rows, normed Wasserstein above", () => {
    const small = evaluateFeatureDrift('age', bell(1000, 1), bell(500, 2, 0.5));
    expect(small).toMatchObject({
      method: 'ks',
      threshold: 0.05,
      status: 'drifted',
    });
    expect(small.pValue).toBeLessThan(0.05);

    const large = evaluateFeatureDrift(
      'age',
      bell(1001, 1),
      bell(1001, 2, 0.02),
    );
    expect(large).toMatchObject({
      method: 'wasserstein',
      threshold: 0.1,
      status: 'ok',
    });
    expect(large.pValue).toBeUndefined();
    expect(
      evaluateFeatureDrift('age', bell(1001, 1), bell(1001, 2, 0.5)).status,
    ).toBe('drifted');
  });

  it('uses chi-squared, then Jensen–Shannon, for categories and for numbers with ≤ 5 distinct values', () => {
    const counts = { kind: 'categorical' as const, counts: { a: 400, b: 600 } };
    expect(evaluateFeatureDrift('plan', counts, counts)).toMatchObject({
      method: 'chisquare',
      statistic: 0,
      pValue: 1,
      status: 'ok',
    });
    const many = { kind: 'categorical' as const, counts: { a: 800, b: 1200 } };
    expect(evaluateFeatureDrift('plan', many, counts).method).toBe(
      'jensenshannon',
    );

    const dice = (seed: number) => ({
      kind: 'numeric' as const,
      values: seededSample({
        shape: 'integers',
        n: 300,
        seed,
        low: 1,
        count: 4,
      }),
    });
    expect(evaluateFeatureDrift('rooms', dice(1), dice(2))).toMatchObject({
      method: 'chisquare',
      status: 'ok',
    });
  });

  it('takes an override, with a warning band for PSI at half its threshold', () => {
    const psi = evaluateFeatureDrift(
      'age',
      bell(2000, 1),
      bell(2000, 2, 0.21),
      {
        method: 'psi',
      },
    );
    expect(psi.method).toBe('psi');
    expect(psi.statistic).toBeGreaterThanOrEqual(0.1);
    expect(psi.statistic).toBeLessThan(0.2);
    expect(psi.status).toBe('warning');
    expect(
      evaluateFeatureDrift('age', bell(2000, 1), bell(2000, 2, 0.21), {
        method: 'psi',
        threshold: 0.1,
      }).status,
    ).toBe('drifted');
  });

  it('refuses methods that do not fit the data and bad thresholds, naming the feature', () => {
    const counts = { kind: 'categorical' as const, counts: { a: 1, b: 2 } };
    expect(() =>
      evaluateFeatureDrift('plan', counts, counts, { method: 'ks' }),
    ).toThrow(
      'plan: ks does not apply to categorical features; use chisquare, jensenshannon, psi',
    );
    expect(() =>
      evaluateFeatureDrift('age', bell(10, 1), bell(10, 2), { threshold: -1 }),
    ).toThrow('age: threshold -1 must be above 0');
    expect(() => evaluateFeatureDrift('age', bell(10, 1), counts)).toThrow(
      'age: the reference is numeric, the current window categorical',
    );
    expect(() =>
      evaluateFeatureDrift('age', bell(10, 1), {
        kind: 'numeric',
        values: [1, NaN],
      }),
    ).toThrow('age.current[1]: NaN is not a finite number');
  });
});

describe('modelDriftStatus', () => {
  const f = (...statuses: ('ok' | 'warning' | 'drifted')[]) =>
    statuses.map(status => ({ status }));

  it('is dataset drift from half of the features on, warning below, ok without any', () => {
    expect(modelDriftStatus(f('drifted', 'ok'))).toEqual({
      status: 'drifted',
      driftedShare: 0.5,
    });
    expect(modelDriftStatus(f('drifted', 'ok', 'ok')).status).toBe('warning');
    expect(modelDriftStatus(f('warning', 'ok')).status).toBe('warning');
    expect(modelDriftStatus(f('ok', 'ok')).status).toBe('ok');
    expect(modelDriftStatus([]).status).toBe('no-data');
    expect(modelDriftStatus(f('drifted', 'ok', 'ok'), 0.3).status).toBe(
      'drifted',
    );
  });
});
