/**
 * The `crux eval --json` output, exactly as NOTEBOOK-FORMAT.md fixes it: one object per cell, keyed by cell name
 * (unnamed model cells by id). Non-finite numbers (a diverged growth path) become null in JSON.
 * `firstOrder` is an addition that appears only when asked for (`--first-order`), so the contract's output is
 * unchanged for every command line it describes.
 */
import type { CellSummary, FirstOrderIndex } from "@crux/engine";

export type ContractCell = Record<string, unknown> & { type: string };

/** Which sensitivity fields to print: `sensitivity` (Spearman) and `firstOrder` (variance shares). */
export type ContractOptions = { spearman: boolean; firstOrder: boolean };

const NO_SENSITIVITY: ContractOptions = { spearman: false, firstOrder: false };

export function toContract(summary: CellSummary, options = NO_SENSITIVITY): ContractCell {
  const nested = (value: CellSummary) => plainOrContract(value, options);
  switch (summary.type) {
    case "distribution": {
      const { mean, stdev, min, max, percentiles, sensitivity, firstOrder, probability } = summary;
      return {
        type: "distribution",
        mean,
        stdev,
        min,
        max,
        ...percentiles,
        ...(probability !== undefined ? { probability } : {}),
        ...(options.spearman && sensitivity ? { sensitivity: roundAll(sensitivity) } : {}),
        ...(options.firstOrder && firstOrder ? { firstOrder: roundIndices(firstOrder) } : {}),
      };
    }
    case "list":
      return { type: "list", value: summary.value.map(nested) };
    case "record":
      return {
        type: "record",
        value: Object.fromEntries(Object.entries(summary.value).map(([key, value]) => [key, nested(value)])),
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
function plainOrContract(summary: CellSummary, options: ContractOptions): unknown {
  return summary.type === "number" || summary.type === "boolean" || summary.type === "string"
    ? summary.value
    : toContract(summary, options);
}

const round4 = (value: number) => Math.round(value * 1e4) / 1e4;

function roundAll(values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, round4(value)]));
}

function roundIndices(indices: Record<string, FirstOrderIndex>): Record<string, FirstOrderIndex> {
  return Object.fromEntries(
    Object.entries(indices).map(([key, { index, stderr }]) => [
      key,
      { index: round4(index), stderr: round4(stderr) },
    ]),
  );
}
