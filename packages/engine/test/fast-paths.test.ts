import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EngineSession } from "../src";
import { BINARY_KERNELS, SCALAR_LEFT_KERNELS, SCALAR_RIGHT_KERNELS } from "../src/kernels";

const positive = fc.double({ min: 1e-300, max: 1e60, noNaN: true });
const exponent = fc.double({ min: -20, max: 20, noNaN: true });

describe("x ^ p through exp and log", () => {
  it("agrees with Math.pow within 2e-13 relative for positive x and normal results, in all three kernels (property)", () => {
    fc.assert(
      fc.property(positive, exponent, (x, p) => {
        const expected = x ** p;
        // exp(p · log x) is off by about |p · log x| · 2^-53 relative: at most 709 · 2^-52 for a normal result.
        fc.pre(expected > 1e-300 && expected < 1e300);
        const results = [new Float64Array(1), new Float64Array(1), new Float64Array(1)];
        BINARY_KERNELS["^"]?.(Float64Array.of(x), Float64Array.of(p), results[0] as Float64Array);
        SCALAR_LEFT_KERNELS["^"]?.(x, Float64Array.of(p), results[1] as Float64Array);
        SCALAR_RIGHT_KERNELS["^"]?.(Float64Array.of(x), p, results[2] as Float64Array);
        for (const [actual] of results as [Float64Array, Float64Array, Float64Array]) {
          expect(Math.abs((actual as number) / expected - 1)).toBeLessThan(2e-13);
        }
      }),
    );
  });

  it("keeps Math.pow's exact results for integer exponents and its special cases", () => {
    const x = Float64Array.of(2, 10, -2, 0, Number.POSITIVE_INFINITY, Number.NaN, -8);
    const p = Float64Array.of(10, 3, 3, 0.5, 0.5, 0.5, 1 / 3);
    const out = new Float64Array(x.length);
    BINARY_KERNELS["^"]?.(x, p, out);
    expect([...out]).toEqual([...x].map((value, i) => value ** (p[i] as number)));
    expect(out[0]).toBe(1024);
  });
});

describe("EngineSession timings", () => {
  it("reports the milliseconds of exactly the cells it re-evaluated", () => {
    const session = new EngineSession({ samples: 1000, seed: 1 });
    session.setCell({ id: "a", name: "a", source: "normal(0, 1)" });
    session.setCell({ id: "b", name: "b", source: "a * 2" });
    session.setCell({ id: "c", name: "c", source: "3" });
    expect([...session.evaluate().cellMs.keys()].sort()).toEqual(["a", "b", "c"]);
    session.setCell({ id: "a", name: "a", source: "normal(1, 1)" });
    const { cellMs } = session.evaluate();
    expect([...cellMs.keys()].sort()).toEqual(["a", "b"]);
    for (const ms of cellMs.values()) expect(ms).toBeGreaterThanOrEqual(0);
  });
});
