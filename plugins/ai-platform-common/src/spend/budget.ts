import { BudgetState } from './types';

/** Whole days in the UTC month of `month` (`YYYY-MM`). */
export function daysInMonth(month: string): number {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year, m, 0)).getUTCDate();
}

/**
 * Burn rate and month-end forecast. `daily` holds the month's spend per elapsed day, oldest
 * first, today's partial day included; the burn rate is the mean of the last complete days
 * (up to 7), so a quiet start of the month does not hide a recent surge.
 */
export function forecastMonth(options: {
  daily: number[];
  daysInMonth: number;
  /** Fraction of today already elapsed, 0 to 1. */
  todayElapsed: number;
}): { spent: number; burnRate: number; forecast: number } {
  const { daily, todayElapsed } = options;
  const spent = daily.reduce((a, b) => a + b, 0);
  const complete = daily.slice(0, Math.max(0, daily.length - 1));
  const recent = complete.slice(-7);
  const burnRate = recent.length
    ? recent.reduce((a, b) => a + b, 0) / recent.length
    : (daily[daily.length - 1] ?? 0) / Math.max(todayElapsed, 1 / 24);
  const remainingDays =
    options.daysInMonth - daily.length + (1 - Math.min(1, todayElapsed));
  return {
    spent,
    burnRate,
    forecast: spent + burnRate * Math.max(0, remainingDays),
  };
}

/** Over when already spent, at risk when the forecast passes the budget. */
export function budgetState(
  budget: number | undefined,
  spent: number,
  forecast: number,
): BudgetState {
  if (budget === undefined) return 'no-budget';
  if (spent > budget) return 'over';
  if (forecast > budget) return 'at-risk';
  return 'ok';
}
