import { sortedCopy } from './samples';
import { seededSample } from './seeded';

describe('sortedCopy', () => {
  it('sorts large samples (radix) exactly as the built-in sort does, signs, zeros and extremes included', () => {
    const values = seededSample({
      shape: 'bell',
      n: 50000,
      seed: 7,
      centre: 0,
      scale: 1e3,
    });
    values.set(
      [-0, 0, -Number.MAX_VALUE, Number.MAX_VALUE, 5e-324, -5e-324, 1, 1, -1],
      100,
    );
    const expected = Float64Array.from(values).sort();
    const actual = sortedCopy(values);
    expect(Array.from(actual.slice(0, 5))).toEqual(
      Array.from(expected.slice(0, 5)),
    );
    expect(actual).toEqual(expected);
    expect(Object.is(actual[actual.indexOf(0)], -0)).toBe(true);
  });

  it('leaves its input alone', () => {
    const values = seededSample({
      shape: 'uniform',
      n: 5000,
      seed: 3,
      low: -1,
      width: 2,
    });
    const copy = values.slice();
    sortedCopy(values);
    expect(values).toEqual(copy);
  });
});
