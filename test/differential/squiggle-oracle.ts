import { type Env, run, type SqValue } from "@quri/squiggle-lang";

/** What Squiggle computed, reduced to what the differential tests compare. */
export type Reference =
  | { kind: "number"; value: number }
  | { kind: "boolean"; value: boolean }
  | { kind: "string"; value: string }
  | { kind: "list"; value: Reference[] }
  | { kind: "record"; value: Record<string, Reference> }
  /** `sorted` holds the distribution's samples in ascending order; `exact` when Squiggle kept it symbolic. */
  | { kind: "distribution"; sorted: Float64Array; exact: boolean }
  | { kind: "error"; message: string };

export type SquiggleSettings = { samples: number; seed: string };

/** Runs one Squiggle program in-process and converts its final value. */
export async function evaluateWithSquiggle(code: string, settings: SquiggleSettings): Promise<Reference> {
  const environment = { sampleCount: settings.samples, xyPointLength: 1000, seed: settings.seed };
  const output = await run(code, { environment });
  if (!output.result.ok) return { kind: "error", message: output.result.value.toString() };
  return toReference(output.result.value.result, settings.samples, environment);
}

function toReference(value: SqValue, samples: number, environment: Env): Reference {
  switch (value.tag) {
    case "Number":
      return { kind: "number", value: value.value };
    case "Bool":
      return { kind: "boolean", value: value.value };
    case "String":
      return { kind: "string", value: value.value };
    case "Array":
      return {
        kind: "list",
        value: value.value.getValues().map((v) => toReference(v, samples, environment)),
      };
    case "Dict":
      return {
        kind: "record",
        value: Object.fromEntries(
          value.value.entries().map(([key, v]) => [key, toReference(v, samples, environment)]),
        ),
      };
    case "Dist":
      return distributionReference(value.value, samples, environment);
    default:
      return { kind: "error", message: `unsupported Squiggle value type ${value.tag}` };
  }
}

function distributionReference(
  distribution: Extract<SqValue, { tag: "Dist" }>["value"],
  samples: number,
  environment: Env,
): Reference {
  if (distribution.tag === "SampleSet") {
    const sorted = Float64Array.from(distribution.getSamples()).sort();
    return { kind: "distribution", sorted, exact: false };
  }
  // Symbolic (e.g. pointMass) or point-set: its exact quantiles at the midpoints of n equal strata stand in for
  // samples, so the same statistics apply and Squiggle contributes no Monte Carlo error of its own.
  const sorted = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    const quantile = distribution.inv(environment, (i + 0.5) / samples);
    if (!quantile.ok) return { kind: "error", message: quantile.value.toString() };
    sorted[i] = quantile.value;
  }
  return { kind: "distribution", sorted: sorted.sort(), exact: true };
}
