/** What the editor's buttons and shortcuts do to cells, as plain functions over the document. */
import { type CellKind, insertCell, moveCell, type NewCell, type Placement } from "@crux/notebook";
import type * as Y from "yjs";

/** A new cell of a kind; parameters and models get a free name (`param1`, `model2`…) so others can refer to them. */
export function newCell(kind: CellKind, namesInUse: readonly string[]): NewCell {
  if (kind === "text") return { kind: "text" };
  const taken = new Set(namesInUse);
  const base = kind === "parameter" ? "param" : "model";
  let n = 1;
  while (taken.has(`${base}${n}`)) n++;
  return { kind, name: `${base}${n}` };
}

export function addCell(
  doc: Y.Doc,
  kind: CellKind,
  namesInUse: readonly string[],
  placement: Placement,
): string {
  return insertCell(doc, newCell(kind, namesInUse), placement);
}

/**
 * Runs a change as an undo step of its own. The undo manager merges edits less than half a second apart; without
 * this, a delete right after typing would merge with the typing, and "Undo" would take the typing back too.
 */
export function asUndoStep<T>(undoManager: Y.UndoManager, change: () => T): T {
  undoManager.stopCapturing();
  const result = change();
  undoManager.stopCapturing();
  return result;
}

/** Moves a cell one place up (-1) or down (+1) in `order`; false when it is already at that end. */
export function moveBy(doc: Y.Doc, order: readonly string[], id: string, step: -1 | 1): boolean {
  const index = order.indexOf(id);
  const neighbour = order[index + step];
  if (index < 0 || neighbour === undefined) return false;
  moveCell(doc, id, step < 0 ? { before: neighbour } : { after: neighbour });
  return true;
}
