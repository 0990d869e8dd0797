import { allocationSteps, peakAllocation } from './capacity';

const h = (hours: number) => hours * 3_600_000;

describe('peakAllocation', () => {
  it('is zero without allocations', () => {
    expect(peakAllocation([], 0, h(10))).toBe(0);
  });

  it('adds allocations that overlap and not those that only touch', () => {
    const allocations = [
      { start: h(0), end: h(4), count: 8 },
      { start: h(2), end: h(6), count: 16 },
      // Starts exactly when the first ends: never held together with it.
      { start: h(4), end: h(8), count: 4 },
    ];
    expect(peakAllocation(allocations, h(0), h(10))).toBe(24);
    expect(peakAllocation(allocations, h(4), h(10))).toBe(20);
    expect(peakAllocation(allocations, h(6), h(10))).toBe(4);
    expect(peakAllocation(allocations, h(8), h(10))).toBe(0);
  });

  it('ignores allocations outside the window', () => {
    expect(
      peakAllocation([{ start: h(0), end: h(1), count: 64 }], h(1), h(2)),
    ).toBe(0);
  });
});

describe('allocationSteps', () => {
  it('gives the allocated count from each change point on', () => {
    const allocations = [
      { start: h(1), end: h(3), count: 8 },
      { start: h(2), end: h(5), count: 16 },
    ];
    expect(allocationSteps(allocations, h(0), h(4))).toEqual([
      { at: h(0), allocated: 0 },
      { at: h(1), allocated: 8 },
      { at: h(2), allocated: 24 },
      { at: h(3), allocated: 16 },
    ]);
  });
});
