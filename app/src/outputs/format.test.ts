import { type CellSummary, evaluateNotebook } from "@crux/engine";
import { describe, expect, it } from "vitest";
import { formatCount, formatNumber, formatProbability, inlineValue, summaryLine } from "./format";

describe("formatNumber", () => {
  it.each([
    [0, "0"],
    [Math.E, "2.72"],
    [12, "12"],
    [0.0123456, "0.0123"],
    [4.56789, "4.57"],
    [0.001, "0.001"],
    [999.7, "1,000"],
    [1234.5, "1,230"],
    [-45678, "-45,700"],
    [999_999, "1e6"],
    [1.234e29, "1.2e29"],
    [-2.5e7, "-2.5e7"],
    [0.00034, "3.4e-4"],
    [6.02e-23, "6e-23"],
    [Number.POSITIVE_INFINITY, "∞"],
    [Number.NEGATIVE_INFINITY, "-∞"],
    [Number.NaN, "NaN"],
  ])("%d as %s", (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });
});

describe("formatCount", () => {
  it("keeps every digit of a count, grouped", () => {
    expect(formatCount(1_000_000)).toBe("1,000,000");
    expect(formatCount(999)).toBe("999");
  });
});

describe("formatProbability", () => {
  it.each([
    [0, "0%"],
    [1, "100%"],
    [0.344, "34%"],
    [0.025, "2.5%"],
    [0.00123, "0.12%"],
    [0.000001, "<0.01%"],
    [0.9957, "99.57%"],
    [0.999999, ">99.99%"],
  ])("%d as %s", (value, text) => {
    expect(formatProbability(value)).toBe(text);
  });
});

describe("inlineValue", () => {
  const summaries = evaluateNotebook(
    [
      { id: "n", source: "1.234e29" },
      { id: "flag", source: "3 > 2" },
      { id: "label", source: '"hello"' },
      { id: "x", source: "normal(10, 2)" },
      { id: "point", source: "normal(5, 0)" },
      { id: "chance", source: "normal(0, 1) > 0" },
      { id: "items", source: "[1, 2500]" },
      { id: "pair", source: "{ low: 1, high: 2 }" },
      { id: "f", source: "{|v| v * 2}" },
      { id: "bad", source: "1 +" },
    ],
    { samples: 20_000, seed: 3 },
  );
  const value = (id: string) => inlineValue(summaries.get(id) as CellSummary);

  it("quotes numbers, booleans, strings, lists, records and functions briefly", () => {
    expect(value("n")).toBe("1.2e29");
    expect(inlineValue({ type: "number", value: 0.378 }, { probability: true })).toBe("38%");
    expect(value("flag")).toBe("true");
    expect(value("label")).toBe("hello");
    expect(value("items")).toBe("[1, 2,500]");
    expect(value("pair")).toBe("{low: 1, high: 2}");
    expect(value("f")).toBe("function");
    expect(value("bad")).toBe("error");
  });

  it("gives a distribution's median and 90% interval, and a condition's probability", () => {
    expect(value("x")).toMatch(/^(9\.9\d|10(\.\d+)?) \(6\.\d+ to 13\.\d+\)$/);
    expect(value("point")).toBe("5");
    expect(value("chance")).toMatch(/^(49|50|51)%$/);
  });

  it("ends a series with its last median", () => {
    const series: CellSummary = {
      type: "series",
      t: [0, 1, 2],
      mean: [1, 2, 4],
      p5: [1, 1, 1],
      p50: [1, 2, 3.5],
      p95: [1, 3, 9],
    };
    expect(inlineValue(series)).toBe("series to t = 2: 3.5");
  });
});

describe("summaryLine", () => {
  it("lists p5, p50, p95 and the mean with its standard error", () => {
    const summary = evaluateNotebook([{ id: "x", source: "lognormal(10, 1)" }], {
      samples: 10_000,
      seed: 1,
    }).get("x");
    if (summary?.type !== "distribution") throw new Error("expected a distribution");
    expect(summaryLine(summary)).toMatch(
      /^p5 [\d,.e]+ · p50 [\d,.e]+ · p95 [\d,.e]+ · mean [\d,.e]+ ± [\d,.e]+$/,
    );
    expect(summaryLine(summary)).toContain(`p50 ${formatNumber(summary.percentiles.p50)}`);
  });
});
