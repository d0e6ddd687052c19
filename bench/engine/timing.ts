/** Median wall time of `runs` calls after `warmups` untimed ones (JIT warm-up), in milliseconds. */
export function medianTime(fn: () => unknown, runs: number, warmups = 1): number {
  for (let i = 0; i < warmups; i++) fn();
  return median(Array.from({ length: runs }, () => elapsedMs(fn)));
}

/** Wall time of one call, in milliseconds. */
export function elapsedMs(fn: () => unknown): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
