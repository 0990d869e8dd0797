/** A counter's value and when it was read, in epoch milliseconds. */
export interface CounterSample {
  value: number;
  at: number;
}

/**
 * A counter's per-second rate between two reads. A counter that went down was reset (a switch
 * or driver restart, a cleared port): what it counted since is its new value, as Prometheus's
 * `rate()` takes it, so a reset never reads as a burst of errors. Undefined when no time passed
 * between the reads or a value is not a number.
 */
export function counterRate(
  previous: CounterSample,
  current: CounterSample,
): number | undefined {
  const seconds = (current.at - previous.at) / 1000;
  if (
    !(seconds > 0) ||
    !Number.isFinite(previous.value) ||
    !Number.isFinite(current.value)
  ) {
    return undefined;
  }
  const increase =
    current.value >= previous.value
      ? current.value - previous.value
      : current.value;
  return increase / seconds;
}
