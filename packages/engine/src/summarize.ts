/**
 * Compact, structured-cloneable summaries of cell values: what the app's Web Worker posts to the page and what the
 * CLI prints. Never the raw sample arrays.
 */
import type { CruxError } from "./evaluate";
import {
  allFinite,
  type FirstOrderIndex,
  type Histogram,
  histogramOf,
  meanOf,
  orderStatistics,
  quantilesOf,
  stdevOf,
} from "./statistics";
import type { Value } from "./values";

export type Percentiles = { p5: number; p25: number; p50: number; p75: number; p95: number };

export type DistributionSummary = {
  type: "distribution";
  mean: number;
  stdev: number;
  /** Monte Carlo standard error of the mean. */
  stderr: number;
  min: number;
  max: number;
  percentiles: Percentiles;
  histogram: Histogram;
  /** For conditions (0/1 samples): the probability that it holds. */
  probability?: number;
  /** Spearman rank correlation with each upstream parameter, by parameter name. */
  sensitivity?: Record<string, number>;
  /**
   * First-order (Sobol main-effect) index of each upstream parameter: the share of this value's variance that the
   * parameter explains alone (`firstOrderIndex`). Absent when the value has non-finite samples or too few samples.
   */
  firstOrder?: Record<string, FirstOrderIndex>;
};

export type Blowup = { fraction: number; p5: number; p50: number; p95: number };

export type SeriesSummary =
  | { type: "series"; t: number[]; y: number[]; blowup?: Blowup }
  | {
      type: "series";
      t: number[];
      mean: number[];
      p5: number[];
      p50: number[];
      p95: number[];
      /** Present when some samples diverge in finite time: how many did, and when. */
      blowup?: Blowup;
    };

export type CellSummary =
  | { type: "number"; value: number }
  | { type: "boolean"; value: boolean }
  | { type: "string"; value: string }
  | DistributionSummary
  | SeriesSummary
  | { type: "list"; value: CellSummary[] }
  | { type: "record"; value: Record<string, CellSummary> }
  | { type: "function" }
  | ErrorSummary;

/** A cell's error: 1-based line and column when it has a position, and the failed input when it comes from one. */
export type ErrorSummary = {
  type: "error";
  message: string;
  line?: number;
  column?: number;
  dependency?: string;
};

export function summarizeError(error: CruxError): ErrorSummary {
  return {
    type: "error",
    message: error.message,
    ...(error.at ? { line: error.at.line, column: error.at.column } : {}),
    ...(error.dependency ? { dependency: error.dependency } : {}),
  };
}

export function summarizeValue(value: Value): CellSummary {
  switch (value.type) {
    case "number":
    case "boolean":
    case "string":
      return { type: value.type, value: value.value } as CellSummary;
    case "samples":
      return summarizeSamples(value.data, value.boolean === true);
    case "list":
      return { type: "list", value: value.items.map(summarizeValue) };
    case "record":
      return {
        type: "record",
        value: Object.fromEntries([...value.fields].map(([key, v]) => [key, summarizeValue(v)])),
      };
    case "function":
      return { type: "function" };
    case "series":
      return summarizeSeries(value);
  }
}

const SUMMARY_QUANTILES = [0.005, 0.05, 0.25, 0.5, 0.75, 0.95, 0.995];

export function summarizeSamples(data: Float64Array, isCondition = false): DistributionSummary {
  const finite = allFinite(data);
  const mean = finite ? meanOf(data) : Number.NaN;
  const stdev = finite ? stdevOf(data, mean) : Number.NaN;
  const { quantiles, min, max } = orderStatistics(data, SUMMARY_QUANTILES);
  const [histogramLow, p5, p25, p50, p75, p95, histogramHigh] = quantiles as number[];
  return {
    type: "distribution",
    mean,
    stdev,
    stderr: stdev / Math.sqrt(data.length),
    min,
    max,
    percentiles: { p5, p25, p50, p75, p95 } as Percentiles,
    histogram: histogramOf(data, histogramLow as number, histogramHigh as number),
    ...(isCondition ? { probability: mean } : {}),
  };
}

function summarizeSeries(value: Extract<Value, { type: "series" }>): SeriesSummary {
  const t = Array.from(value.t);
  const blowup = blowupOf(value.blowup?.times);
  const withBlowup = blowup ? { blowup } : {};
  if (value.y[0]?.type !== "samples")
    return {
      type: "series",
      t,
      y: value.y.map((v) => (v.type === "number" ? v.value : Number.NaN)),
      ...withBlowup,
    };
  const bands = { mean: [] as number[], p5: [] as number[], p50: [] as number[], p95: [] as number[] };
  for (const point of value.y) {
    const data = (point as Extract<Value, { type: "samples" }>).data;
    const [p5, p50, p95] = quantilesOf(data, [0.05, 0.5, 0.95]) as [number, number, number];
    bands.mean.push(meanOf(data));
    bands.p5.push(p5);
    bands.p50.push(p50);
    bands.p95.push(p95);
  }
  return { type: "series", t, ...bands, ...withBlowup };
}

function blowupOf(times: Float64Array | undefined): Blowup | undefined {
  const diverged = times?.filter((time) => !Number.isNaN(time));
  if (!times || !diverged?.length) return undefined;
  const [p5, p50, p95] = quantilesOf(diverged, [0.05, 0.5, 0.95]) as [number, number, number];
  return { fraction: diverged.length / times.length, p5, p50, p95 };
}
