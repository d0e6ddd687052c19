import { describe, expect, it } from "vitest";
import { type CellInput, evaluateNotebook } from "../src";
import { firstOrderIndex, ranksOf } from "../src/statistics";
import { distribution } from "./helpers";

const parameter = (name: string, source: string): CellInput => ({
  id: name,
  name,
  source,
  kind: "parameter",
});
const model = (name: string, source: string): CellInput => ({ id: name, name, source, kind: "model" });

function sensitivityOf(cells: CellInput[], output: string, seed = 1, samples = 20_000) {
  const summaries = evaluateNotebook(cells, { samples, seed }, { sensitivity: true });
  return distribution(summaries.get(output) ?? { type: "function" });
}

describe("first-order (variance-based) sensitivity", () => {
  it("gives 0.2 and 0.8 for Y = X1 + 2 X2 with independent standard normals", () => {
    const cells = [
      parameter("x1", "normal(0, 1)"),
      parameter("x2", "normal(0, 1)"),
      model("y", "x1 + 2 * x2"),
    ];
    const { firstOrder } = sensitivityOf(cells, "y");
    const [x1, x2] = [firstOrder?.x1, firstOrder?.x2];
    expect(x1?.index).toBeCloseTo(0.2, 1);
    expect(x2?.index).toBeCloseTo(0.8, 1);
    // Within four standard errors plus the documented binning bias (0.5% of the index at 50 bins).
    expect(Math.abs((x1?.index ?? 0) - 0.2)).toBeLessThan(4 * (x1?.stderr ?? 0) + 0.005 * 0.2);
    expect(Math.abs((x2?.index ?? 0) - 0.8)).toBeLessThan(4 * (x2?.stderr ?? 0) + 0.005 * 0.8);
  });

  it("sees a non-monotone effect that rank correlation misses (Y = X^2)", () => {
    // Var(X^2) = 4/45 for X uniform on [-1, 1], so S = (4/45) / (4/45 + 0.01^2) = 0.9989.
    const cells = [
      parameter("x", "uniform(-1, 1)"),
      parameter("noise", "normal(0, 0.01)"),
      model("y", "x^2 + noise"),
    ];
    const summary = sensitivityOf(cells, "y");
    expect(Math.abs(summary.sensitivity?.x ?? 1)).toBeLessThan(0.05);
    expect(summary.firstOrder?.x?.index).toBeGreaterThan(0.98);
    expect(summary.firstOrder?.noise?.index).toBeLessThan(0.02);
  });

  it("reports a standard error that matches the spread of the index across seeds", () => {
    const cells = [
      parameter("x1", "normal(0, 1)"),
      parameter("x2", "lognormal(0, 1)"),
      model("y", "x1 + x2"),
    ];
    const runs = Array.from(
      { length: 24 },
      (_, seed) => sensitivityOf(cells, "y", seed + 1, 4000).firstOrder?.x1,
    );
    const indices = runs.map((run) => run?.index ?? Number.NaN);
    const mean = indices.reduce((a, b) => a + b, 0) / indices.length;
    const spread = Math.sqrt(indices.reduce((a, b) => a + (b - mean) ** 2, 0) / (indices.length - 1));
    const reported = runs.reduce((a, run) => a + (run?.stderr ?? Number.NaN), 0) / runs.length;
    expect(spread / reported).toBeGreaterThan(0.5);
    expect(spread / reported).toBeLessThan(2);
  });

  it("is near zero for an input the output does not depend on, and absent below 200 samples", () => {
    const x = Float64Array.from({ length: 10_000 }, (_, i) => (Math.sin(i * 12.9898) * 43758.5453) % 1);
    const unrelated = Float64Array.from({ length: 10_000 }, (_, i) => (Math.cos(i * 78.233) * 12345.678) % 1);
    const estimate = firstOrderIndex(ranksOf(x), unrelated);
    expect(estimate?.index).toBeLessThan(3 * (estimate?.stderr ?? 0) + 1e-9);
    expect(firstOrderIndex(ranksOf(x.subarray(0, 100)), unrelated.subarray(0, 100))).toBeUndefined();
  });

  it("is left out when the output diverges for some samples", () => {
    const cells = [parameter("x", "normal(0, 1)"), model("y", "x > 1 ? 1 / 0 : x")];
    const summary = sensitivityOf(cells, "y", 1, 2000);
    expect(summary.sensitivity?.x).toBeGreaterThan(0.9);
    expect(summary.firstOrder).toBeUndefined();
  });
});
