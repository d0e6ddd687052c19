/** Median wall time of `runs` calls after `warmups` untimed ones (JIT warm-up), in milliseconds. */
export function medianTime(fn: () => unknown, runs: number, warmups = 1): number {
  for (let i = 0; i < warmups; i++) fn();
  const times = Array.from({ length: runs }, () => {
    const started = performance.now();
    fn();
    return performance.now() - started;
  });
  return median(times);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
