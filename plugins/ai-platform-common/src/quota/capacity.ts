/** GPUs held over a half-open time window [start, end), in epoch milliseconds. */
export interface Allocation {
  start: number;
  end: number;
  count: number;
}

/**
 * The most GPUs that the allocations hold at the same moment within [start, end).
 * A sweep over the window's change points: O(n log n) for n allocations.
 */
export function peakAllocation(
  allocations: Allocation[],
  start: number,
  end: number,
): number {
  const changes: Array<[number, number]> = [];
  for (const a of allocations) {
    const from = Math.max(a.start, start);
    const to = Math.min(a.end, end);
    if (from < to) {
      changes.push([from, a.count], [to, -a.count]);
    }
  }
  // At equal times, releases come before acquisitions: windows are half-open.
  changes.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let current = 0;
  let peak = 0;
  for (const [, delta] of changes) {
    current += delta;
    peak = Math.max(peak, current);
  }
  return peak;
}

/** Allocated GPUs at each change point within [start, end): a step series for charts. */
export function allocationSteps(
  allocations: Allocation[],
  start: number,
  end: number,
): Array<{ at: number; allocated: number }> {
  const points = new Set<number>([start]);
  for (const a of allocations) {
    if (a.start > start && a.start < end) points.add(a.start);
    if (a.end > start && a.end < end) points.add(a.end);
  }
  return [...points]
    .sort((a, b) => a - b)
    .map(at => ({
      at,
      allocated: allocations
        .filter(a => a.start <= at && at < a.end)
        .reduce((sum, a) => sum + a.count, 0),
    }));
}
