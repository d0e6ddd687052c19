/**
 * Numbers as a forecaster reads them: three significant digits (Monte Carlo results carry no more), thousands
 * separators up to a million, scientific notation beyond (1.2e29) and below a thousandth, probabilities as
 * percentages.
 */
import type { CellSummary, DistributionSummary } from "@crux/engine";

const SIGNIFICANT = 3;
const GROUPED = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "-∞";
  if (x === 0) return "0";
  const rounded = Number(x.toPrecision(SIGNIFICANT));
  const magnitude = Math.abs(rounded);
  if (magnitude >= 1e6 || magnitude < 1e-3) return scientific(x);
  if (magnitude >= 1e3) return GROUPED.format(rounded);
  return String(rounded);
}

/** An exact count, such as a number of samples: every digit, grouped (1,000,000). */
export function formatCount(n: number): string {
  return GROUPED.format(n);
}

/** 2 significant digits: 1.2e29, 3e-5 (a trailing ".0" says nothing). */
function scientific(x: number): string {
  const [mantissa, exponent] = x.toExponential(1).split("e") as [string, string];
  return `${mantissa.replace(/\.0$/, "")}e${Number(exponent)}`;
}

/** A probability in [0, 1] as a percentage: 34%, 2.5%, 0.12%, and "<0.01%" or ">99.99%" near certainty. */
export function formatProbability(p: number): string {
  if (Number.isNaN(p)) return "NaN";
  if (p <= 0 || p >= 1) return `${p <= 0 ? 0 : 100}%`;
  const percent = p * 100;
  if (percent < 0.01) return "<0.01%";
  if (percent > 99.99) return ">99.99%";
  const digits = percent >= 10 ? (percent > 99 ? 2 : 0) : percent >= 1 ? 1 : 2;
  return `${Number(percent.toFixed(digits))}%`;
}

/** The p50 with its 90% interval: "3.1 (1.2 to 7.9)", or the probability of a condition: "34%". */
function distributionValue(summary: DistributionSummary): string {
  if (summary.probability !== undefined) return formatProbability(summary.probability);
  const { p5, p50, p95 } = summary.percentiles;
  if (p5 === p95) return formatNumber(p50);
  return `${formatNumber(p50)} (${formatNumber(p5)} to ${formatNumber(p95)})`;
}

/**
 * Short text for quoting a value inside reasoning text. Pass `probability` from the cell's result (`CellResult`) so
 * that a `P(...)` cell, whose summary is a plain number, reads as a percentage.
 */
export function inlineValue(summary: CellSummary, options: { probability?: boolean } = {}): string {
  switch (summary.type) {
    case "number":
      return options.probability ? formatProbability(summary.value) : formatNumber(summary.value);
    case "boolean":
      return summary.value ? "true" : "false";
    case "string":
      return summary.value;
    case "distribution":
      return distributionValue(summary);
    case "series": {
      const last = "y" in summary ? summary.y.at(-1) : summary.p50.at(-1);
      return `series to t = ${formatNumber(summary.t.at(-1) ?? 0)}: ${formatNumber(last ?? Number.NaN)}`;
    }
    case "list":
      return `[${summary.value.map((item) => inlineValue(item)).join(", ")}]`;
    case "record":
      return `{${Object.entries(summary.value)
        .map(([key, value]) => `${key}: ${inlineValue(value)}`)
        .join(", ")}}`;
    case "function":
      return "function";
    case "error":
      return "error";
  }
}

/** The one-line summary under a distribution chart. */
export function summaryLine(summary: DistributionSummary): string {
  const { p5, p50, p95 } = summary.percentiles;
  return `p5 ${formatNumber(p5)} · p50 ${formatNumber(p50)} · p95 ${formatNumber(p95)} · mean ${formatNumber(
    summary.mean,
  )} ± ${formatNumber(summary.stderr)}`;
}
