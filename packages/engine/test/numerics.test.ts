import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { streamFor } from "../src";
import { histogramOf, orderStatistics, quantileOfSorted, ranksOf } from "../src/statistics";
import { distribution, run } from "./helpers";

const sampleArrays = fc
  .array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 3000 })
  .map((values) => Float64Array.from(values));
const probabilities = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 9 });

describe("order statistics by selection", () => {
  it("equal the quantiles, min and max of a full sort (property)", () => {
    fc.assert(
      fc.property(sampleArrays, probabilities, (values, ps) => {
        const sorted = values.slice().sort();
        const { quantiles, min, max } = orderStatistics(values, ps);
        expect(quantiles).toEqual(ps.map((p) => quantileOfSorted(sorted, p)));
        expect([min, max]).toEqual([sorted[0], sorted.at(-1)]);
      }),
      { numRuns: 200 },
    );
  });

  it("handle ties, infinities, NaN and large arrays, and leave the input untouched", () => {
    const values = Float64Array.from({ length: 200_001 }, (_, i) => ((i * 7919) % 1000) - 500);
    values[5] = Number.POSITIVE_INFINITY;
    values[6] = Number.POSITIVE_INFINITY;
    const copy = values.slice();
    const sorted = values.slice().sort();
    const ps = [0, 0.005, 0.5, 0.999999, 1];
    expect(orderStatistics(values, ps).quantiles).toEqual(ps.map((p) => quantileOfSorted(sorted, p)));
    expect(values).toEqual(copy);
    expect(orderStatistics(Float64Array.of(1, Number.NaN, 0), [0.5]).quantiles).toEqual([1]);
  });
});

describe("ranks", () => {
  it("are the positions in sorted order, ties sharing their average position (property)", () => {
    const smallIntegers = fc
      .array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 200 })
      .map((values) => Float64Array.from(values));
    fc.assert(
      fc.property(smallIntegers, (values) => {
        const expected = [...values].map((x) => {
          const below = values.filter((y) => y < x).length;
          const equal = values.filter((y) => y === x).length;
          return below + (equal - 1) / 2;
        });
        expect([...ranksOf(values)]).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it("order any doubles, -0 tied with 0 and infinities at the ends, as a sort would (property)", () => {
    const doubles = fc
      .array(
        fc.oneof(
          fc.double({ noNaN: true }),
          fc.constantFrom(0, -0, 1, -1, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
        ),
        { minLength: 1, maxLength: 3000 },
      )
      .map((values) => Float64Array.from(values));
    fc.assert(
      fc.property(doubles, (values) => {
        const sorted = [...values].sort((a, b) => a - b);
        const ranks = ranksOf(values);
        values.forEach((x, i) => {
          const first = sorted.indexOf(x);
          const last = sorted.lastIndexOf(x);
          expect(ranks[i]).toBe((first + last) / 2);
        });
      }),
      { numRuns: 100 },
    );
  });

  // The radix digits widen with the array (8 bits below 4,096 values, 11 bits below 65,536, 16 bits from there).
  it.each([
    [4096, 5000],
    [65_536, 70_000],
  ])("rank %i or more values as a sort would (property)", (minLength, maxLength) => {
    const doubles = fc
      .array(fc.oneof(fc.double({ noNaN: true }), fc.integer({ min: -3, max: 3 }), fc.constant(-0)), {
        minLength,
        maxLength,
      })
      .map((values) => Float64Array.from(values));
    fc.assert(
      fc.property(doubles, (values) => {
        const sorted = values.slice().sort();
        const ranks = ranksOf(values);
        const mismatch = values.findIndex((x, i) => {
          const [first, last] = [countBelow(sorted, x), countBelow(sorted, x, true) - 1];
          return ranks[i] !== (first + last) / 2;
        });
        expect(mismatch).toBe(-1);
      }),
      { numRuns: 3, endOnFailure: true }, // shrinking thousands of values would take minutes
    );
  });

  it("put NaN last, each on its own", () => {
    expect([...ranksOf(Float64Array.of(Number.NaN, 2, 1, Number.NaN))]).toEqual([2, 1, 0, 3]);
  });
});

describe("histogram", () => {
  it("counts every sample between its bounds exactly once, on linear and log bins", () => {
    const values = Float64Array.from({ length: 10_000 }, (_, i) => 0.01 * 1.001 ** i);
    for (const [low, high] of [
      [0.01, 0.2],
      [0.01, 200],
    ] as const) {
      const { counts, edges, log } = histogramOf(values, low, high);
      const inside = values.filter((x) => x >= low && x <= high).length;
      expect(counts.reduce((a, b) => a + b, 0)).toBe(inside);
      expect(log).toBe(high / low > 100);
      expect(edges[0]).toBeCloseTo(low, 12);
    }
  });
});

describe("random streams", () => {
  it("fill arrays with the same normals as one-by-one draws, whatever the parity", () => {
    for (const [before, length] of [
      [0, 5],
      [1, 4],
      [1, 5],
      [2, 1],
    ] as const) {
      const one = streamFor(3, "cell", before);
      const bulk = streamFor(3, "cell", before);
      for (let i = 0; i < before; i++) expect(bulk.normal()).toBe(one.normal());
      const expected = Array.from({ length: length + 1 }, () => one.normal());
      const filled = bulk.fillNormal(new Float64Array(length));
      expect([...filled, bulk.normal()]).toEqual(expected);
    }
  });
});

describe("operators writing into temporaries", () => {
  it("never overwrite a value that a name still holds", () => {
    const get = run(
      {
        x: "normal(0, 1)",
        y: "exp(x)",
        twice: "z = x + 1\nw = z * 2\nw - z * 2",
        chain: "exp(-(x + 1)) * exp(x + 1) - 1",
        reused: "f(v) = v * 3\nf(x + 1) - (x + 1) * 3",
        again: "y - exp(x)",
      },
      { samples: 2000 },
    );
    for (const name of ["twice", "reused", "again"]) {
      const d = distribution(get(name));
      expect([name, d.min, d.max]).toEqual([name, 0, 0]);
    }
    const chain = distribution(get("chain"));
    expect(Math.max(Math.abs(chain.min), Math.abs(chain.max))).toBeLessThan(1e-12);
    expect(distribution(get("x")).mean).toBeCloseTo(0, 1);
  });
});

/** How many of the sorted values are below x (or at most x), by binary search: -0 and 0 count as equal. */
function countBelow(sorted: Float64Array, x: number, orEqual = false): number {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    const y = sorted[middle] as number;
    if (y < x || (orEqual && y === x)) low = middle + 1;
    else high = middle;
  }
  return low;
}
