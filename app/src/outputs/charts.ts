/**
 * The charts of cell outputs, built with Observable Plot from engine summaries. Each builder takes the `document` to
 * build in (the page's, or jsdom's in tests) and returns the SVG element; React only mounts it (plot-figure.tsx).
 */
import type { DistributionSummary, SeriesSummary } from "@crux/engine";
import * as Plot from "@observablehq/plot";
import { formatCount, formatNumber, summaryLine } from "./format";

// Plot writes colours as SVG attributes, where CSS variables do not apply: globals.css's --accent, --ink, --danger.
const ACCENT = "#3b5bdb";
const INK = "#1f2330";
const DANGER = "#c92a2a";

/** Where to build a chart: the document (the page's, or jsdom's in tests) and the width available. */
export type Target = { document: Document; width: number };
type Build = Target & { log: boolean };

/** Suggest a log axis when the 90% interval spans more than three orders of magnitude. */
export function suggestsLog(low: number, high: number): boolean {
  return low > 0 && high / low > 1e3;
}

/** Offer the switch only where a log axis can show something different: positive values spanning a factor of 10. */
export function offersLog(low: number, high: number): boolean {
  return low > 0 && high / low >= 10;
}

type Bin = { x1: number; x2: number; density: number };

/**
 * Histogram bins as densities along the axis in use, so bar heights are right on either scale: the engine bins
 * log-spaced for wide positive ranges, and a linear bin seen on a log axis (or the reverse) has another width there.
 */
export function histogramBins(summary: DistributionSummary, log: boolean): Bin[] {
  const { edges, counts } = summary.histogram;
  const total = counts.reduce((sum, count) => sum + count, 0) || 1;
  const measure = log ? Math.log10 : (x: number) => x;
  return counts.flatMap((count, i) => {
    const x1 = edges[i] as number;
    const x2 = edges[i + 1] as number;
    const width = measure(x2) - measure(x1);
    return Number.isFinite(width) && width > 0 ? [{ x1, x2, density: count / total / width }] : [];
  });
}

/** Whether a distribution can be shown on a log axis (its histogram lies on positive numbers). */
export function allowsLog(summary: DistributionSummary): boolean {
  return (summary.histogram.edges[0] ?? 0) > 0;
}

export function distributionChart(summary: DistributionSummary, { document, width, log }: Build): Element {
  const { p5, p50, p95 } = summary.percentiles;
  // Labels lean away from the median so that close percentiles do not print over each other.
  const label = (x: number, text: string, textAnchor: "start" | "middle" | "end", dx: number) =>
    Plot.text([x], {
      x: (value: number) => value,
      text: () => text,
      textAnchor,
      dx,
      frameAnchor: "top",
      dy: -12,
      fill: INK,
      fontSize: 11,
    });
  return Plot.plot({
    document,
    width,
    height: 170,
    marginTop: 22,
    marginLeft: 16,
    marginRight: 16,
    ariaLabel: "Histogram of the distribution",
    ariaDescription: summaryLine(summary),
    x: { type: log ? "log" : "linear", label: null, tickFormat: formatNumber, ticks: 6 },
    y: { axis: null },
    marks: [
      Plot.rectY(histogramBins(summary, log), {
        x1: "x1",
        x2: "x2",
        y: "density",
        fill: ACCENT,
        fillOpacity: 0.35,
        inset: 0.5,
      }),
      Plot.ruleY([0], { stroke: INK, strokeOpacity: 0.4 }),
      Plot.ruleX([p5, p95], { stroke: INK, strokeDasharray: "4,3" }),
      Plot.ruleX([p50], { stroke: INK, strokeWidth: 2 }),
      label(p5, "p5", "end", -2),
      label(p50, "p50", "middle", 0),
      label(p95, "p95", "start", 2),
    ],
  });
}

type SeriesRow = { t: number; y?: number; mean?: number; p5?: number; p50?: number; p95?: number };

/** Diverged samples are +Infinity: left out (the line stops) rather than stretching the axis to infinity. */
function finite(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) ? value : Number.NaN;
}

export function seriesRows(summary: SeriesSummary): SeriesRow[] {
  return summary.t.map((t, i) =>
    "y" in summary
      ? { t, y: finite(summary.y[i]) }
      : {
          t,
          mean: finite(summary.mean[i]),
          p5: finite(summary.p5[i]),
          p50: finite(summary.p50[i]),
          p95: finite(summary.p95[i]),
        },
  );
}

/** Every finite value of the series, to decide whether a log axis is possible and useful. */
export function seriesRange(summary: SeriesSummary): { low: number; high: number } {
  const values = ("y" in summary ? summary.y : [...summary.p5, ...summary.p95]).filter(Number.isFinite);
  return { low: Math.min(...values), high: Math.max(...values) };
}

/** How many of `samples` blew up, and by when: "12 of 1,000 samples blew up by t = 50". */
export function blowupText(summary: SeriesSummary, samples: number): string | undefined {
  if (!summary.blowup) return undefined;
  const count = Math.round(summary.blowup.fraction * samples);
  return `${formatCount(count)} of ${formatCount(samples)} samples blew up by t = ${formatNumber(
    summary.t.at(-1) ?? Number.NaN,
  )} (median blow-up at t = ${formatNumber(summary.blowup.p50)})`;
}

export function seriesChart(summary: SeriesSummary, { document, width, log }: Build): Element {
  const rows = seriesRows(summary);
  const blowup = summary.blowup;
  const lines =
    "y" in summary
      ? [Plot.lineY(rows, { x: "t", y: "y", stroke: ACCENT, strokeWidth: 2 })]
      : [
          Plot.areaY(rows, { x: "t", y1: "p5", y2: "p95", fill: ACCENT, fillOpacity: 0.18 }),
          Plot.lineY(rows, { x: "t", y: "p50", stroke: ACCENT, strokeWidth: 2 }),
          Plot.lineY(rows, { x: "t", y: "mean", stroke: ACCENT, strokeDasharray: "5,4" }),
        ];
  const blowupMarks = blowup
    ? [
        Plot.rectX([blowup], { x1: "p5", x2: "p95", fill: DANGER, fillOpacity: 0.08 }),
        Plot.ruleX([blowup.p50], { stroke: DANGER, strokeWidth: 1.5 }),
        Plot.text([blowup.p50], {
          x: (t: number) => t,
          text: () => "blow-ups",
          frameAnchor: "top",
          dy: -12,
          fill: DANGER,
          fontSize: 11,
        }),
      ]
    : [];
  return Plot.plot({
    document,
    width,
    height: 220,
    marginTop: 22,
    marginLeft: 56,
    ariaLabel: "Line chart of the series over t",
    ariaDescription:
      "y" in summary
        ? "The value at each t."
        : "Median (solid), mean (dashed) and the 5th to 95th percentile band.",
    x: { label: "t", tickFormat: formatNumber },
    // A log axis with a grid line per minor tick would be mostly lines: few ticks, grid on decades only.
    y: {
      type: log ? "log" : "linear",
      label: null,
      tickFormat: formatNumber,
      grid: true,
      ticks: log ? 4 : 6,
    },
    marks: [...blowupMarks, ...lines],
  });
}

/** Rank correlations, strongest first. */
export function tornadoRows(sensitivity: Record<string, number>): { name: string; r: number }[] {
  return Object.entries(sensitivity)
    .filter(([, r]) => Number.isFinite(r))
    .map(([name, r]) => ({ name, r }))
    .sort((a, b) => Math.abs(b.r) - Math.abs(a.r) || a.name.localeCompare(b.name));
}

export function tornadoChart(sensitivity: Record<string, number>, { document, width }: Target): Element {
  const rows = tornadoRows(sensitivity);
  const longestName = Math.max(...rows.map((row) => row.name.length));
  const label = (row: { r: number }) => row.r.toFixed(2);
  return Plot.plot({
    document,
    width,
    // Room under the bars for the axis, so a bar reaching ±1 keeps its value label clear of the tick labels.
    height: 48 + rows.length * 24,
    marginLeft: Math.min(200, 16 + longestName * 7),
    marginRight: 36,
    ariaLabel: "Sensitivity: rank correlation of the result with each uncertain input",
    ariaDescription: rows.map((row) => `${row.name} ${label(row)}`).join(", "),
    x: { domain: [-1, 1], label: "rank correlation", ticks: 5 },
    y: { domain: rows.map((row) => row.name), label: null },
    marks: [
      Plot.barX(rows, { x: "r", y: "name", fill: (row) => (row.r < 0 ? DANGER : ACCENT), fillOpacity: 0.7 }),
      Plot.ruleX([0], { stroke: INK }),
      Plot.text(
        rows.filter((row) => row.r >= 0),
        { x: "r", y: "name", text: label, textAnchor: "start", dx: 4, fill: INK },
      ),
      Plot.text(
        rows.filter((row) => row.r < 0),
        { x: "r", y: "name", text: label, textAnchor: "end", dx: -4, fill: INK },
      ),
    ],
  });
}
