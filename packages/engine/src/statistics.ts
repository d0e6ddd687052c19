/** Sample statistics over Float64Arrays: moments, percentiles, histograms and rank correlation. */

export function meanOf(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  return sum / values.length;
}

export function stdevOf(values: Float64Array): number {
  const mean = meanOf(values);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += ((values[i] as number) - mean) ** 2;
  return Math.sqrt(sum / Math.max(1, values.length - 1));
}

/** A sorted copy (typed-array sort is numeric and fast); NaN sorts last. */
export function sortedCopy(values: Float64Array): Float64Array {
  return values.slice().sort();
}

/** The p-quantile of sorted values by linear interpolation (type 7, as numpy and Squiggle use). */
export function quantileOfSorted(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = p * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.min(low + 1, sorted.length - 1);
  const [a, b] = [sorted[low] as number, sorted[high] as number];
  // Equal neighbours need no interpolation, and must not compute Infinity - Infinity.
  return a === b ? a : a + (b - a) * (position - low);
}

export function quantileOf(values: Float64Array, p: number): number {
  return quantileOfSorted(sortedCopy(values), p);
}

export type Histogram = { edges: number[]; counts: number[]; log: boolean };

/**
 * Bins between the 0.5th and 99.5th percentiles (so one extreme sample does not flatten the chart), log-spaced
 * when the values are positive and span more than two orders of magnitude.
 */
export function histogramOf(sorted: Float64Array, binCount = 40): Histogram {
  const low = quantileOfSorted(sorted, 0.005);
  const high = quantileOfSorted(sorted, 0.995);
  const log = low > 0 && high / low > 100;
  const [a, b] = log ? [Math.log10(low), Math.log10(high)] : [low, high];
  const width = (b - a) / binCount || 1;
  const edges = Array.from({ length: binCount + 1 }, (_, i) => (log ? 10 ** (a + i * width) : a + i * width));
  const counts = new Array<number>(binCount).fill(0);
  for (let i = 0; i < sorted.length; i++) {
    const x = sorted[i] as number;
    if (!(x >= low && x <= high)) continue;
    const bin = Math.min(binCount - 1, Math.floor(((log ? Math.log10(x) : x) - a) / width));
    counts[bin] = (counts[bin] as number) + 1;
  }
  return { edges, counts, log };
}

/** Ranks with ties averaged (so constant inputs give no spurious correlation). */
export function ranksOf(values: Float64Array): Float64Array {
  const order = Array.from(values.keys()).sort((i, j) => (values[i] as number) - (values[j] as number));
  const ranks = new Float64Array(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1] as number] === values[order[start] as number])
      end++;
    const rank = (start + end) / 2;
    for (let k = start; k <= end; k++) ranks[order[k] as number] = rank;
    start = end + 1;
  }
  return ranks;
}

export function pearson(x: Float64Array, y: Float64Array): number {
  const mx = meanOf(x);
  const my = meanOf(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

/** Spearman's rank correlation. */
export function spearman(x: Float64Array, y: Float64Array): number {
  return pearson(ranksOf(x), ranksOf(y));
}
