import { describe, expect, it } from "vitest";
import { compareEstimates, type Statistic, statisticOfSorted } from "./monte-carlo-error";
import { evaluateWithSquiggle } from "./squiggle-oracle";

// The tolerance rule must be neither flaky nor vacuous: two independent Squiggle runs of the same distribution
// agree under it, and a distribution a few percent off is caught.
const SAMPLES = 20_000;

async function squiggleSamples(code: string, seed: string): Promise<Float64Array> {
  const reference = await evaluateWithSquiggle(code, { samples: SAMPLES, seed });
  if (reference.kind !== "distribution") throw new Error(`expected a distribution from ${code}`);
  return reference.sorted;
}

const statistics: Statistic[] = [
  { name: "mean" },
  { name: "stdev" },
  ...[0.05, 0.25, 0.5, 0.75, 0.95].map((p): Statistic => ({ name: "quantile", p })),
  { name: "cdf", at: 6 },
];

function verdicts(candidate: Float64Array, reference: Float64Array) {
  return statistics.map((statistic) =>
    compareEstimates({
      crux: statisticOfSorted(candidate, statistic),
      squiggle: statisticOfSorted(reference, statistic),
      reference,
      statistic,
      cruxSamples: candidate.length,
      squiggleExact: false,
    }),
  );
}

describe("the Monte Carlo tolerance rule", () => {
  it.each(["normal(5, 2)", "1 to 10", "beta(2, 5) * 10", "mixture(normal(0, 1), normal(5, 1), [0.3, 0.7])"])(
    "accepts an independent run of %s",
    async (code) => {
      const [first, second] = await Promise.all([
        squiggleSamples(code, "first"),
        squiggleSamples(code, "second"),
      ]);
      expect(verdicts(first, second).filter((v) => !v.ok)).toEqual([]);
    },
  );

  it.each([
    ["a mean shifted by a tenth of a standard deviation", "normal(5, 2)", "normal(5.2, 2)"],
    ["a standard deviation 5% too large", "normal(5, 2)", "normal(5, 2.1)"],
    [
      "a lognormal with the same median and a 10% wider spread",
      "lognormal(1.6, 0.4)",
      "lognormal(1.6, 0.44)",
    ],
  ])("rejects %s", async (_, right, wrong) => {
    const [reference, candidate] = await Promise.all([
      squiggleSamples(right, "first"),
      squiggleSamples(wrong, "second"),
    ]);
    expect(verdicts(candidate, reference).some((v) => !v.ok)).toBe(true);
  });
});
