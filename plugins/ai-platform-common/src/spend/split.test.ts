import { idleGpuHours, splitShared } from './split';

describe('splitShared', () => {
  const weights = new Map([
    ['group:default/a', 300],
    ['group:default/b', 100],
    ['group:default/c', 0],
  ]);

  it('splits in proportion to team cost', () => {
    const shares = splitShared(100_000_000, weights, 'proportional');
    expect(shares.get('group:default/a')).toBe(75_000_000);
    expect(shares.get('group:default/b')).toBe(25_000_000);
    expect(shares.get('group:default/c')).toBe(0);
  });

  it('splits evenly', () => {
    const shares = splitShared(100, weights, 'even');
    expect([...shares.values()]).toEqual([33, 33, 34]);
  });

  it('never creates or loses money', () => {
    const many = new Map(
      Array.from({ length: 7 }, (_, i) => [`t${i}`, i * 0.1 + 0.3] as const),
    );
    for (const rule of ['even', 'proportional'] as const) {
      const shares = splitShared(1_234_567_891, many, rule);
      const sum = [...shares.values()].reduce((a, b) => a + b, 0);
      expect(sum).toBe(1_234_567_891);
      expect([...shares.values()].every(Number.isInteger)).toBe(true);
    }
  });

  it('falls back to even when no team has cost', () => {
    const shares = splitShared(
      10,
      new Map([
        ['a', 0],
        ['b', 0],
      ]),
      'proportional',
    );
    expect(shares.get('a')).toBe(5);
    expect(shares.get('b')).toBe(5);
  });

  it('gives nothing to nobody', () => {
    expect(splitShared(10, new Map(), 'even').size).toBe(0);
  });
});

describe('idleGpuHours', () => {
  it('counts reserved capacity utilization did not use', () => {
    expect(idleGpuHours({ reserved: 192, allocated: 100, used: 60 })).toBe(132);
  });
  it('counts allocated capacity beyond the reservation', () => {
    expect(idleGpuHours({ reserved: 0, allocated: 48, used: 12 })).toBe(36);
  });
  it('is never negative', () => {
    expect(idleGpuHours({ reserved: 10, allocated: 10, used: 12 })).toBe(0);
  });
});
