/** Sample statistics over Float64Arrays: moments, percentiles, histograms and rank correlation. */

export function meanOf(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  return sum / values.length;
}

/** Sample standard deviation (n - 1); pass the mean when it is already known. */
export function stdevOf(values: Float64Array, mean = meanOf(values)): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const deviation = (values[i] as number) - mean;
    sum += deviation * deviation;
  }
  return Math.sqrt(sum / Math.max(1, values.length - 1));
}

/** The p-quantile of sorted values by linear interpolation (type 7, as numpy and Squiggle use). */
export function quantileOfSorted(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = p * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.min(low + 1, sorted.length - 1);
  const [a, b] = [sorted[low] as number, sorted[high] as number];
  // An exact rank or equal neighbours need no interpolation (and must not compute Infinity - Infinity).
  return position === low || a === b ? a : a + (b - a) * (position - low);
}

export function quantileOf(values: Float64Array, p: number): number {
  return quantilesOf(values, [p])[0] as number;
}

export function quantilesOf(values: Float64Array, ps: number[]): number[] {
  return orderStatistics(values, ps).quantiles;
}

export type OrderStatistics = { quantiles: number[]; min: number; max: number };

/**
 * Several quantiles (type 7) and the extremes without sorting: one copy, then Floyd–Rivest selection of just the
 * ranks needed, each selection narrowing the range for the next. An interpolation neighbour (rank k + 1) and the
 * extremes are then minima and maxima of the already partitioned segments, so they cost one scan, not a selection.
 */
export function orderStatistics(values: Float64Array, ps: number[]): OrderStatistics {
  const n = values.length;
  if (n === 0) return { quantiles: ps.map(() => Number.NaN), min: Number.NaN, max: Number.NaN };
  const work = values.slice();
  if (hasNaN(work)) {
    // NaN defeats comparisons: fall back to a sort, which puts NaN last.
    work.sort();
    return { quantiles: ps.map((p) => quantileOfSorted(work, p)), min: work[0] as number, max: Number.NaN };
  }
  const ranks = [...new Set(ps.map((p) => Math.floor(p * (n - 1))))].sort((a, b) => a - b);
  selectRanks(work, 0, n - 1, ranks);
  const nextRankAfter = (rank: number) => ranks.find((r) => r > rank) ?? n - 1;
  const quantiles = ps.map((p) => {
    const position = p * (n - 1);
    const low = Math.floor(position);
    const a = work[low] as number;
    if (position === low || low === n - 1) return a;
    // Every element after `low` is >= work[low], so rank low + 1 is the smallest of the segment up to the next
    // selected rank (which is itself >= everything before it).
    const b = minimumOf(work, low + 1, nextRankAfter(low));
    // Equal neighbours need no interpolation, and must not compute Infinity - Infinity.
    return a === b ? a : a + (b - a) * (position - low);
  });
  const first = ranks[0] as number;
  const last = ranks.at(-1) as number;
  return { quantiles, min: minimumOf(work, 0, first), max: maximumOf(work, last, n - 1) };
}

function hasNaN(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) return true;
  return false;
}

function minimumOf(values: Float64Array, from: number, to: number): number {
  let min = values[from] as number;
  for (let i = from + 1; i <= to; i++) if ((values[i] as number) < min) min = values[i] as number;
  return min;
}

function maximumOf(values: Float64Array, from: number, to: number): number {
  let max = values[from] as number;
  for (let i = from + 1; i <= to; i++) if ((values[i] as number) > max) max = values[i] as number;
  return max;
}

function selectRanks(work: Float64Array, left: number, right: number, ranks: number[]): void {
  if (ranks.length === 0 || left >= right) return;
  const middle = ranks.length >> 1;
  const k = ranks[middle] as number;
  select(work, k, left, right);
  selectRanks(work, left, k - 1, ranks.slice(0, middle));
  selectRanks(work, k + 1, right, ranks.slice(middle + 1));
}

/**
 * Floyd–Rivest selection (as in d3-array's quickselect): afterwards work[k] is the k-th smallest of
 * work[left..right], smaller ones before it and larger ones after. On large ranges it first selects within a
 * small sample around the expected position, so the partition pivot is close to the answer and few passes remain.
 */
function select(work: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      select(work, k, newLeft, newRight);
    }
    const pivot = work[k] as number;
    let i = left;
    let j = right;
    swap(work, left, k);
    if ((work[right] as number) > pivot) swap(work, left, right);
    while (i < j) {
      swap(work, i, j);
      i++;
      j--;
      while ((work[i] as number) < pivot) i++;
      while ((work[j] as number) > pivot) j--;
    }
    if (work[left] === pivot) swap(work, left, j);
    else {
      j++;
      swap(work, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(work: Float64Array, i: number, j: number): void {
  const t = work[i] as number;
  work[i] = work[j] as number;
  work[j] = t;
}

export type Histogram = { edges: number[]; counts: number[]; log: boolean };

/**
 * Bins between the 0.5th and 99.5th percentiles (so one extreme sample does not flatten the chart), log-spaced
 * when the values are positive and span more than two orders of magnitude.
 */
export function histogramOf(values: Float64Array, low: number, high: number, binCount = 40): Histogram {
  const log = low > 0 && high / low > 100;
  const [a, b] = log ? [Math.log10(low), Math.log10(high)] : [low, high];
  const width = (b - a) / binCount || 1;
  const edges = Array.from({ length: binCount + 1 }, (_, i) => (log ? 10 ** (a + i * width) : a + i * width));
  const counts = log
    ? countBins(values, low, high, binCount, (x) => (Math.log10(x) - a) / width)
    : countBins(values, low, high, binCount, (x) => (x - a) / width);
  return { edges, counts: Array.from(counts), log };
}

function countBins(
  values: Float64Array,
  low: number,
  high: number,
  binCount: number,
  position: (x: number) => number,
): Int32Array {
  const counts = new Int32Array(binCount);
  const lastBin = binCount - 1;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    if (x >= low && x <= high) {
      const raw = Math.floor(position(x));
      const bin = Math.min(Math.max(raw, 0), lastBin); // rounding at the edges
      counts[bin] = (counts[bin] as number) + 1;
    }
  }
  return counts;
}

/**
 * Ranks (0-based) with ties averaged, so constant inputs give no spurious correlation. One numeric sort of a copy
 * (native, fast), then each value's rank from the bounds of its run of equal values in the sorted copy.
 */
export function ranksOf(values: Float64Array): Float64Array {
  const sorted = values.slice().sort();
  const ranks = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    ranks[i] = (firstIndexNotBelow(sorted, x) + firstIndexAbove(sorted, x) - 1) / 2;
  }
  return ranks;
}

function firstIndexNotBelow(sorted: Float64Array, x: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < x) low = middle + 1;
    else high = middle;
  }
  return low;
}

function firstIndexAbove(sorted: Float64Array, x: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) <= x) low = middle + 1;
    else high = middle;
  }
  return low;
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
