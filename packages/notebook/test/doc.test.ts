import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  applyNotebookFileToDoc,
  cellText,
  createNotebookDoc,
  createUndoManager,
  deleteCell,
  duplicateCell,
  editCellText,
  encodeNotebookState,
  engineCellsFromDoc,
  getCell,
  getSettings,
  type IdentifiedNotebookFile,
  insertCell,
  loadNotebookDoc,
  moveCell,
  type NotebookChange,
  NotebookEditError,
  notebookFromDoc,
  observeNotebook,
  orderedCells,
  setCellField,
  setCellText,
  setSettings,
  setTitle,
} from "../src";
import { fileArbitrary, parsed, replicaOf, sample } from "./helpers";

const ids = (doc: Y.Doc) => orderedCells(doc).map((cell) => cell.id);
const texts = (doc: Y.Doc) => orderedCells(doc).map((cell) => (cell.kind === "text" ? cell.text : cell.expr));

/** Counts the updates `change` makes to `doc`. */
function updatesMadeBy(doc: Y.Doc, change: () => void): number {
  let updates = 0;
  const count = () => updates++;
  doc.on("update", count);
  change();
  doc.off("update", count);
  return updates;
}

describe("file <-> Y.Doc", () => {
  it("round-trips a notebook losslessly, unknown fields included", () => {
    expect(notebookFromDoc(createNotebookDoc(sample))).toEqual(sample);
  });

  it("keeps unknown fields named like JavaScript internals (zod drops __proto__)", () => {
    const file = parsed(
      JSON.parse(
        '{"format":"crux.notebook/1","cells":[{"kind":"text","text":"","__proto__":{"a":1},"constructor":null}]}',
      ),
    );
    const exported = notebookFromDoc(loadNotebookDoc(encodeNotebookState(createNotebookDoc(file))));
    expect(exported).toEqual(file);
    expect(exported.cells[0]).toHaveProperty("constructor", null);
  });

  it("round-trips any valid notebook, also through its stored state", () => {
    fc.assert(
      fc.property(fileArbitrary, (input) => {
        // Unknown fields round-trip as JSON does (JSON itself turns -0 into 0).
        const file = parsed(JSON.parse(JSON.stringify(input)));
        const loaded = loadNotebookDoc(encodeNotebookState(createNotebookDoc(file)));
        expect(notebookFromDoc(loaded)).toEqual(file);
        expect(parsed(JSON.parse(JSON.stringify(notebookFromDoc(loaded))))).toEqual(file);
      }),
      { numRuns: 100 },
    );
  });

  it("gives the engine the parameter and model cells in order", () => {
    expect(engineCellsFromDoc(createNotebookDoc(sample))).toEqual([
      { id: "r", name: "r", source: "0.4 to 3.6", kind: "parameter" },
      { id: "cell3", source: "r * 2", kind: "model" },
    ]);
  });
});

describe("applyNotebookFileToDoc", () => {
  it("turns any notebook into any other", () => {
    fc.assert(
      fc.property(fileArbitrary, fileArbitrary, (first, second) => {
        const [from, to] = [first, second].map((file) => parsed(JSON.parse(JSON.stringify(file)))) as [
          IdentifiedNotebookFile,
          IdentifiedNotebookFile,
        ];
        const doc = createNotebookDoc(from);
        applyNotebookFileToDoc(doc, to);
        expect(notebookFromDoc(doc)).toEqual(to);
      }),
      { numRuns: 100 },
    );
  });

  it("writes nothing when the file equals the document", () => {
    const doc = createNotebookDoc(sample);
    moveCell(doc, "cell3", "start");
    expect(updatesMadeBy(doc, () => applyNotebookFileToDoc(doc, notebookFromDoc(doc)))).toBe(0);
  });

  it("keeps a collaborator's concurrent typing in cells the import does not change", () => {
    const doc = createNotebookDoc(sample);
    const peer = replicaOf(doc);
    editCellText(peer, "cell3", { index: 4, insert: "+ r " });
    const edited = notebookFromDoc(doc);
    applyNotebookFileToDoc(doc, {
      ...edited,
      cells: [...edited.cells.slice(1), { kind: "model", expr: "7" }],
    });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer));
    expect(texts(doc)).toEqual(["0.4 to 3.6", "r * + r 2", "7"]);
  });
});

describe("mutations", () => {
  it("inserts at the start, after and before a cell, moves, duplicates and deletes", () => {
    const doc = createNotebookDoc(sample);
    const p = insertCell(doc, { kind: "parameter", name: "p", expr: "0.4" }, { after: "cell1" });
    const q = insertCell(doc, { kind: "text" }, { before: "r" });
    const s = insertCell(doc, { kind: "model" }, "start");
    moveCell(doc, "cell3", "start");
    const copy = duplicateCell(doc, "r");
    deleteCell(doc, "cell1");
    expect(ids(doc)).toEqual(["cell3", s, p, q, "r", copy]);
    expect(getCell(doc, copy)).toMatchObject({ name: "r_copy", expr: "0.4 to 3.6", reviewer: { by: "x" } });
    expect(getCell(doc, "cell1")).toBeUndefined();
  });

  it("moves a cell by writing its order key only", () => {
    const doc = createNotebookDoc(sample);
    const peer = replicaOf(doc);
    const before = Y.encodeStateVector(doc);
    moveCell(doc, "cell1", { after: "cell3" });
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc, before));
    expect(ids(peer)).toEqual(["r", "cell3", "cell1"]);
    expect(Y.encodeStateAsUpdate(doc, before).length).toBeLessThan(40);
  });

  it("edits fields, text and settings", () => {
    const doc = createNotebookDoc(sample);
    setCellField(doc, "cell3", "name", "twice");
    setCellField(doc, "r", "unit", undefined);
    setCellText(doc, "r", "1 to 3");
    editCellText(doc, "cell1", { index: 0, deleteCount: 5, insert: "Outro" });
    setSettings(doc, { samples: 20_000 });
    setTitle(doc, "  Renamed ");
    const file = notebookFromDoc(doc);
    expect(file).toMatchObject({ title: "Renamed", settings: { samples: 20_000, seed: 7 } });
    expect(file.cells).toEqual([
      { id: "cell1", kind: "text", text: "Outro {{r}}" },
      { id: "r", kind: "parameter", name: "r", expr: "1 to 3", source: "001", reviewer: { by: "x" } },
      { id: "cell3", kind: "model", name: "twice", expr: "r * 2" },
    ]);
  });

  it("refuses bad edits with NotebookEditError and writes nothing", () => {
    const doc = createNotebookDoc(sample);
    const refusals: [() => unknown, RegExp][] = [
      [() => insertCell(doc, { kind: "parameter", name: "r" }), /"r" is already used/],
      [() => insertCell(doc, { kind: "model" }, "end", { id: "r" }), /already a cell with id r/],
      [() => setCellField(doc, "cell3", "name", "Bad name"), /not a valid name/],
      [() => setCellField(doc, "r", "name", undefined), /needs a name/],
      [() => setCellField(doc, "cell1", "unit", "m"), /text cell has no/],
      [() => moveCell(doc, "r", { after: "gone" }), /no cell with id gone/],
      [() => deleteCell(doc, "gone"), /no cell with id gone/],
      [() => cellText(doc, "r", "text"), /parameter cell has no text/],
      [() => editCellText(doc, "r", { index: 99, insert: "x" }), /outside the text/],
      [() => setSettings(doc, { samples: 2_000_000 }), /^settings\.samples: must be at most 1000000$/],
      [() => setTitle(doc, " "), /^title: must not be empty$/],
    ];
    const updates = updatesMadeBy(doc, () => {
      for (const [edit, message] of refusals) {
        expect(edit).toThrow(NotebookEditError);
        expect(edit).toThrow(message);
      }
    });
    expect(updates).toBe(0);
    expect(notebookFromDoc(doc)).toEqual(sample);
  });
});

describe("observeNotebook", () => {
  it("reports once per transaction which cells changed, and whose edit it was", () => {
    const doc = createNotebookDoc(sample);
    const peer = replicaOf(doc);
    const changes: NotebookChange[] = [];
    const stop = observeNotebook(doc, (change) => changes.push(change));
    setCellText(doc, "r", "1 to 3");
    moveCell(doc, "cell3", "start");
    deleteCell(doc, "cell1");
    setSettings(doc, { seed: 2 });
    editCellText(peer, "cell3", { index: 0, insert: "1 + " });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(doc)), "remote");
    stop();
    setCellText(doc, "r", "2 to 3");
    const change = (cellIds: string[], local = true, settings = false) => ({
      cellIds,
      settings,
      title: false,
      local,
    });
    expect(changes).toEqual([
      change(["r"]),
      change(["cell3"]),
      change(["cell1"]),
      change([], true, true),
      change(["cell3"], false),
    ]);
  });
});

describe("createUndoManager", () => {
  it("undoes only the local user's edits", () => {
    const doc = createNotebookDoc(sample);
    const peer = replicaOf(doc);
    const undo = createUndoManager(doc, { captureTimeout: 0 });
    setCellText(doc, "r", "1 to 2");
    editCellText(peer, "cell3", { index: 4, insert: "+ 1 " });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(doc)), "remote");
    undo.undo();
    expect(texts(doc)).toEqual(["Intro {{r}}", "0.4 to 3.6", "r * + 1 2"]);
  });

  it("brings back a deleted cell with its text and place", () => {
    const doc = createNotebookDoc(sample);
    const undo = createUndoManager(doc, { captureTimeout: 0 });
    deleteCell(doc, "r");
    undo.undo();
    expect(notebookFromDoc(doc)).toEqual(sample);
  });

  it("also tracks an editor binding's own origin when asked to", () => {
    const doc = createNotebookDoc(sample);
    const editorOrigin = { editor: "codemirror" };
    const undo = createUndoManager(doc, { trackedOrigins: [editorOrigin], captureTimeout: 0 });
    doc.transact(() => cellText(doc, "r", "expr").insert(0, "2 * "), editorOrigin);
    expect(getCell(doc, "r")).toMatchObject({ expr: "2 * 0.4 to 3.6" });
    undo.undo();
    expect(getSettings(doc)).toEqual(sample.settings);
    expect(getCell(doc, "r")).toMatchObject({ expr: "0.4 to 3.6" });
  });
});
