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
  return quantilesOf(values, [p])[0] as number;
}

/**
 * Several quantiles (type 7) without sorting: one copy, then selection of just the ranks needed, each selection
 * narrowing the range for the next. O(n log k) for k quantiles instead of O(n log n).
 */
export function quantilesOf(values: Float64Array, ps: number[]): number[] {
  const n = values.length;
  if (n === 0) return ps.map(() => Number.NaN);
  const work = values.slice();
  if (work.some(Number.isNaN)) return ps.map((p) => quantileOfSorted(work.sort(), p)); // NaN defeats comparisons
  const ranks = [
    ...new Set(ps.flatMap((p) => [Math.floor(p * (n - 1)), Math.min(n - 1, Math.floor(p * (n - 1)) + 1)])),
  ];
  selectRanks(
    work,
    0,
    n - 1,
    ranks.sort((a, b) => a - b),
  );
  return ps.map((p) => {
    const position = p * (n - 1);
    const low = Math.floor(position);
    const [a, b] = [work[low] as number, work[Math.min(n - 1, low + 1)] as number];
    return a === b ? a : a + (b - a) * (position - low);
  });
}

function selectRanks(work: Float64Array, left: number, right: number, ranks: number[]): void {
  if (ranks.length === 0 || left >= right) return;
  const middle = ranks.length >> 1;
  const k = ranks[middle] as number;
  select(work, left, right, k);
  selectRanks(work, left, k - 1, ranks.slice(0, middle));
  selectRanks(work, k + 1, right, ranks.slice(middle + 1));
}

/** Hoare's selection (median-of-three pivot): afterwards work[k] is the k-th smallest of work[left..right]. */
function select(work: Float64Array, left: number, right: number, k: number): void {
  let l = left;
  let r = right;
  while (r > l) {
    const m = (l + r) >> 1;
    if ((work[l] as number) > (work[r] as number)) swap(work, l, r);
    if ((work[m] as number) > (work[r] as number)) swap(work, m, r);
    if ((work[l] as number) > (work[m] as number)) swap(work, l, m);
    const pivot = work[m] as number;
    let i = l;
    let j = r;
    while (i <= j) {
      while ((work[i] as number) < pivot) i++;
      while ((work[j] as number) > pivot) j--;
      if (i <= j) {
        swap(work, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) r = j;
    else if (k >= i) l = i;
    else return;
  }
}

function swap(work: Float64Array, i: number, j: number): void {
  const t = work[i] as number;
  work[i] = work[j] as number;
  work[j] = t;
}

export function minMaxOf(values: Float64Array): [number, number] {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return [min, max];
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
  const counts = new Array<number>(binCount).fill(0);
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
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
