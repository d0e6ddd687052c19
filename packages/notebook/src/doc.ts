/**
 * The notebook as a Yjs document: its layout, reading it, and conversion to and from `crux.notebook/1`. This package
 * is the only code in Crux that touches raw Y types.
 *
 * Layout (ARCHITECTURE.md "The document"; FIELD-NOTES.md for why cells are never a Y.Array):
 *   doc.getMap("cells")     cellId -> Y.Map {
 *                             kind: "text" | "parameter" | "model", order: fractional key (ties broken by id),
 *                             text cells: prose: Y.XmlFragment (the rich text, as y-prosemirror lays it out),
 *                               markdown?: string (its last given Markdown spelling, see reasoning.ts);
 *                             parameter/model: expr: Y.Text, name?, unit?, description?, source?: string,
 *                             extra?: JSON text of the file fields this schema does not know, kept for export }
 *   doc.getMap("settings")  samples, seed
 *   doc.getMap("meta")      title
 */
import * as Y from "yjs";
import {
  assignCellIds,
  type CellKind,
  DEFAULT_SETTINGS,
  DEFAULT_TITLE,
  type EngineCell,
  engineCellsOf,
  type IdentifiedCell,
  type IdentifiedNotebookFile,
  NOTEBOOK_FORMAT,
  type NotebookFile,
  type NotebookSettings,
} from "./format";
import { compareOrder, keysForSequence } from "./order";
import { markdownOf, writeMarkdown } from "./reasoning";
import { replaceText } from "./text";

/**
 * The origin of every transaction this package makes on behalf of the local user. `createUndoManager` tracks it, so
 * undo reverts this user's edits and never a collaborator's (whose updates arrive with the provider's origin).
 */
export const LOCAL_ORIGIN: unique symbol = Symbol("crux-local-edit");

/** The optional string fields of parameter and model cells. */
export type CellField = "name" | "unit" | "description" | "source";
export const CELL_FIELDS: readonly CellField[] = ["name", "unit", "description", "source"];
/** The collaborative text of a cell: `expr` of parameter and model cells, `text` (Markdown) of text cells. */
export type CellTextField = "expr" | "text";

/** Keys of a text cell's map: the rich text fragment, and the Markdown spelling it was last given. */
const PROSE_KEY = "prose";
const SPELLING_KEY = "markdown";
const LEGACY_TEXT_KEY = "text";

const KNOWN_KEYS: Record<CellKind, ReadonlySet<string>> = {
  text: new Set(["id", "kind", "text"]),
  parameter: new Set(["id", "kind", "expr", ...CELL_FIELDS]),
  model: new Set(["id", "kind", "expr", ...CELL_FIELDS]),
};

export type CellMap = Y.Map<unknown>;

export const cellsOf = (doc: Y.Doc): Y.Map<CellMap> => doc.getMap<CellMap>("cells");
export const settingsOf = (doc: Y.Doc): Y.Map<number> => doc.getMap<number>("settings");
export const metaOf = (doc: Y.Doc): Y.Map<string> => doc.getMap<string>("meta");

/** Runs `change` as one transaction of the local user (see LOCAL_ORIGIN). */
export function transactLocally(doc: Y.Doc, change: () => void): void {
  doc.transact(change, LOCAL_ORIGIN);
}

export const textFieldOf = (kind: CellKind): CellTextField => (kind === "text" ? "text" : "expr");

/** The Yjs document of a notebook; handle it through this package's functions. */
export type NotebookDoc = Y.Doc;

/** A document from its stored state (all updates merged). This loads; it never seeds. */
export function loadNotebookDoc(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

/** The whole state of a document, as one update (what the store keeps and `loadNotebookDoc` reads). */
export function encodeNotebookState(doc: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(doc);
}

// ---- Reading

export type OrderedCellMap = { id: string; order: string; map: CellMap };

export function orderedCellMaps(doc: Y.Doc): OrderedCellMap[] {
  return [...cellsOf(doc).entries()]
    .map(([id, map]) => ({ id, order: String(map.get("order")), map }))
    .sort(compareOrder);
}

function snapshotCell(id: string, map: CellMap): IdentifiedCell {
  const kind = map.get("kind") as CellKind;
  const extraJson = map.get("extra");
  const extra = typeof extraJson === "string" ? (JSON.parse(extraJson) as Record<string, unknown>) : {};
  if (kind === "text") return { ...extra, id, kind, text: textCellMarkdown(map) };
  const fields = Object.fromEntries(
    CELL_FIELDS.flatMap((field) => (typeof map.get(field) === "string" ? [[field, map.get(field)]] : [])),
  );
  return { ...extra, id, kind, ...fields, expr: String(map.get("expr") ?? "") } as IdentifiedCell;
}

/** The ids of all cells, in document order (cheaper than `orderedCells` when the content is not needed). */
export function orderedCellIds(doc: Y.Doc): string[] {
  return orderedCellMaps(doc).map((cell) => cell.id);
}

/** Plain copies of all cells, in document order. */
export function orderedCells(doc: Y.Doc): IdentifiedCell[] {
  return orderedCellMaps(doc).map(({ id, map }) => snapshotCell(id, map));
}

/** A plain copy of one cell, or undefined when there is no such cell (it may have been deleted by a peer). */
export function getCell(doc: Y.Doc, id: string): IdentifiedCell | undefined {
  const map = cellsOf(doc).get(id);
  return map ? snapshotCell(id, map) : undefined;
}

export function getSettings(doc: Y.Doc): NotebookSettings {
  const settings = settingsOf(doc);
  return {
    samples: settings.get("samples") ?? DEFAULT_SETTINGS.samples,
    seed: settings.get("seed") ?? DEFAULT_SETTINGS.seed,
  };
}

export function getTitle(doc: Y.Doc): string {
  return metaOf(doc).get("title") ?? DEFAULT_TITLE;
}

/** The whole notebook as a `crux.notebook/1` file: cells in order, ids and unknown cell fields included. */
export function notebookFromDoc(doc: Y.Doc): IdentifiedNotebookFile {
  return {
    format: NOTEBOOK_FORMAT,
    title: getTitle(doc),
    settings: getSettings(doc),
    cells: orderedCells(doc),
  };
}

/** Parameter and model cells, in order, as engine inputs (text cells are not converted to Markdown for this). */
export function engineCellsFromDoc(doc: Y.Doc): EngineCell[] {
  const codeCells = orderedCellMaps(doc).filter(({ map }) => map.get("kind") !== "text");
  return engineCellsOf(codeCells.map(({ id, map }) => snapshotCell(id, map)));
}

/** The Markdown of a text cell (see `markdownOf`). */
export function textCellMarkdown(map: CellMap): string {
  const fragment = map.get(PROSE_KEY);
  if (!(fragment instanceof Y.XmlFragment)) return String(map.get(LEGACY_TEXT_KEY) ?? "");
  const spelling = map.get(SPELLING_KEY);
  return markdownOf(fragment, typeof spelling === "string" ? spelling : undefined);
}

/**
 * Gives a text cell the content `markdown` means, writing nothing when its Markdown is that already. A new cell
 * always gets at least an empty paragraph, so that two people who start typing in it at once type into one.
 * Call in a transaction.
 */
export function setTextCellMarkdown(map: CellMap, markdown: string): void {
  const fragment = proseOf(map);
  if (fragment.length > 0 && textCellMarkdown(map) === markdown) return;
  writeMarkdown(fragment, markdown);
  map.set(SPELLING_KEY, markdown);
}

/**
 * The rich text of a text cell. A cell stored before text cells were rich text holds Markdown in a Y.Text under
 * "text": it is converted here (one local transaction), once, the first time its rich text is needed.
 */
export function textCellProse(doc: Y.Doc, map: CellMap): Y.XmlFragment {
  const existing = map.get(PROSE_KEY);
  if (existing instanceof Y.XmlFragment) return existing;
  return doc.transact(() => proseOf(map), LOCAL_ORIGIN);
}

function proseOf(map: CellMap): Y.XmlFragment {
  const existing = map.get(PROSE_KEY);
  if (existing instanceof Y.XmlFragment) return existing;
  const legacyMarkdown = String(map.get(LEGACY_TEXT_KEY) ?? "");
  const fragment = new Y.XmlFragment();
  map.set(PROSE_KEY, fragment);
  map.delete(LEGACY_TEXT_KEY);
  writeMarkdown(fragment, legacyMarkdown);
  map.set(SPELLING_KEY, legacyMarkdown);
  return fragment;
}

// ---- Seeding and importing

/** Seeds a new document from a file. Call it once, when a notebook is created: never to "load" a notebook. */
export function createNotebookDoc(file: NotebookFile): Y.Doc {
  const doc = new Y.Doc();
  applyNotebookFileToDoc(doc, file);
  return doc;
}

/**
 * Makes the document equal to the file, as a diff by cell id in one local transaction: cells missing from the file
 * are deleted, new ones added, and of the others only what differs is written (a text's changed span, a changed
 * field, the order keys of cells that moved). Applying a file equal to the document writes nothing, and a
 * collaborator's concurrent typing survives wherever the file did not change that text.
 */
export function applyNotebookFileToDoc(doc: Y.Doc, file: NotebookFile): void {
  const cells = assignCellIds(file.cells);
  const wanted = new Set(cells.map((cell) => cell.id));
  transactLocally(doc, () => {
    setIfChanged(metaOf(doc), "title", file.title);
    setIfChanged(settingsOf(doc), "samples", file.settings.samples);
    setIfChanged(settingsOf(doc), "seed", file.settings.seed);
    for (const id of [...cellsOf(doc).keys()]) if (!wanted.has(id)) cellsOf(doc).delete(id);
    const existingKeys = cells.map((cell) => cellsOf(doc).get(cell.id)?.get("order") as string | undefined);
    const keys = keysForSequence(existingKeys);
    cells.forEach((cell, index) => {
      writeCell(doc, cell, keys[index] as string);
    });
  });
}

/** Writes a cell's content and order, creating it (or recreating it when its kind changed). Call in a transaction. */
export function writeCell(doc: Y.Doc, cell: IdentifiedCell, order: string): void {
  let map = cellsOf(doc).get(cell.id);
  if (!map || map.get("kind") !== cell.kind) {
    map = new Y.Map<unknown>();
    cellsOf(doc).set(cell.id, map);
    map.set("kind", cell.kind);
    if (cell.kind === "text") map.set(PROSE_KEY, new Y.XmlFragment());
    else map.set("expr", new Y.Text());
  }
  setIfChanged(map, "order", order);
  writeExtra(map, cell);
  if (cell.kind === "text") {
    setTextCellMarkdown(map, cell.text);
    return;
  }
  replaceText(map.get("expr") as Y.Text, cell.expr);
  for (const field of CELL_FIELDS) {
    const value = cell[field];
    if (value === undefined) map.delete(field);
    else setIfChanged(map, field, value);
  }
}

/**
 * Unknown file fields are kept as one JSON string: nobody edits them collaboratively, and Yjs cannot store every
 * JSON object as is (a key named "constructor" or "__proto__" breaks or changes it).
 */
function writeExtra(map: CellMap, cell: IdentifiedCell): void {
  const known = KNOWN_KEYS[cell.kind];
  const extra = Object.fromEntries(Object.entries(cell).filter(([key]) => !known.has(key)));
  if (Object.keys(extra).length === 0) map.delete("extra");
  else setIfChanged(map, "extra", JSON.stringify(extra));
}

function setIfChanged<T>(map: Y.Map<T>, key: string, value: T): void {
  if (map.get(key) !== value) map.set(key, value);
}
