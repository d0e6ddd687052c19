/**
 * The tolerance rule of the differential tests.
 *
 * Crux and Squiggle draw their samples independently, so a statistic computed by both differs by Monte Carlo
 * noise alone when the semantics agree. Each side's standard error (SE) is estimated from Squiggle's samples:
 *   mean:        s / sqrt(n)
 *   stdev:       sqrt((m4 - s^4) / (4 s^2 n))          (delta method; m4 the fourth central moment)
 *   variance:    sqrt((m4 - s^4) / n)
 *   quantile p:  sqrt(p (1 - p) / n) / f(Q(p)), with the density f estimated by the quantile spacing
 *                2h / (Q(p + h) - Q(p - h)), h = 0.01
 *   cdf at v:    sqrt(F (1 - F) / n)
 * The difference of the two estimates has SE sqrt(SE_crux^2 + SE_squiggle^2) (Squiggle's part is 0 when it kept
 * the distribution symbolic, i.e. exact). A comparison passes when
 *   |crux - squiggle| <= 5 SE + 1e-9 max(1, |squiggle|).
 * Five standard errors make a false alarm rarer than 1 in a million per comparison (and the seeds are fixed, so a
 * run is reproducible), while at 20k samples a mean off by a tenth of a standard deviation, or a spread 5-10% too
 * wide, is still caught; `monte-carlo-error.test.ts` checks both properties.
 */

export const STANDARD_ERRORS_ALLOWED = 5;
const FLOAT_TOLERANCE = 1e-9;
const DENSITY_HALF_WIDTH = 0.01;

export type Statistic =
  | { name: "mean" }
  | { name: "stdev" }
  | { name: "variance" }
  | { name: "quantile"; p: number }
  | { name: "cdf"; at: number };

/** The p-quantile of ascending samples, interpolating linearly between order statistics. */
export function quantileOfSorted(sorted: Float64Array, p: number): number {
  const position = Math.min(Math.max(p, 0), 1) * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const low = sorted[below] ?? Number.NaN;
  const high = sorted[above] ?? Number.NaN;
  return low === high ? low : low + (position - below) * (high - low);
}

function centralMoments(samples: Float64Array): { mean: number; variance: number; fourth: number } {
  let sum = 0;
  for (const x of samples) sum += x;
  const mean = sum / samples.length;
  let second = 0;
  let fourth = 0;
  for (const x of samples) {
    const d2 = (x - mean) ** 2;
    second += d2;
    fourth += d2 * d2;
  }
  return { mean, variance: second / (samples.length - 1), fourth: fourth / samples.length };
}

function fractionAtOrBelow(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? Number.NaN) <= value) low = middle + 1;
    else high = middle;
  }
  return low / sorted.length;
}

/** The statistic computed directly from ascending samples. */
export function statisticOfSorted(sorted: Float64Array, statistic: Statistic): number {
  switch (statistic.name) {
    case "mean":
      return centralMoments(sorted).mean;
    case "stdev":
      return Math.sqrt(centralMoments(sorted).variance);
    case "variance":
      return centralMoments(sorted).variance;
    case "quantile":
      return quantileOfSorted(sorted, statistic.p);
    case "cdf":
      return fractionAtOrBelow(sorted, statistic.at);
  }
}

/** The standard error of the statistic estimated from n samples of the distribution that `sorted` samples. */
export function standardError(sorted: Float64Array, statistic: Statistic, n: number): number {
  const { variance, fourth } = centralMoments(sorted);
  switch (statistic.name) {
    case "mean":
      return Math.sqrt(variance / n);
    case "stdev":
      return variance === 0 ? 0 : Math.sqrt(Math.max(fourth - variance ** 2, 0) / (4 * variance * n));
    case "variance":
      return Math.sqrt(Math.max(fourth - variance ** 2, 0) / n);
    case "quantile": {
      const { p } = statistic;
      const spread =
        quantileOfSorted(sorted, p + DENSITY_HALF_WIDTH) - quantileOfSorted(sorted, p - DENSITY_HALF_WIDTH);
      return (Math.sqrt((p * (1 - p)) / n) * spread) / (2 * DENSITY_HALF_WIDTH);
    }
    case "cdf": {
      const f = fractionAtOrBelow(sorted, statistic.at);
      return Math.sqrt((f * (1 - f)) / n);
    }
  }
}

export type Verdict = { ok: boolean; crux: number; squiggle: number; tolerance: number };

/**
 * Compares Crux's estimate with Squiggle's under the rule above. `reference` supplies the samples for the standard
 * errors; `squiggleExact` removes Squiggle's share of the noise.
 */
export function compareEstimates(args: {
  crux: number;
  squiggle: number;
  reference: Float64Array;
  statistic: Statistic;
  cruxSamples: number;
  squiggleExact: boolean;
}): Verdict {
  const cruxError = standardError(args.reference, args.statistic, args.cruxSamples);
  const squiggleError = args.squiggleExact
    ? 0
    : standardError(args.reference, args.statistic, args.reference.length);
  const tolerance =
    STANDARD_ERRORS_ALLOWED * Math.hypot(cruxError, squiggleError) +
    FLOAT_TOLERANCE * Math.max(1, Math.abs(args.squiggle));
  const ok = Math.abs(args.crux - args.squiggle) <= tolerance;
  return { ok, crux: args.crux, squiggle: args.squiggle, tolerance };
}

/** Equality of deterministic numbers, up to floating-point rounding. */
export function numbersAgree(crux: number, squiggle: number): boolean {
  if (!Number.isFinite(squiggle)) return Object.is(crux, squiggle);
  return Math.abs(crux - squiggle) <= FLOAT_TOLERANCE * Math.max(1, Math.abs(squiggle));
}
