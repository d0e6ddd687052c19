/**
 * Sensitivity of a distribution to each upstream parameter: Spearman's rank correlation and the first-order
 * (main-effect) index. What depends on a parameter alone — its ranks and its first-order binning — is computed once
 * per parameter value and reused by every cell downstream of it, in this run and the next ones, until the parameter
 * changes; an output's ranks are computed once per cell for all its parameters. A pair then costs two passes.
 */
import type { Graph, Outcome } from "./notebook";
import {
  allFinite,
  type FirstOrderBinning,
  type FirstOrderIndex,
  firstOrderBinning,
  firstOrderIndexOf,
  firstOrderOutput,
  ranksOf,
} from "./statistics";
import type { DistributionSummary } from "./summarize";

/**
 * Ranks minus their mean (n - 1) / 2 — what Spearman's correlation needs — and their sum of squares. Float32 holds
 * them exactly (half-integers below 2^23, far above the 1M-sample limit) at half the memory of a sample array.
 */
type CenteredRanks = { centered: Float32Array; sumOfSquares: number };
type RankedParameter = CenteredRanks & { binning: FirstOrderBinning | undefined };

export type SensitivityFields = Required<Pick<DistributionSummary, "sensitivity">> &
  Pick<DistributionSummary, "firstOrder">;

export class SensitivityAnalysis {
  /**
   * Keyed by the memory a parameter's samples occupy — buffer, then offset and length — rather than by the array
   * object, so a preview's prefix view of an unchanged parameter (a new view each preview) finds the ranks of the
   * last preview. Stored values are never written to and a changed parameter is a new buffer, so an entry is valid
   * exactly as long as its buffer lives, and the WeakMap drops it with the old value.
   */
  private readonly parameters = new WeakMap<ArrayBufferLike, Map<string, RankedParameter>>();

  /**
   * The sensitivity of cell `id`'s samples to every upstream parameter that is itself uncertain, and each one's
   * first-order variance share when the samples are finite. `shouldStop` is asked before each parameter; undefined
   * when it said yes.
   */
  of(
    graph: Graph,
    id: string,
    outcomes: Map<string, Outcome>,
    shouldStop: () => boolean,
  ): SensitivityFields | undefined {
    const output = samplesOf(outcomes.get(id));
    if (!output) throw new Error(`cell ${id} holds no samples`);
    const parameters = upstreamParameters(graph, id, outcomes);
    const sensitivity: Record<string, number> = {};
    const firstOrder: Record<string, FirstOrderIndex> = {};
    if (parameters.length === 0) return { sensitivity };
    if (shouldStop()) return undefined;
    const ranks = isParameter(graph, id) ? this.ranked(output) : centered(ranksOf(output));
    const moments = allFinite(output) ? firstOrderOutput(output) : undefined;
    for (const { name, data } of parameters) {
      if (shouldStop()) return undefined;
      const parameter = this.ranked(data);
      sensitivity[name] = correlation(parameter, ranks);
      if (parameter.binning && moments) firstOrder[name] = firstOrderIndexOf(parameter.binning, moments);
    }
    return Object.keys(firstOrder).length ? { sensitivity, firstOrder } : { sensitivity };
  }

  private ranked(data: Float64Array): RankedParameter {
    const views = this.parameters.get(data.buffer) ?? new Map<string, RankedParameter>();
    this.parameters.set(data.buffer, views);
    const view = `${data.byteOffset}:${data.length}`;
    const cached = views.get(view);
    if (cached) return cached;
    const ranks = ranksOf(data);
    const ranked = { ...centered(ranks), binning: firstOrderBinning(ranks) };
    views.set(view, ranked);
    return ranked;
  }
}

/** Parameters are the named cells that are not models: the inputs sensitivity is reported for. */
function isParameter(graph: Graph, id: string): boolean {
  const cell = graph.cells.get(id);
  return cell?.name !== undefined && cell.kind !== "model";
}

function upstreamParameters(graph: Graph, id: string, outcomes: Map<string, Outcome>) {
  const parameters: { name: string; data: Float64Array }[] = [];
  for (const upstreamId of upstreamOf(graph, id)) {
    const data = samplesOf(outcomes.get(upstreamId));
    const name = graph.cells.get(upstreamId)?.name;
    if (data && name !== undefined && isParameter(graph, upstreamId)) parameters.push({ name, data });
  }
  return parameters;
}

function samplesOf(outcome: Outcome | undefined): Float64Array | undefined {
  return outcome?.ok && outcome.value.type === "samples" ? outcome.value.data : undefined;
}

function centered(ranks: Float64Array): CenteredRanks {
  const middle = (ranks.length - 1) / 2;
  const centeredRanks = new Float32Array(ranks.length);
  let sumOfSquares = 0;
  for (let i = 0; i < ranks.length; i++) {
    const deviation = (ranks[i] as number) - middle;
    centeredRanks[i] = deviation;
    sumOfSquares += deviation * deviation;
  }
  return { centered: centeredRanks, sumOfSquares };
}

/** Pearson's correlation of two rank vectors, i.e. Spearman's (0 when either is constant). */
function correlation(x: CenteredRanks, y: CenteredRanks): number {
  if (!(x.sumOfSquares > 0 && y.sumOfSquares > 0)) return 0;
  const [a, b] = [x.centered, y.centered];
  let products = 0;
  for (let i = 0; i < a.length; i++) products += (a[i] as number) * (b[i] as number);
  return products / Math.sqrt(x.sumOfSquares * y.sumOfSquares);
}

function upstreamOf(graph: Graph, id: string): Set<string> {
  const seen = new Set<string>();
  const stack = [...(graph.dependencies.get(id) ?? [])];
  while (stack.length) {
    const next = stack.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(graph.dependencies.get(next) ?? []));
  }
  return seen;
}
