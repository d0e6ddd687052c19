import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  cellText,
  createNotebookDoc,
  createUndoManager,
  deleteCell,
  duplicateCell,
  engineCellsFromDoc,
  type IdentifiedNotebookFile,
  insertCell,
  moveCell,
  NotebookEditError,
  notebookFromDoc,
  observeNotebook,
  orderedCells,
  parseNotebookFile,
  setCellField,
  setCellText,
} from "../src";

function parsed(input: unknown): IdentifiedNotebookFile {
  const result = parseNotebookFile(input);
  if (!result.ok) throw new Error(result.error);
  return result.notebook;
}

const sample = parsed({
  format: "crux.notebook/1",
  title: "Overhang",
  settings: { samples: 5000, seed: 7 },
  cells: [
    { kind: "text", text: "Intro {{r}}" },
    {
      kind: "parameter",
      name: "r",
      expr: "0.4 to 3.6",
      unit: "doublings",
      source: "001",
      reviewer: { by: "x" },
    },
    { kind: "model", expr: "r * 2" },
  ],
});

const cellArbitrary = fc.oneof(
  fc.record({ kind: fc.constant("text" as const), text: fc.string() }),
  fc.record(
    {
      kind: fc.constantFrom("parameter" as const, "model" as const),
      name: fc.stringMatching(/^[a-z_][A-Za-z0-9_]{0,8}$/),
      expr: fc.string(),
      unit: fc.string(),
      description: fc.string(),
    },
    { requiredKeys: ["kind", "name", "expr"] },
  ),
);
const fileArbitrary = fc
  .uniqueArray(cellArbitrary, { selector: (cell) => ("name" in cell ? cell.name : Symbol()), maxLength: 12 })
  .map((cells) => ({ format: "crux.notebook/1", title: "T", settings: { samples: 100, seed: 3 }, cells }));

describe("file <-> Y.Doc", () => {
  it("round-trips a notebook losslessly, unknown fields included", () => {
    expect(notebookFromDoc(createNotebookDoc(sample))).toEqual(sample);
  });

  it("round-trips any valid notebook, also through an encoded update", () => {
    fc.assert(
      fc.property(fileArbitrary, (input) => {
        const file = parsed(input);
        const copy = new Y.Doc();
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(createNotebookDoc(file)));
        expect(notebookFromDoc(copy)).toEqual(file);
      }),
    );
  });

  it("gives the engine the parameter and model cells in order", () => {
    expect(engineCellsFromDoc(createNotebookDoc(sample))).toEqual([
      { id: "r", name: "r", source: "0.4 to 3.6", kind: "parameter" },
      { id: "cell3", source: "r * 2", kind: "model" },
    ]);
  });
});

describe("mutations", () => {
  it("inserts, moves, duplicates and deletes cells", () => {
    const doc = createNotebookDoc(sample);
    const p = insertCell(doc, { kind: "parameter", name: "p", expr: "0.4" }, { after: "cell1" });
    moveCell(doc, "cell3", "start");
    const copy = duplicateCell(doc, "r");
    deleteCell(doc, "cell1");
    expect(orderedCells(doc).map((cell) => cell.id)).toEqual(["cell3", p, "r", copy]);
    expect(orderedCells(doc)[3]).toMatchObject({ name: "r_copy", expr: "0.4 to 3.6" });
  });

  it("refuses invalid and duplicate names with a readable error", () => {
    const doc = createNotebookDoc(sample);
    expect(() => insertCell(doc, { kind: "parameter", name: "r" })).toThrow(NotebookEditError);
    expect(() => setCellField(doc, "cell3", "name", "Bad name")).toThrow(/not a valid name/);
    expect(() => setCellField(doc, "r", "name", undefined)).toThrow(/needs a name/);
  });

  it("reports which cells changed", () => {
    const doc = createNotebookDoc(sample);
    const changes: string[][] = [];
    const stop = observeNotebook(doc, (change) => changes.push(change.cellIds));
    setCellText(doc, "r", "1 to 3");
    setCellField(doc, "cell3", "unit", "x");
    stop();
    setCellText(doc, "r", "2 to 3");
    expect(changes).toEqual([["r"], ["cell3"]]);
  });

  it("undoes only the local user's edits", () => {
    const doc = createNotebookDoc(sample);
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    const undo = createUndoManager(doc, { captureTimeout: 0 });
    setCellText(doc, "r", "1 to 2");
    const remoteText = cellText(remote, "cell3");
    remoteText.insert(remoteText.length, " + 1");
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)), "remote");
    undo.undo();
    expect(orderedCells(doc).map((cell) => (cell.kind === "text" ? cell.text : cell.expr))).toEqual([
      "Intro {{r}}",
      "0.4 to 3.6",
      "r * 2 + 1",
    ]);
  });
});

type Operation =
  | { type: "insert"; anchor: number; name: string }
  | { type: "move"; cell: number; anchor: number; before: boolean }
  | { type: "delete"; cell: number }
  | { type: "type"; cell: number; text: string };

const operationArbitrary: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({
    type: fc.constant("insert" as const),
    anchor: fc.nat(),
    name: fc.stringMatching(/^[a-z]{1,3}$/),
  }),
  fc.record({ type: fc.constant("move" as const), cell: fc.nat(), anchor: fc.nat(), before: fc.boolean() }),
  fc.record({ type: fc.constant("delete" as const), cell: fc.nat() }),
  fc.record({ type: fc.constant("type" as const), cell: fc.nat(), text: fc.stringMatching(/^[a-z]{1,4}$/) }),
);

/** Applies an operation to one peer; returns text it typed so the test can check that it survives. */
function apply(doc: Y.Doc, operation: Operation, peer: number): { cellId: string; text: string } | undefined {
  const cells = orderedCells(doc);
  const pick = (index: number) => cells[index % cells.length]?.id;
  if (operation.type === "insert") {
    const anchor = pick(operation.anchor);
    insertCell(doc, { kind: "model", expr: "" }, anchor ? { after: anchor } : "end");
    return undefined;
  }
  const id = pick(operation.cell);
  if (!id) return undefined;
  if (operation.type === "delete") deleteCell(doc, id);
  if (operation.type === "move") {
    const anchor = pick(operation.anchor);
    if (anchor && anchor !== id) moveCell(doc, id, operation.before ? { before: anchor } : { after: anchor });
  }
  if (operation.type === "type") {
    const text = `${operation.text}${peer}`;
    cellText(doc, id).insert(0, text);
    return { cellId: id, text };
  }
  return undefined;
}

function syncAll(docs: Y.Doc[], order: number[]): void {
  for (const from of order)
    for (const to of order)
      if (from !== to) Y.applyUpdate(docs[to] as Y.Doc, Y.encodeStateAsUpdate(docs[from] as Y.Doc));
}

describe("concurrent editing", () => {
  it("converges without duplicating or losing cells or typed text, in any merge order", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }),
        fc.array(fc.array(operationArbitrary, { maxLength: 8 }), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (peers, rounds, reverse) => {
          const docs = Array.from({ length: peers }, () => new Y.Doc());
          Y.applyUpdate(docs[0] as Y.Doc, Y.encodeStateAsUpdate(createNotebookDoc(sample)));
          const order = [...docs.keys()];
          syncAll(docs, order);
          const typed: { cellId: string; text: string }[] = [];
          const deleted = new Set<string>();
          for (const round of rounds) {
            round.forEach((operation, index) => {
              const peer = index % peers;
              const doc = docs[peer] as Y.Doc;
              const before = new Set(orderedCells(doc).map((cell) => cell.id));
              const result = apply(doc, operation, peer);
              if (result) typed.push(result);
              for (const id of before) if (!orderedCells(doc).some((cell) => cell.id === id)) deleted.add(id);
            });
            syncAll(docs, reverse ? [...order].reverse() : order);
          }
          const views = docs.map((doc) => orderedCells(doc));
          for (const view of views) expect(view).toEqual(views[0]);
          const ids = views[0]?.map((cell) => cell.id) ?? [];
          expect(new Set(ids).size).toBe(ids.length);
          for (const { cellId, text } of typed) {
            if (deleted.has(cellId)) continue;
            const cell = views[0]?.find((candidate) => candidate.id === cellId);
            expect(cell && cell.kind !== "text" ? cell.expr : cell?.text).toContain(text);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
