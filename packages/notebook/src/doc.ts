/**
 * The notebook as a Yjs document. This module is the only code in Crux that touches raw Y types.
 *
 * Layout (see ARCHITECTURE.md "The document" and FIELD-NOTES.md for why not a Y.Array):
 *   doc.getMap("cells")    cellId -> Y.Map { kind, order, name?, expr | text: Y.Text, unit?, description?, source?, extra? }
 *   doc.getMap("settings") samples, seed
 *   doc.getMap("meta")     title
 * Cells are ordered by their fractional `order` key, ties broken by id, so moving a cell is one field write and two
 * peers can never duplicate or drop a cell by moving it concurrently.
 */
import { generateKeyBetween } from "fractional-indexing";
import * as Y from "yjs";
import {
  assignCellIds,
  type CellKind,
  cellNameOf,
  DEFAULT_SETTINGS,
  type EngineCell,
  engineCellsOf,
  type IdentifiedNotebookFile,
  type NotebookCell,
  type NotebookSettings,
  notebookSettingsSchema,
} from "./format";
import { NotebookEditError, validateCellName } from "./names";

export type { Doc as NotebookDoc } from "yjs";

/** Origin tag for the local user's edits: `createUndoManager` tracks only these, so undo never undoes a colleague. */
export const LOCAL_ORIGIN = Symbol("crux-local-edit");

export type CellField = "name" | "unit" | "description" | "source";
const FIELDS: readonly CellField[] = ["name", "unit", "description", "source"];
const KNOWN_KEYS = new Set(["id", "kind", "name", "expr", "text", "unit", "description", "source"]);

/** A plain snapshot of one cell, in document order. */
export type CellSnapshot = NotebookCell & { id: string; order: string };

type CellMap = Y.Map<unknown>;

const cellsOf = (doc: Y.Doc) => doc.getMap<CellMap>("cells");
const settingsOf = (doc: Y.Doc) => doc.getMap<number>("settings");
const metaOf = (doc: Y.Doc) => doc.getMap<string>("meta");

function transact(doc: Y.Doc, change: () => void): void {
  doc.transact(change, LOCAL_ORIGIN);
}

// ---- Reading

function byOrder(a: { id: string; order: string }, b: { id: string; order: string }): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function orderedEntries(doc: Y.Doc): { id: string; order: string; map: CellMap }[] {
  return [...cellsOf(doc).entries()]
    .map(([id, map]) => ({ id, order: String(map.get("order")), map }))
    .sort(byOrder);
}

function snapshotCell(id: string, map: CellMap): CellSnapshot {
  const kind = map.get("kind") as CellKind;
  const order = String(map.get("order"));
  const extra = (map.get("extra") as Record<string, unknown> | undefined) ?? {};
  if (kind === "text") return { ...extra, id, order, kind, text: String(map.get("text") ?? "") };
  const optional = Object.fromEntries(
    FIELDS.flatMap((field) => (map.get(field) !== undefined ? [[field, String(map.get(field))]] : [])),
  );
  return { ...extra, id, order, kind, ...optional, expr: String(map.get("expr") ?? "") } as CellSnapshot;
}

export function orderedCells(doc: Y.Doc): CellSnapshot[] {
  return orderedEntries(doc).map(({ id, map }) => snapshotCell(id, map));
}

export function getCell(doc: Y.Doc, id: string): CellSnapshot | undefined {
  const map = cellsOf(doc).get(id);
  return map ? snapshotCell(id, map) : undefined;
}

/** The live text of a cell (`expr` of parameters and models, `text` of text cells), for editor bindings. */
export function cellText(doc: Y.Doc, id: string): Y.Text {
  const map = requireCell(doc, id);
  const text = map.get(map.get("kind") === "text" ? "text" : "expr");
  if (!(text instanceof Y.Text)) throw new NotebookEditError(`cell ${id} has no text`);
  return text;
}

export function getSettings(doc: Y.Doc): NotebookSettings {
  const settings = settingsOf(doc);
  return {
    samples: settings.get("samples") ?? DEFAULT_SETTINGS.samples,
    seed: settings.get("seed") ?? DEFAULT_SETTINGS.seed,
  };
}

export function getTitle(doc: Y.Doc): string {
  return metaOf(doc).get("title") ?? "Untitled notebook";
}

export function notebookFromDoc(doc: Y.Doc): IdentifiedNotebookFile {
  return {
    format: "crux.notebook/1",
    title: getTitle(doc),
    settings: getSettings(doc),
    cells: orderedCells(doc).map(({ order: _order, ...cell }) => cell),
  };
}

export function engineCellsFromDoc(doc: Y.Doc): EngineCell[] {
  return engineCellsOf(orderedCells(doc));
}

// ---- Creating and importing

/** Seeds a new document from a file. Called once, when a notebook is created — never on load. */
export function createNotebookDoc(file: IdentifiedNotebookFile, options: { gc?: boolean } = {}): Y.Doc {
  const doc = new Y.Doc({ gc: options.gc ?? true });
  applyNotebookFileToDoc(doc, file);
  return doc;
}

/**
 * Makes the document equal to the file as a diff by cell id, in one transaction: changed fields are rewritten,
 * new cells added, cells missing from the file removed. Text is replaced only where it differs.
 */
export function applyNotebookFileToDoc(doc: Y.Doc, file: IdentifiedNotebookFile): void {
  const cells = assignCellIds(file.cells);
  transact(doc, () => {
    metaOf(doc).set("title", file.title);
    setSettings(doc, file.settings);
    const wanted = new Set(cells.map((cell) => cell.id));
    for (const id of [...cellsOf(doc).keys()]) if (!wanted.has(id)) cellsOf(doc).delete(id);
    let previousOrder: string | null = null;
    for (const cell of cells) {
      previousOrder = generateKeyBetween(previousOrder, null);
      writeCell(doc, cell, previousOrder);
    }
  });
}

function writeCell(doc: Y.Doc, cell: NotebookCell & { id: string }, order: string): void {
  let map = cellsOf(doc).get(cell.id);
  if (!map || map.get("kind") !== cell.kind) {
    map = new Y.Map<unknown>();
    cellsOf(doc).set(cell.id, map);
    map.set("kind", cell.kind);
    map.set(cell.kind === "text" ? "text" : "expr", new Y.Text());
  }
  map.set("order", order);
  const extra = Object.fromEntries(Object.entries(cell).filter(([key]) => !KNOWN_KEYS.has(key)));
  if (Object.keys(extra).length > 0) map.set("extra", extra);
  else map.delete("extra");
  if (cell.kind === "text") {
    replaceText(map.get("text") as Y.Text, cell.text);
    return;
  }
  replaceText(map.get("expr") as Y.Text, cell.expr);
  for (const field of FIELDS) {
    const value = field === "name" ? cellNameOf(cell) : cell[field];
    if (value === undefined) map.delete(field);
    else if (map.get(field) !== value) map.set(field, value);
  }
}

function replaceText(text: Y.Text, value: string): void {
  if (text.toString() === value) return;
  text.delete(0, text.length);
  text.insert(0, value);
}

// ---- Mutations (each one local transaction)

export type NewCell =
  | { kind: "text"; text?: string }
  | { kind: "parameter"; name: string; expr?: string; unit?: string; description?: string; source?: string }
  | { kind: "model"; name?: string; expr?: string };

export type Placement = { after: string } | { before: string } | "start" | "end";

/** Inserts a cell and returns its new id. A name that is invalid or taken throws NotebookEditError. */
export function insertCell(
  doc: Y.Doc,
  cell: NewCell,
  placement: Placement = "end",
  id = newCellId(),
): string {
  const name = cell.kind === "text" ? undefined : cell.name;
  if (name !== undefined) validateCellName(name, namesInUse(doc));
  const order = orderKeyFor(doc, placement, undefined);
  transact(doc, () => {
    writeCell(
      doc,
      {
        ...cell,
        id,
        ...(cell.kind === "text" ? { text: cell.text ?? "" } : { expr: cell.expr ?? "" }),
      } as NotebookCell & { id: string },
      order,
    );
  });
  return id;
}

/** Moves a cell: one write of its order key. */
export function moveCell(doc: Y.Doc, id: string, placement: Placement): void {
  const map = requireCell(doc, id);
  const order = orderKeyFor(doc, placement, id);
  transact(doc, () => map.set("order", order));
}

export function deleteCell(doc: Y.Doc, id: string): void {
  requireCell(doc, id);
  transact(doc, () => cellsOf(doc).delete(id));
}

/** Copies a cell right after itself; a named cell's copy gets a free name (`r_copy`, `r_copy2`, ...). */
export function duplicateCell(doc: Y.Doc, id: string): string {
  const { id: _id, order: _order, ...cell } = snapshotOrThrow(doc, id);
  const taken = namesInUse(doc);
  const name = cellNameOf(cell);
  const copyName = name === undefined ? undefined : freeName(`${name}_copy`, taken);
  return insertCell(doc, { ...cell, ...(copyName ? { name: copyName } : {}) } as NewCell, { after: id });
}

/** Sets or clears (undefined) a field; names are checked for syntax and uniqueness. */
export function setCellField(doc: Y.Doc, id: string, field: CellField, value: string | undefined): void {
  const map = requireCell(doc, id);
  if (map.get("kind") === "text") throw new NotebookEditError("text cells have no fields");
  if (field === "name") {
    if (value === undefined && map.get("kind") === "parameter")
      throw new NotebookEditError("a parameter needs a name");
    if (value !== undefined) validateCellName(value, namesInUse(doc, id));
  }
  transact(doc, () => (value === undefined ? map.delete(field) : map.set(field, value)));
}

/** Replaces a cell's whole text (for programmatic edits; editors edit `cellText` directly). */
export function setCellText(doc: Y.Doc, id: string, value: string): void {
  const text = cellText(doc, id);
  transact(doc, () => replaceText(text, value));
}

export function setSettings(doc: Y.Doc, settings: Partial<NotebookSettings>): void {
  const valid = notebookSettingsSchema.partial().parse(settings);
  transact(doc, () => {
    if (valid.samples !== undefined) settingsOf(doc).set("samples", valid.samples);
    if (valid.seed !== undefined) settingsOf(doc).set("seed", valid.seed);
  });
}

export function setTitle(doc: Y.Doc, title: string): void {
  transact(doc, () => metaOf(doc).set("title", title));
}

// ---- Observing and undo

/** Calls back with the ids of cells whose content, order or existence changed, and whether settings changed. */
export function observeNotebook(
  doc: Y.Doc,
  callback: (change: { cellIds: string[]; settings: boolean }) => void,
): () => void {
  const cells = cellsOf(doc);
  const onCells = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    const ids = new Set<string>();
    for (const event of events) {
      if (event.target === cells) for (const key of event.keys.keys()) ids.add(key);
      else ids.add(cellIdOf(event.path, event.target, cells));
    }
    callback({ cellIds: [...ids], settings: false });
  };
  const onSettings = () => callback({ cellIds: [], settings: true });
  cells.observeDeep(onCells);
  settingsOf(doc).observe(onSettings);
  return () => {
    cells.unobserveDeep(onCells);
    settingsOf(doc).unobserve(onSettings);
  };
}

function cellIdOf(path: (string | number)[], target: Y.AbstractType<unknown>, cells: Y.Map<CellMap>): string {
  if (typeof path[0] === "string") return path[0];
  // An event on a cell map itself has an empty path: find the key under which it sits.
  for (const [id, map] of cells.entries()) if (map === target) return id;
  return "";
}

/** An undo manager over the whole notebook that undoes only edits made with LOCAL_ORIGIN (this user's). */
export function createUndoManager(doc: Y.Doc, options: { captureTimeout?: number } = {}): Y.UndoManager {
  return new Y.UndoManager([cellsOf(doc), settingsOf(doc), metaOf(doc)], {
    trackedOrigins: new Set([LOCAL_ORIGIN]),
    captureTimeout: options.captureTimeout ?? 500,
  });
}

// ---- Helpers

function requireCell(doc: Y.Doc, id: string): CellMap {
  const map = cellsOf(doc).get(id);
  if (!map) throw new NotebookEditError(`no cell with id ${id}`);
  return map;
}

function snapshotOrThrow(doc: Y.Doc, id: string): CellSnapshot {
  return snapshotCell(id, requireCell(doc, id));
}

function namesInUse(doc: Y.Doc, exceptId?: string): Set<string> {
  const names = new Set<string>();
  for (const [id, map] of cellsOf(doc).entries()) {
    const name = map.get("name");
    if (id !== exceptId && typeof name === "string") names.add(name);
  }
  return names;
}

function freeName(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
  return name;
}

/**
 * An order key for the placement. Neighbours with equal keys (two peers inserted at the same spot concurrently)
 * are skipped so the key is always strictly between two distinct keys.
 */
function orderKeyFor(doc: Y.Doc, placement: Placement, movingId: string | undefined): string {
  const entries = orderedEntries(doc).filter((entry) => entry.id !== movingId);
  const keys = entries.map((entry) => entry.order);
  if (placement === "start") return generateKeyBetween(null, keys[0] ?? null);
  if (placement === "end") return generateKeyBetween(keys.at(-1) ?? null, null);
  const anchorId = "after" in placement ? placement.after : placement.before;
  const index = entries.findIndex((entry) => entry.id === anchorId);
  if (index < 0) throw new NotebookEditError(`no cell with id ${anchorId}`);
  const anchor = keys[index] as string;
  if ("after" in placement) return generateKeyBetween(anchor, keys.find((key) => key > anchor) ?? null);
  return generateKeyBetween(keys.findLast((key) => key < anchor) ?? null, anchor);
}

function newCellId(): string {
  return `c${globalThis.crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
}
