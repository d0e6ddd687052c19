import { type CellSummary, evaluateNotebook } from "@crux/engine";
import { beforeAll, describe, expect, it } from "vitest";
import { type DifferentialCase, differentialCases } from "./cases";
import {
  compareEstimates,
  numbersAgree,
  type Statistic,
  statisticOfSorted,
  type Verdict,
} from "./monte-carlo-error";
import { evaluateWithSquiggle, type Reference } from "./squiggle-oracle";

// Crux evaluates every case as one cell of a single notebook; Squiggle runs each case as its own program.
// The tolerance rule for Monte Carlo estimates is stated (and tested) in monte-carlo-error.ts.
const SAMPLES = 20_000;
const SETTINGS = { samples: SAMPLES, seed: 1 };
const SQUIGGLE = { samples: SAMPLES, seed: "differential" };
const PERCENTILES = [5, 25, 50, 75, 95] as const;

const caseId = (index: number) => `case${index + 1}`;

function notebookCells(cases: DifferentialCase[]) {
  return cases.flatMap((c, index) => [
    ...(c.cells ?? []).map(([name, source]) => ({ id: name, name, source })),
    { id: caseId(index), source: c.crux },
  ]);
}

function squiggleProgram(c: DifferentialCase, expression: string): string {
  return [...(c.cells ?? []).map(([name, source]) => `${name} = ${source}`), expression].join("\n");
}

let crux: Map<string, CellSummary>;

beforeAll(() => {
  crux = evaluateNotebook(notebookCells(differentialCases), SETTINGS);
});

function cruxSummary(index: number): CellSummary {
  const summary = crux.get(caseId(index));
  if (summary === undefined) throw new Error(`Crux returned nothing for ${caseId(index)}`);
  return summary;
}

/** Crux's summary as plain data comparable with Squiggle's deterministic values. */
function plainCrux(summary: CellSummary): unknown {
  switch (summary.type) {
    case "number":
    case "boolean":
    case "string":
      return summary.value;
    case "list":
      return summary.value.map(plainCrux);
    case "record":
      return Object.fromEntries(Object.entries(summary.value).map(([k, v]) => [k, plainCrux(v)]));
    case "distribution":
      return { distribution: true };
    case "error":
      return { error: summary.message };
    default:
      return { type: summary.type };
  }
}

function plainReference(reference: Reference): unknown {
  switch (reference.kind) {
    case "list":
      return reference.value.map(plainReference);
    case "record":
      return Object.fromEntries(Object.entries(reference.value).map(([k, v]) => [k, plainReference(v)]));
    case "distribution":
      return { distribution: true };
    case "error":
      return { error: reference.message };
    default:
      return reference.value;
  }
}

/** Paths where two plain values differ, numbers compared up to floating-point rounding. */
function differences(crux: unknown, squiggle: unknown, path = "value"): string[] {
  if (typeof squiggle === "number" && typeof crux === "number")
    return numbersAgree(crux, squiggle) ? [] : [`${path}: Crux ${crux}, Squiggle ${squiggle}`];
  if (Array.isArray(squiggle) && Array.isArray(crux) && crux.length === squiggle.length)
    return squiggle.flatMap((item, i) => differences(crux[i], item, `${path}[${i}]`));
  if (isRecord(squiggle) && isRecord(crux) && sameKeys(crux, squiggle))
    return Object.keys(squiggle).flatMap((key) => differences(crux[key], squiggle[key], `${path}.${key}`));
  return Object.is(crux, squiggle)
    ? []
    : [`${path}: Crux ${JSON.stringify(crux)}, Squiggle ${JSON.stringify(squiggle)}`];
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && !Array.isArray(x);
const sameKeys = (a: object, b: object) => Object.keys(a).sort().join() === Object.keys(b).sort().join();

/** Crux's estimate of each compared statistic for a distribution cell (a number counts as a point mass). */
function cruxDistributionStatistics(summary: CellSummary): Map<string, number> {
  if (summary.type === "number")
    return new Map([
      ["mean", summary.value],
      ["stdev", 0],
      ...PERCENTILES.map((p) => [`p${p}`, summary.value] as const),
    ]);
  if (summary.type !== "distribution")
    throw new Error(`expected a distribution, got ${JSON.stringify(summary)}`);
  return new Map([
    ["mean", summary.mean],
    ["stdev", summary.stdev],
    ...PERCENTILES.map((p) => [`p${p}`, summary.percentiles[`p${p}`]] as const),
  ]);
}

const distributionStatistics: [string, Statistic][] = [
  ["mean", { name: "mean" }],
  ["stdev", { name: "stdev" }],
  ...PERCENTILES.map((p): [string, Statistic] => [`p${p}`, { name: "quantile", p: p / 100 }]),
];

function distributionVerdicts(summary: CellSummary, reference: Reference): [string, Verdict][] {
  if (reference.kind !== "distribution")
    throw new Error(`Squiggle gave ${JSON.stringify(plainReference(reference))}`);
  const estimates = cruxDistributionStatistics(summary);
  return distributionStatistics.map(([label, statistic]) => [
    label,
    compareEstimates({
      crux: estimates.get(label) ?? Number.NaN,
      squiggle: statisticOfSorted(reference.sorted, statistic),
      reference: reference.sorted,
      statistic,
      cruxSamples: SAMPLES,
      squiggleExact: reference.exact,
    }),
  ]);
}

const failed = (verdicts: [string, Verdict][]) => verdicts.filter(([, verdict]) => !verdict.ok);

async function checkCase(c: DifferentialCase, index: number): Promise<void> {
  const summary = cruxSummary(index);
  const reference = await evaluateWithSquiggle(squiggleProgram(c, c.squiggle ?? c.crux), SQUIGGLE);
  if (c.compare === "error") {
    expect(summary.type).toBe("error");
    expect(reference.kind).toBe("error");
    return;
  }
  if (c.compare === "exact") {
    expect(differences(plainCrux(summary), plainReference(reference))).toEqual([]);
    return;
  }
  if (c.compare === "distribution") {
    expect(failed(distributionVerdicts(summary, reference))).toEqual([]);
    return;
  }
  const basis = await evaluateWithSquiggle(squiggleProgram(c, c.compare.of), SQUIGGLE);
  if (basis.kind !== "distribution") throw new Error(`'${c.compare.of}' is not a distribution in Squiggle`);
  if (summary.type !== "number" || reference.kind !== "number")
    throw new Error(`expected numbers, got Crux ${summary.type} and Squiggle ${reference.kind}`);
  const verdict = compareEstimates({
    crux: summary.value,
    squiggle: reference.value,
    reference: basis.sorted,
    statistic: c.compare.statistic,
    cruxSamples: SAMPLES,
    squiggleExact: basis.exact,
  });
  expect(verdict.ok, JSON.stringify(verdict)).toBe(true);
}

describe("Crux agrees with Squiggle 0.10 on the shared subset", () => {
  it("covers at least 50 expressions", () => {
    expect(differentialCases.length).toBeGreaterThanOrEqual(50);
  });

  it.each(differentialCases.map((c, index) => [c.title, c, index] as const))("%s", async (_, c, index) => {
    await checkCase(c, index);
  });
});

describe("where Crux intentionally differs, Squiggle really refuses the Crux form", () => {
  const differing = differentialCases.filter((c) => c.intentionalDifference !== undefined);
  it.each(differing.map((c) => [c.crux, c.intentionalDifference] as const))("%s (%s)", async (source) => {
    const reference = await evaluateWithSquiggle(source, SQUIGGLE);
    expect(reference.kind).toBe("error");
  });
});
