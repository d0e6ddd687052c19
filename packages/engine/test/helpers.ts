import { type CellSummary, evaluateNotebook } from "../src";

export type Cells = Record<string, string>;

/** Evaluates named cells (`{ r: "0.4 to 3.6", f: "P(r > 1)" }`) and returns their summaries by name. */
export function run(cells: Cells, options: { samples?: number; seed?: number; sensitivity?: boolean } = {}) {
  const inputs = Object.entries(cells).map(([name, source]) => ({
    id: name,
    name,
    source,
    kind: "model" as const,
  }));
  const summaries = evaluateNotebook(
    inputs,
    { samples: options.samples ?? 20_000, seed: options.seed ?? 1 },
    options,
  );
  return (name: string): CellSummary => summaries.get(name) as CellSummary;
}

export function value(summary: CellSummary): number | boolean | string {
  if (summary.type === "number" || summary.type === "boolean" || summary.type === "string")
    return summary.value;
  throw new Error(`expected a plain value, got ${JSON.stringify(summary)}`);
}

export function distribution(summary: CellSummary) {
  if (summary.type !== "distribution")
    throw new Error(`expected a distribution, got ${JSON.stringify(summary)}`);
  return summary;
}

export function error(summary: CellSummary) {
  if (summary.type !== "error") throw new Error(`expected an error, got ${JSON.stringify(summary)}`);
  return summary;
}
