/**
 * The `crux eval --json` output, exactly as NOTEBOOK-FORMAT.md fixes it: one object per cell, keyed by cell name
 * (unnamed model cells by id). Non-finite numbers (a diverged growth path) become null in JSON.
 */
import type { CellSummary } from "@crux/engine";

export type ContractCell = Record<string, unknown> & { type: string };

export function toContract(summary: CellSummary): ContractCell {
  switch (summary.type) {
    case "distribution": {
      const { mean, stdev, min, max, percentiles, sensitivity, probability } = summary;
      return {
        type: "distribution",
        mean,
        stdev,
        min,
        max,
        ...percentiles,
        ...(probability !== undefined ? { probability } : {}),
        ...(sensitivity ? { sensitivity: roundAll(sensitivity) } : {}),
      };
    }
    case "list":
      return { type: "list", value: summary.value.map(plainOrContract) };
    case "record":
      return {
        type: "record",
        value: Object.fromEntries(
          Object.entries(summary.value).map(([key, value]) => [key, plainOrContract(value)]),
        ),
      };
    case "function":
      return { type: "function" };
    case "error": {
      const { message, line, column } = summary;
      return { type: "error", message, ...(line !== undefined ? { line, column } : {}) };
    }
    default:
      return summary;
  }
}

/** Lists hold plain numbers, booleans and strings as such (`[1, 2, 3]`), anything else as a contract object. */
function plainOrContract(summary: CellSummary): unknown {
  return summary.type === "number" || summary.type === "boolean" || summary.type === "string"
    ? summary.value
    : toContract(summary);
}

function roundAll(values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, Math.round(value * 1e4) / 1e4]),
  );
}
