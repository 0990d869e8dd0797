import { driftOverrideFor, readDriftSettings } from './annotations';

describe('readDriftSettings', () => {
  it('reads model-wide and per-feature overrides', () => {
    const settings = readDriftSettings({
      'ai-platform.io/drift-method': 'psi',
      'ai-platform.io/drift-threshold': '0.25',
      'ai-platform.io/drift-features':
        'amount = wasserstein:0.2; country=jensenshannon\nage=:0.01',
      'ai-platform.io/drift-share': '0.3',
    });
    expect(settings).toEqual({
      model: { method: 'psi', threshold: 0.25 },
      features: {
        amount: { method: 'wasserstein', threshold: 0.2 },
        country: { method: 'jensenshannon' },
        age: { threshold: 0.01 },
      },
      datasetDriftShare: 0.3,
    });
    expect(driftOverrideFor(settings, 'age')).toEqual({
      threshold: 0.01,
      preferredMethod: 'psi',
      preferredThreshold: 0.25,
    });
  });

  it.each([
    [
      { 'ai-platform.io/drift-method': 'kl' },
      'ai-platform.io/drift-method: "kl" is not a drift method',
    ],
    [
      { 'ai-platform.io/drift-threshold': '0.2' },
      'ai-platform.io/drift-threshold: goes with ai-platform.io/drift-method',
    ],
    [
      { 'ai-platform.io/drift-share': '2' },
      'ai-platform.io/drift-share: "2" must be at most 1',
    ],
    [
      { 'ai-platform.io/drift-features': 'amount=psi:-1' },
      'ai-platform.io/drift-features "amount=psi:-1": "-1" must be a number above 0',
    ],
    [
      { 'ai-platform.io/drift-features': 'amount psi' },
      'ai-platform.io/drift-features "amount psi": write feature=method[:threshold]',
    ],
  ])('refuses %j, naming the annotation', (annotations, message) => {
    expect(() => readDriftSettings(annotations)).toThrow(message);
  });
});
