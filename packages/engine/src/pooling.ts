/**
 * Pooling several people's estimates of one quantity (for comments and counter-estimates):
 * - linear pooling: the weighted mixture of the estimates;
 * - geometric pooling: density proportional to the weighted product of the estimates' densities, p ∝ Π p_i^w_i
 *   (weights normalised to sum to 1), computed on a shared histogram grid (log-spaced for positive quantities)
 *   and sampled back by inverse CDF.
 * Both take a list of estimates and an optional list of weights: Crux.poolLinear([a, b], [2, 1]).
 */
import { asSamples, type CellContext, CruxError } from "./evaluate";
import { quantilesOf } from "./statistics";
import { pickPerSample, scalar } from "./stdlib";
import { type CallSite, samples, type Value } from "./values";

const GRID_BINS = 200;

function estimatesAndWeights(args: Value[], site: CallSite, context: CellContext) {
  const [list, weightList] = args;
  if (list?.type !== "list" || list.items.length === 0)
    throw new CruxError("pooling takes a list of estimates, e.g. Crux.poolLinear([a, b])", site.node.at);
  const weights =
    weightList?.type === "list"
      ? weightList.items.map((w) => scalar(w, "a pooling weight", site))
      : list.items.map(() => 1);
  if (weights.length !== list.items.length)
    throw new CruxError(`${list.items.length} estimates but ${weights.length} weights`, site.node.at);
  const estimates = list.items.map((item) => asSamples(item, context.sampleCount, site.node.at));
  return { estimates, weights };
}

export function linearPool(args: Value[], site: CallSite, context: CellContext): Value {
  const { estimates, weights } = estimatesAndWeights(args, site, context);
  return pickPerSample(
    estimates.map((data) => samples(data)),
    weights,
    site,
    context,
  );
}

export function geometricPool(args: Value[], site: CallSite, context: CellContext): Value {
  const { estimates, weights } = estimatesAndWeights(args, site, context);
  const total = weights.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new CruxError("pooling weights must not all be zero", site.node.at);
  const ranges = estimates.map((estimate) => quantilesOf(estimate, [0.001, 0.999]) as [number, number]);
  const low = Math.min(...ranges.map(([first]) => first));
  const high = Math.max(...ranges.map(([, last]) => last));
  const log = low > 0;
  const [a, b] = log ? [Math.log(low), Math.log(high)] : [low, high];
  const width = (b - a) / GRID_BINS;
  if (!(width > 0)) return samples(new Float64Array(context.sampleCount).fill(low));
  const logDensity = new Float64Array(GRID_BINS);
  estimates.forEach((values, k) => {
    // A tiny floor keeps logs finite; where any estimate has (almost) no mass, the pool has (almost) none either.
    const counts = new Float64Array(GRID_BINS).fill(1e-9);
    for (const x of values) {
      const bin = Math.floor(((log ? Math.log(x) : x) - a) / width);
      if (bin >= 0 && bin < GRID_BINS) counts[bin] = (counts[bin] as number) + 1;
    }
    const w = (weights[k] as number) / total;
    for (let bin = 0; bin < GRID_BINS; bin++)
      logDensity[bin] = (logDensity[bin] as number) + w * Math.log(counts[bin] as number);
  });
  const peak = Math.max(...logDensity);
  const cumulative = new Float64Array(GRID_BINS);
  let sum = 0;
  for (let bin = 0; bin < GRID_BINS; bin++)
    cumulative[bin] = sum += Math.exp((logDensity[bin] as number) - peak);
  const stream = context.streamAt(site);
  const out = new Float64Array(context.sampleCount);
  for (let i = 0; i < out.length; i++) {
    const target = stream.uniform() * sum;
    let bin = 0;
    while (bin < GRID_BINS - 1 && (cumulative[bin] as number) < target) bin++;
    const x = a + (bin + stream.uniform()) * width;
    out[i] = log ? Math.exp(x) : x;
  }
  return samples(out);
}
