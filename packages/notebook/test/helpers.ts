import fc from "fast-check";
import * as Y from "yjs";
import { type IdentifiedNotebookFile, parseNotebookFile } from "../src";

export function parsed(input: unknown): IdentifiedNotebookFile {
  const result = parseNotebookFile(input);
  if (!result.ok) throw new Error(result.error);
  return result.notebook;
}

export const sample = parsed({
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

/** Unknown cell fields: any JSON under any key, including keys that other kinds of cell use. */
const extraFields = fc.dictionary(
  fc.oneof(
    fc.constantFrom("order", "name", "expr", "text", "extra", "constructor", "__proto__"),
    fc.string({ minLength: 1 }),
  ),
  fc.jsonValue({ maxDepth: 2 }),
  { maxKeys: 3 },
);

const textCell = fc.record({ kind: fc.constant("text" as const), text: fc.string({ unit: "grapheme" }) });
const codeCell = fc.record(
  {
    kind: fc.constantFrom("parameter" as const, "model" as const),
    id: fc.stringMatching(/^[a-z0-9]{1,6}$/),
    name: fc.stringMatching(/^[a-z_][A-Za-z0-9_]{0,8}$/),
    expr: fc.string({ unit: "grapheme" }),
    unit: fc.string(),
    description: fc.string(),
    source: fc.string(),
  },
  { requiredKeys: ["kind", "name", "expr"] },
);

/** Valid `crux.notebook/1` files as JSON values: unique names and ids, unknown fields, any Unicode text. */
export const fileArbitrary = fc
  .array(
    fc.tuple(fc.oneof(textCell, codeCell), extraFields).map(([cell, extra]) => {
      const known = new Set(Object.keys(cell).concat(["id", "kind"]));
      const unknown = Object.fromEntries(Object.entries(extra).filter(([key]) => !known.has(key)));
      return { ...unknown, ...cell } as Record<string, unknown>;
    }),
    { maxLength: 8 },
  )
  .filter((cells) => unique(cells.map((cell) => cell.name)) && unique(cells.map((cell) => cell.id)))
  .chain((cells) =>
    fc.record({
      format: fc.constant("crux.notebook/1"),
      title: fc
        .string({ minLength: 1, maxLength: 40 })
        .filter((title) => title.trim() === title && title !== ""),
      settings: fc.record({ samples: fc.integer({ min: 1, max: 1_000_000 }), seed: fc.integer() }),
      cells: fc.constant(cells),
    }),
  );

function unique(values: unknown[]): boolean {
  const defined = values.filter((value) => typeof value === "string");
  return new Set(defined).size === defined.length;
}

/** A copy of `doc` as another peer would hold it. */
export function replicaOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** Sends each doc's missing updates to every other doc, senders taken in the given order. */
export function syncAll(docs: Y.Doc[], senders: number[]): void {
  for (const from of senders)
    for (const [to, target] of docs.entries())
      if (from !== to)
        Y.applyUpdate(
          target,
          Y.encodeStateAsUpdate(docs[from] as Y.Doc, Y.encodeStateVector(target)),
          "remote",
        );
}
