/** `crux eval FILE [--samples N] [--seed S] [--sensitivity] [--first-order] [--json]` (NOTEBOOK-FORMAT.md). */
import { evaluateNotebook } from "@crux/engine";
import { engineCellsFromFile } from "@crux/notebook";
import { toContract } from "./contract";
import { formatTable } from "./format-table";
import { BATCH_LIMITS, cellKey, loadNotebook, settingsOf } from "./load";

export type EvalOptions = {
  samples?: string | undefined;
  seed?: string | undefined;
  sensitivity: boolean;
  firstOrder: boolean;
  json: boolean;
};

export function evalCommand(file: string, options: EvalOptions): string {
  const notebook = loadNotebook(file);
  const settings = settingsOf(notebook, options);
  const cells = engineCellsFromFile(notebook);
  const summaries = evaluateNotebook(cells, settings, {
    sensitivity: options.sensitivity || options.firstOrder,
    limits: BATCH_LIMITS,
  });
  const rows = cells.flatMap((cell) => {
    const summary = summaries.get(cell.id);
    return summary ? [[cellKey(cell), summary] as const] : [];
  });
  if (!options.json) return formatTable(rows, { sensitivity: options.sensitivity || options.firstOrder });
  const contract = { spearman: options.sensitivity, firstOrder: options.firstOrder };
  return JSON.stringify({
    ...settings,
    cells: Object.fromEntries(rows.map(([key, summary]) => [key, toContract(summary, contract)])),
  });
}
