import {
  createUndoManager,
  insertCell,
  moveCell,
  setCellField,
  setCellText,
  setSettings,
} from "@crux/notebook";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { NotebookStore } from "./notebook-store";

function notebookWithTwoCells() {
  const doc = new Y.Doc();
  const a = insertCell(doc, { kind: "parameter", name: "a", expr: "1" });
  const b = insertCell(doc, { kind: "model", name: "b", expr: "a * 2" });
  return { doc, a, b, store: new NotebookStore(doc) };
}

function countCalls(subscribe: (listener: () => void) => () => void) {
  const calls = { count: 0 };
  subscribe(() => {
    calls.count++;
  });
  return calls;
}

describe("NotebookStore", () => {
  it("reads the order, the shell fields and the names", () => {
    const { store, a, b } = notebookWithTwoCells();
    expect(store.getOrder()).toEqual([a, b]);
    expect(store.cell(a)).toEqual({ id: a, kind: "parameter", name: "a" });
    expect(store.getNames()).toEqual(["a", "b"]);
    expect(store.idOfName("b")).toBe(b);
  });

  it("notifies nobody when only an expression changes: its editor is bound to the text itself", () => {
    const { doc, store, a } = notebookWithTwoCells();
    const column = countCalls(store.subscribe);
    const cell = countCalls((listener) => store.subscribeCell(a, listener));
    const order = store.getOrder();
    setCellText(doc, a, "5 to 10");
    expect(column.count).toBe(0);
    expect(cell.count).toBe(0);
    expect(store.getOrder()).toBe(order);
  });

  it("notifies only the changed cell's listeners, with a new snapshot for it alone", () => {
    const { doc, store, a, b } = notebookWithTwoCells();
    const before = store.cell(b);
    const cellA = countCalls((listener) => store.subscribeCell(a, listener));
    const cellB = countCalls((listener) => store.subscribeCell(b, listener));
    setCellField(doc, a, "unit", "people");
    expect(cellA.count).toBe(1);
    expect(cellB.count).toBe(0);
    expect(store.cell(a)?.unit).toBe("people");
    expect(store.cell(b)).toBe(before);
  });

  it("follows moves, renames, settings, deletions and undo, from any peer", () => {
    const { doc, store, a, b } = notebookWithTwoCells();
    const undo = createUndoManager(doc);
    moveCell(doc, b, { before: a });
    expect(store.getOrder()).toEqual([b, a]);
    setCellField(doc, b, "name", "doubled");
    expect(store.getNames()).toEqual(["a", "doubled"]);
    setSettings(doc, { samples: 500 });
    expect(store.getSettings().samples).toBe(500);

    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    const c = insertCell(peer, { kind: "text", text: "why" }, { after: a });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer));
    expect(store.getOrder()).toEqual([b, a, c]);

    undo.undo();
    expect(store.getSettings().samples).not.toBe(500);
    store.destroy();
    setCellField(doc, a, "name", "after_destroy");
    expect(store.getNames()).not.toContain("after_destroy");
  });
});
