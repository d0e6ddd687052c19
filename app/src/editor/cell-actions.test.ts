import { createUndoManager, insertCell, orderedCellIds, setCellText } from "@crux/notebook";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addCell, asUndoStep, moveBy, newCell } from "./cell-actions";

describe("cell actions", () => {
  it("gives new parameters and models the first free name, and text cells none", () => {
    expect(newCell("parameter", [])).toEqual({ kind: "parameter", name: "param1" });
    expect(newCell("parameter", ["param1", "param2", "model1"])).toEqual({
      kind: "parameter",
      name: "param3",
    });
    expect(newCell("model", ["param1", "model1"])).toEqual({ kind: "model", name: "model2" });
    expect(newCell("text", ["param1"])).toEqual({ kind: "text" });
  });

  it("adds a cell where asked", () => {
    const doc = new Y.Doc();
    const first = addCell(doc, "parameter", [], "end");
    const second = addCell(doc, "model", ["param1"], { before: first });
    expect(orderedCellIds(doc)).toEqual([second, first]);
  });

  it("moves a cell one place, and not past either end", () => {
    const doc = new Y.Doc();
    const [a, b, c] = ["a", "b", "c"].map((name) => insertCell(doc, { kind: "parameter", name }));
    const ids = () => orderedCellIds(doc);
    expect(moveBy(doc, ids(), a as string, -1)).toBe(false);
    expect(moveBy(doc, ids(), c as string, 1)).toBe(false);
    expect(moveBy(doc, ids(), a as string, 1)).toBe(true);
    expect(ids()).toEqual([b, a, c]);
    expect(moveBy(doc, ids(), c as string, -1)).toBe(true);
    expect(ids()).toEqual([b, c, a]);
  });

  it("makes a change an undo step of its own, even right after typing", () => {
    const doc = new Y.Doc();
    const undo = createUndoManager(doc, { captureTimeout: 60_000 });
    const id = insertCell(doc, { kind: "parameter", name: "a" });
    undo.stopCapturing();
    setCellText(doc, id, "1 to 2");
    asUndoStep(undo, () => addCell(doc, "model", ["a"], "end"));
    undo.undo();
    expect(orderedCellIds(doc)).toEqual([id]);
  });
});
