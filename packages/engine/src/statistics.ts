/** Sample statistics over Float64Arrays: moments, percentiles, histograms and rank correlation. */

export function allFinite(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

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
 * Ranks (0-based) with ties averaged, so constant inputs give no spurious correlation: each value's position in
 * sorted order, a run of equal values sharing the average of its positions (NaN, equal to nothing, ranks last).
 */
export function ranksOf(values: Float64Array): Float64Array {
  const order = sortedOrder(values);
  const ranks = new Float64Array(values.length);
  for (let start = 0; start < order.length; ) {
    const x = values[order[start] as number] as number;
    let end = start + 1;
    while (end < order.length && values[order[end] as number] === x) end++;
    const rank = (start + end - 1) / 2;
    for (let j = start; j < end; j++) ranks[order[j] as number] = rank;
    start = end;
  }
  return ranks;
}

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
/**
 * Radix digits of a 32-bit key word, least significant first, as (shift, bits). Wider digits mean fewer passes over
 * the values but more counters to clear and sum per pass, so the width follows the array's size: 16 bits from 65,536
 * values (two passes per word), 8 bits below 4,096 (a preview's 1,000 values: four passes with 256 counters each).
 */
const DIGITS_BY_SIZE = [
  {
    from: 65_536,
    digits: [
      [0, 16],
      [16, 16],
    ],
  },
  {
    from: 4096,
    digits: [
      [0, 11],
      [11, 11],
      [22, 10],
    ],
  },
  {
    from: 0,
    digits: [
      [0, 8],
      [8, 8],
      [16, 8],
      [24, 8],
    ],
  },
] as const;

/**
 * The indices of `values` in ascending order, by an LSD radix sort of the doubles' bit patterns (made monotone: the
 * sign bit flipped for positives, every bit for negatives; NaN last). A few counting passes over the array instead
 * of a comparison sort: sensitivity ranks every uncertain cell, and a sort with a comparator, or a binary search per
 * value in a sorted copy, cost several times more at 100k samples. Each pass moves the keys along with the indices,
 * so every pass reads sequentially (gathering keys through the permutation thrashed the cache at 1M samples).
 */
function sortedOrder(values: Float64Array): Uint32Array {
  const n = values.length;
  let [order, low, high] = [new Uint32Array(n), new Uint32Array(n), new Uint32Array(n)];
  monotoneKeys(values, low, high);
  for (let i = 0; i < n; i++) order[i] = i;
  let [nextOrder, nextLow, nextHigh] = [new Uint32Array(n), new Uint32Array(n), new Uint32Array(n)];
  const { digits } = DIGITS_BY_SIZE.find(({ from }) => n >= from) as (typeof DIGITS_BY_SIZE)[number];
  const counts = new Uint32Array((1 << digits[0][1]) + 1);
  for (const word of ["low", "high"] as const)
    for (const [shift, bits] of digits) {
      const key = word === "low" ? low : high;
      const mask = (1 << bits) - 1;
      counts.fill(0);
      for (let j = 0; j < n; j++) {
        const bucket = (((key[j] as number) >>> shift) & mask) + 1;
        counts[bucket] = (counts[bucket] as number) + 1;
      }
      if (counts.includes(n)) continue; // every key has this digit: the pass would not move anything
      for (let digit = 1; digit <= mask + 1; digit++)
        counts[digit] = (counts[digit] as number) + (counts[digit - 1] as number);
      for (let j = 0; j < n; j++) {
        const digit = ((key[j] as number) >>> shift) & mask;
        const to = counts[digit] as number;
        counts[digit] = to + 1;
        nextOrder[to] = order[j] as number;
        nextLow[to] = low[j] as number;
        nextHigh[to] = high[j] as number;
      }
      [order, nextOrder, low, nextLow, high, nextHigh] = [nextOrder, order, nextLow, low, nextHigh, high];
    }
  return order;
}

/** Fills `low` and `high` with the 32-bit words of each value's monotone key (see `sortedOrder`). */
function monotoneKeys(values: Float64Array, low: Uint32Array, high: Uint32Array): void {
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  const [lowWord, highWord] = LITTLE_ENDIAN ? [0, 1] : [1, 0];
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) {
      low[i] = 0xffffffff;
      high[i] = 0xffffffff;
      continue;
    }
    const h = words[2 * i + highWord] as number;
    const l = words[2 * i + lowWord] as number;
    const negative = h >>> 31 === 1;
    low[i] = negative ? ~l >>> 0 : l;
    high[i] = negative ? ~h >>> 0 : (h | 0x80000000) >>> 0;
  }
}

/** A first-order (main-effect) sensitivity index with its Monte Carlo standard error. */
export type FirstOrderIndex = { index: number; stderr: number };

/** Interleaved sub-samples whose spread gives the standard error (batch means: no assumption on Y's tails). */
const FIRST_ORDER_GROUPS = 10;
/** Below this many samples the bins hold too few points for the index to mean anything. */
export const FIRST_ORDER_MIN_SAMPLES = 200;

/**
 * The first-order Sobol index S = Var(E[Y | X]) / Var(Y) of an input X, from the samples already drawn (no extra
 * evaluations): X is cut into equal-count bins by its ranks (`ranksOf`, so ties share a bin), E[Y | X] is taken as
 * Y's mean in each bin, and S is estimated by omega squared, (SSB - (k - 1) MSW) / (SST + MSW), which removes the
 * upward bias (k - 1) / n that noise in the bin means adds to the raw ratio SSB / SST. The binning itself loses the
 * variation of E[Y | X] inside each bin, a downward bias: for a linear effect of a normal input 0.5% of the index
 * with the 50 bins used from 10,000 samples (2.4% with the 15 bins at 1,000), but more where a steep effect meets a
 * heavy tail (7% for Y = X² with X normal, whose outer bins hide most of X²'s spread). The standard error is the
 * spread (sample standard deviation) of the same estimate over 10 interleaved sub-samples, divided by √10.
 * Y must be finite; the index is clipped to [0, 1].
 */
export function firstOrderIndex(xRanks: Float64Array, y: Float64Array): FirstOrderIndex | undefined {
  const binning = firstOrderBinning(xRanks);
  return binning && y.length === xRanks.length ? firstOrderIndexOf(binning, firstOrderOutput(y)) : undefined;
}

/**
 * Where each sample of X falls for `firstOrderIndex`: its accumulator cell (sub-sample group x rank bin) and how many
 * samples each cell holds. It depends on X alone, so a parameter's binning serves every output downstream of it.
 * Undefined below `FIRST_ORDER_MIN_SAMPLES`.
 */
export type FirstOrderBinning = { bins: number; cellOf: Uint16Array; counts: Float64Array };

export function firstOrderBinning(xRanks: Float64Array): FirstOrderBinning | undefined {
  const n = xRanks.length;
  if (n < FIRST_ORDER_MIN_SAMPLES) return undefined;
  const bins = Math.min(50, Math.floor(Math.sqrt(n) / 2));
  const cellOf = new Uint16Array(n);
  const counts = new Float64Array(FIRST_ORDER_GROUPS * bins);
  const binsPerRank = bins / n;
  for (let i = 0, group = 0; i < n; i++, group = group === FIRST_ORDER_GROUPS - 1 ? 0 : group + 1) {
    const bin = Math.min(bins - 1, Math.floor((xRanks[i] as number) * binsPerRank));
    const cell = group * bins + bin;
    cellOf[i] = cell;
    counts[cell] = (counts[cell] as number) + 1;
  }
  return { bins, cellOf, counts };
}

/**
 * What `firstOrderIndexOf` needs of Y alone: its mean and each sub-sample group's sum of squared deviations (a group
 * is every `FIRST_ORDER_GROUPS`-th sample whatever X is, so these serve every parameter of Y).
 */
export type FirstOrderOutput = { y: Float64Array; mean: number; groupSquares: Float64Array };

export function firstOrderOutput(y: Float64Array): FirstOrderOutput {
  const mean = meanOf(y);
  const groupSquares = new Float64Array(FIRST_ORDER_GROUPS);
  for (let i = 0, group = 0; i < y.length; i++, group = group === FIRST_ORDER_GROUPS - 1 ? 0 : group + 1) {
    const centered = (y[i] as number) - mean;
    groupSquares[group] = (groupSquares[group] as number) + centered * centered;
  }
  return { y, mean, groupSquares };
}

/** `firstOrderIndex` from X's binning and Y's moments: one pass over Y. */
export function firstOrderIndexOf(
  { bins, cellOf, counts }: FirstOrderBinning,
  { y, mean, groupSquares }: FirstOrderOutput,
): FirstOrderIndex {
  const sums = new Float64Array(counts.length);
  for (let i = 0; i < y.length; i++) {
    const cell = cellOf[i] as number;
    sums[cell] = (sums[cell] as number) + ((y[i] as number) - mean);
  }
  const squares = groupSquares.reduce((a, b) => a + b, 0);
  const all = omegaSquared(squares, (bin, add) => {
    for (let g = 0; g < FIRST_ORDER_GROUPS; g++) add(g * bins + bin);
  });
  const perGroup = Array.from({ length: FIRST_ORDER_GROUPS }, (_, g) =>
    omegaSquared(groupSquares[g] as number, (bin, add) => add(g * bins + bin)),
  );
  const spread = stdevOf(Float64Array.from(perGroup));
  return { index: Math.min(1, Math.max(0, all)), stderr: spread / Math.sqrt(FIRST_ORDER_GROUPS) };

  /**
   * Omega squared of the bins, each bin pooling the accumulator cells that `cellsOf` adds; `sumOfSquares` is the
   * sum of squared deviations from Y's mean over the samples those cells hold.
   */
  function omegaSquared(
    sumOfSquares: number,
    cellsOf: (bin: number, add: (cell: number) => void) => void,
  ): number {
    let [total, sum, between, nonEmpty] = [0, 0, 0, 0];
    for (let bin = 0; bin < bins; bin++) {
      let [count, binSum] = [0, 0];
      cellsOf(bin, (cell) => {
        count += counts[cell] as number;
        binSum += sums[cell] as number;
      });
      if (count === 0) continue;
      nonEmpty++;
      total += count;
      sum += binSum;
      between += (binSum * binSum) / count;
    }
    const totalSquares = sumOfSquares - (sum * sum) / total;
    const betweenSquares = between - (sum * sum) / total;
    if (!(totalSquares > 0) || total <= nonEmpty) return 0;
    const withinMean = (totalSquares - betweenSquares) / (total - nonEmpty);
    return (betweenSquares - (nonEmpty - 1) * withinMean) / (totalSquares + withinMean);
  }
}
