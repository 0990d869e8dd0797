/** How shared and idle cost is spread over teams. */
export type SplitRule = 'proportional' | 'even';

/**
 * Splits an integer `amount` (money in millionths) over teams: in proportion to each team's own
 * cost, or evenly. Shares are whole millionths and add up to `amount` exactly (the last team
 * takes the rounding remainder), so a split neither creates nor loses money. With no team cost
 * to weigh by, proportional falls back to even.
 */
export function splitShared(
  amount: number,
  weights: ReadonlyMap<string, number>,
  rule: SplitRule,
): Map<string, number> {
  const teams = [...weights.keys()].sort();
  const shares = new Map<string, number>();
  if (teams.length === 0 || amount === 0) return shares;
  const total = teams.reduce((sum, t) => sum + Math.max(0, weights.get(t)!), 0);
  const even = rule === 'even' || total <= 0;
  let given = 0;
  teams.forEach((team, i) => {
    const share =
      i === teams.length - 1
        ? amount - given
        : Math.round(
            even
              ? amount / teams.length
              : (amount * Math.max(0, weights.get(team)!)) / total,
          );
    given += share;
    shares.set(team, share);
  });
  return shares;
}

/**
 * Idle GPU-hours: capacity the team held (reserved through quota, or allocated as seen by
 * utilization, whichever is more) that utilization shows unused.
 */
export function idleGpuHours(options: {
  reserved: number;
  allocated: number;
  used: number;
}): number {
  const capacity = Math.max(options.reserved, options.allocated);
  return Math.max(0, capacity - options.used);
}
