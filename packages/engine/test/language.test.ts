import { describe, expect, it } from "vitest";
import { distribution, error, run, value } from "./helpers";

const one = (source: string) => run({ x: source })("x");

describe("numbers and operators", () => {
  it.each([
    ["1_000_000", 1e6],
    ["2.5k", 2500],
    ["1B", 1e9],
    ["5%", 0.05],
    ["3M", 3e6],
    ["1e29", 1e29],
    ["2^3^2", 512],
    ["-2^2", 4],
    ["-(2^2)", -4],
    ["2^-1", 0.5],
    ["1 + 2 * 3", 7],
    ["(1 + 2) * 3", 9],
    ["10 / 4", 2.5],
    ["true ? 1 : 2", 1],
    ["if 1 > 2 then 3 else 4", 4],
    ["x = 2\ny = x * 3\ny + 1", 7],
    ["{ a = 2; a * a }", 4],
    ["f(x, y) = x * y\nf(3, 4)", 12],
    ["{|x| x + 1}(41)", 42],
    ["List.reduce(List.upTo(1, 4), 0, {|acc, x| acc + x})", 10],
    ["List.length([1, 2, 3])", 3],
    ["{a: 1, b: {c: 5}}.b.c", 5],
    ["max(3, 7, 5)", 7],
    ["Math.sqrt(16) + sqrt(9) + Math.pi * 0", 7],
    ["exp(log(5))", 5],
    ["log10(1000) + log2(8)", 6],
    ["abs(-3) + floor(2.7) + ceil(2.1) + round(2.5)", 11],
    ["mean(pointMass(3))", 3],
    ["// a comment\n1 /* inline */ + 1", 2],
  ])("%s = %d", (source, expected) => {
    expect(value(one(source))).toBeCloseTo(expected, 9);
  });

  it("compares and combines booleans", () => {
    expect(value(one("1 < 2 && !(3 <= 2) || false"))).toBe(true);
    expect(value(one("2 == 2 != false"))).toBe(true);
  });

  it("maps lists with functions", () => {
    expect(one("List.map([1, 2, 3], {|x| x * 2})")).toEqual({
      type: "list",
      value: [2, 4, 6].map((v) => ({ type: "number", value: v })),
    });
  });
});

describe("distributions", () => {
  it("puts `a to b` at the 5th and 95th percentiles of a lognormal", () => {
    const d = distribution(one("2 to 20"));
    expect(d.percentiles.p5).toBeCloseTo(2, 0);
    expect(d.percentiles.p95 / 20).toBeCloseTo(1, 1);
    expect(d.percentiles.p50 / Math.sqrt(40)).toBeCloseTo(1, 1);
    expect(d.min).toBeGreaterThan(0);
  });

  it("gives the normal with those percentiles when a <= 0, and refuses a >= b", () => {
    const d = distribution(one("-1 to 1"));
    expect(d.mean).toBeCloseTo(0, 1);
    expect(d.percentiles.p95).toBeCloseTo(1, 1);
    expect(error(one("5 to 5")).message).toBe("in 'a to b', a must be less than b (got 5 to 5)");
  });

  it.each([
    ["normal(10, 2)", 10, 2],
    ["normal({p5: 0, p95: 3.29})", 1.645, 1],
    ["lognormal({mean: 5, stdev: 2})", 5, 2],
    ["uniform(2, 4)", 3, 2 / Math.sqrt(12)],
    ["beta(2, 6)", 0.25, Math.sqrt((2 * 6) / (64 * 9))],
    ["triangular(0, 1, 2)", 1, Math.sqrt(1 / 6)],
    ["mixture(normal(0, 1), normal(10, 1), [0.5, 0.5])", 5, Math.sqrt(26)],
    [
      "loguniform(1, 100)",
      99 / Math.log(100),
      Math.sqrt(9999 / (2 * Math.log(100)) - (99 / Math.log(100)) ** 2),
    ],
  ])("%s has mean %d and stdev %d", (source, mean, stdev) => {
    const d = distribution(one(source));
    expect(Math.abs(d.mean - mean)).toBeLessThan(6 * d.stderr);
    expect(d.stdev / stdev).toBeCloseTo(1, 1);
  });

  it("shares one sample index across cells: x - x is exactly 0 and x / x exactly 1", () => {
    const get = run({ x: "1 to 10", y: "x", zero: "x - y", ratio: "y / x" });
    expect(distribution(get("zero")).max).toBe(0);
    expect(distribution(get("zero")).min).toBe(0);
    expect(distribution(get("ratio")).percentiles).toEqual({ p5: 1, p25: 1, p50: 1, p75: 1, p95: 1 });
  });

  it("draws independently at each random call, even of the same function", () => {
    const d = distribution(one("f() = normal(0, 1)\nf() - f()"));
    expect(d.stdev).toBeCloseTo(Math.SQRT2, 1);
  });

  it("computes probabilities and quantiles of distributions", () => {
    const get = run({ r: "loguniform(0.4, 3.6)", p: "P(r > 1)", q: "quantile(r, 0.5)", c: "cdf(r, 1)" });
    const exact = Math.log(3.6) / Math.log(9);
    expect(value(get("p"))).toBeCloseTo(exact, 1);
    expect(value(get("c"))).toBeCloseTo(1 - exact, 1);
    expect(value(get("q"))).toBeCloseTo(1.2, 1);
  });

  it("applies math functions sample by sample", () => {
    const d = distribution(one("Math.sqrt(uniform(0, 4)) ^ 2"));
    expect(d.mean).toBeCloseTo(2, 1);
  });
});

describe("errors", () => {
  it("positions syntax errors", () => {
    expect(error(one("1 +\n  * 2"))).toMatchObject({ line: 2, column: 3, message: "unexpected '*'" });
    expect(error(one("normal(1, 2"))).toMatchObject({ line: 1, column: 12 });
  });

  it("suggests the closest name for an unknown one", () => {
    const get = run({ lambda: "3", x: "lamda * 2" });
    expect(error(get("x"))).toEqual({
      type: "error",
      message: "unknown name 'lamda' (did you mean 'lambda'?)",
      line: 1,
      column: 1,
    });
    expect(error(one("lognormall(1, 2)")).message).toContain("did you mean 'lognormal'?");
  });

  it("names a dependency cycle and the failed input of a dependent cell", () => {
    const get = run({ a: "b + 1", b: "a + 1", c: "a * 2" });
    expect(error(get("a")).message).toBe("dependency cycle: a -> b -> a");
    expect(error(get("c"))).toMatchObject({ message: "depends on 'a', which has an error", dependency: "a" });
  });

  it("stops runaway recursion and oversized sample counts with an error in the cell", () => {
    expect(error(one("f(x) = f(x + 1)\nf(1)")).message).toMatch(/recursion deeper than/);
    expect(error(run({ x: "1 to 2" }, { samples: 2_000_000 })("x")).message).toMatch(
      /sample count must be between 1 and 1,000,000/,
    );
  });
});
