// @vitest-environment jsdom
import { type CellSummary, evaluateNotebook, type SeriesSummary } from "@crux/engine";
import { describe, expect, it } from "vitest";
import {
  allowsLog,
  blowupText,
  distributionChart,
  histogramBins,
  seriesChart,
  seriesRows,
  suggestsLog,
  tornadoChart,
  tornadoRows,
} from "./charts";
import { formatNumber } from "./format";

const summaries = evaluateNotebook(
  [
    { id: "rate", name: "rate", source: "lognormal(0, 0.5)", kind: "parameter" },
    { id: "scale", name: "scale", source: "normal(100, 15)", kind: "parameter" },
    { id: "noise", name: "noise", source: "normal(0, 1)", kind: "parameter" },
    { id: "output", name: "output", source: "rate * scale + noise", kind: "model" },
    { id: "wide", name: "wide", source: "lognormal(10, 3)", kind: "parameter" },
  ],
  { samples: 20_000, seed: 11 },
  { sensitivity: true },
);

function distribution(id: string) {
  const summary = summaries.get(id) as CellSummary;
  if (summary.type !== "distribution") throw new Error(`${id} is not a distribution`);
  return summary;
}

const texts = (chart: Element) => [...chart.querySelectorAll("text")].map((node) => node.textContent);

describe("distribution chart", () => {
  it("draws a bar per bin, rules at p5/p50/p95 with labels, and describes itself", () => {
    const summary = distribution("output");
    const chart = distributionChart(summary, { document, width: 640, log: false });
    expect(chart.getAttribute("aria-label")).toBe("Histogram of the distribution");
    expect(chart.getAttribute("aria-description")).toContain(`p50 ${formatNumber(summary.percentiles.p50)}`);
    expect(chart.querySelectorAll("rect")).toHaveLength(histogramBins(summary, false).length);
    expect(texts(chart)).toEqual(expect.arrayContaining(["p5", "p50", "p95"]));
    // Two dashed rules (p5, p95) and the solid median.
    const rules = [...chart.querySelectorAll("line")].filter((line) => !line.closest("[aria-label$='axis']"));
    expect(rules.length).toBeGreaterThanOrEqual(3);
  });

  it("suggests a log axis for a heavy tail and gives bars the same area on either axis", () => {
    const wide = distribution("wide");
    expect(suggestsLog(wide.percentiles.p5, wide.percentiles.p95)).toBe(true);
    expect(suggestsLog(distribution("output").percentiles.p5, distribution("output").percentiles.p95)).toBe(
      false,
    );
    expect(allowsLog(wide)).toBe(true);
    expect(allowsLog(distribution("noise"))).toBe(false);
    for (const log of [false, true]) {
      const measure = log ? Math.log10 : (x: number) => x;
      const area = histogramBins(wide, log).reduce(
        (sum, bin) => sum + bin.density * (measure(bin.x2) - measure(bin.x1)),
        0,
      );
      expect(area).toBeCloseTo(1, 9);
    }
    const chart = distributionChart(wide, { document, width: 640, log: true });
    expect(texts(chart).some((text) => /e\d/.test(text ?? ""))).toBe(true);
  });
});

describe("tornado chart", () => {
  it("ranks the uncertain inputs by the magnitude of their rank correlation", () => {
    const rows = tornadoRows(distribution("output").sensitivity ?? {});
    expect(rows.map((row) => row.name)).toEqual(["rate", "scale", "noise"]);
    expect(Math.abs(rows[2]?.r ?? 1)).toBeLessThan(0.1);
    const chart = tornadoChart(distribution("output").sensitivity ?? {}, { document, width: 640 });
    expect(chart.getAttribute("aria-label")).toMatch(/^Sensitivity/);
    const labels = texts(chart);
    expect(labels.indexOf("rate")).toBeLessThan(labels.indexOf("scale"));
    expect(chart.querySelectorAll("rect")).toHaveLength(3);
  });
});

describe("series chart", () => {
  const growth = evaluateNotebook(
    [
      { id: "k", name: "k", source: "uniform(0.5, 2)" },
      { id: "path", name: "path", source: "Sim.ode({ y0: 1, t1: 3, f: {|t, y| k * y * y} })" },
    ],
    { samples: 400, seed: 5 },
  ).get("path") as SeriesSummary;

  it("draws the band, the median and the mean, marks blow-ups and counts them", () => {
    expect(growth.type).toBe("series");
    expect(growth.blowup).toBeDefined();
    const chart = seriesChart(growth, { document, width: 640, log: false });
    expect(chart.getAttribute("aria-label")).toMatch(/series/);
    expect(chart.querySelectorAll("g[aria-label='line'] path")).toHaveLength(2);
    expect(chart.querySelectorAll("g[aria-label='area'] path")).toHaveLength(1);
    expect(texts(chart)).toContain("blow-ups");
    // Diverged samples (+Infinity) break the lines instead of stretching the axis.
    expect(seriesRows(growth).some((row) => Number.isNaN(row.p95))).toBe(true);
    const count = Math.round((growth.blowup?.fraction ?? 0) * 400);
    expect(blowupText(growth, 400)).toBe(
      `${count} of 400 samples blew up by t = 3 (median blow-up at t = ${formatNumber(growth.blowup?.p50 ?? 0)})`,
    );
  });

  it("draws a single line for a series without uncertainty", () => {
    const line: SeriesSummary = { type: "series", t: [0, 1, 2], y: [1, 2.7, 7.4] };
    const chart = seriesChart(line, { document, width: 640, log: true });
    expect(chart.querySelectorAll("g[aria-label='line'] path")).toHaveLength(1);
    expect(chart.querySelectorAll("g[aria-label='area'] path")).toHaveLength(0);
    expect(blowupText(line, 100)).toBeUndefined();
  });
});
