import { counterRate } from './counters';

describe('counterRate', () => {
  const at = Date.parse('2026-11-20T10:00:00Z');

  it('is the increase per second', () => {
    expect(
      counterRate({ value: 100, at }, { value: 160, at: at + 30_000 }),
    ).toBe(2);
    expect(counterRate({ value: 7, at }, { value: 7, at: at + 60_000 })).toBe(
      0,
    );
  });

  it('counts from zero after a reset instead of reading the drop as a burst', () => {
    // A million symbol errors cleared, then 3 more within the minute.
    expect(
      counterRate({ value: 1_000_000, at }, { value: 3, at: at + 60_000 }),
    ).toBe(0.05);
    expect(
      counterRate({ value: 1_000_000, at }, { value: 0, at: at + 60_000 }),
    ).toBe(0);
  });

  it('has no rate without time between the reads or without numbers', () => {
    expect(counterRate({ value: 1, at }, { value: 2, at })).toBeUndefined();
    expect(
      counterRate({ value: 1, at: at + 1 }, { value: 2, at }),
    ).toBeUndefined();
    expect(
      counterRate({ value: NaN, at }, { value: 2, at: at + 1_000 }),
    ).toBeUndefined();
    expect(
      counterRate({ value: 1, at }, { value: Infinity, at: at + 1_000 }),
    ).toBeUndefined();
  });
});
