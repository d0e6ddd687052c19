/**
 * Typed mutations of a notebook document. Each is one transaction with origin LOCAL_ORIGIN. A refused edit (unknown
 * cell, invalid or taken name, bad setting) throws NotebookEditError before anything is written.
 */
import type * as Y from "yjs";
import {
  type CellField,
  type CellMap,
  type CellTextField,
  cellsOf,
  getCell,
  metaOf,
  orderedCellMaps,
  setTextCellMarkdown,
  settingsOf,
  textCellMarkdown,
  textCellProse,
  textFieldOf,
  transactLocally,
  writeCell,
} from "./doc";
import {
  type CellKind,
  describeIssue,
  type IdentifiedCell,
  type NotebookSettings,
  notebookTitleSchema,
  settingsChangeSchema,
} from "./format";
import { NotebookEditError, validateCellName } from "./names";
import { keyForPlacement, type Placement } from "./order";
import { replaceText } from "./text";

/** A cell to insert: its kind and any fields (texts default to empty). */
export type NewCell =
  | { kind: "text"; text?: string }
  | { kind: "parameter"; name: string; expr?: string; unit?: string; description?: string; source?: string }
  | { kind: "model"; name?: string; expr?: string; unit?: string; description?: string; source?: string };

// ---- Cells

/** Inserts a cell and returns its id (a fresh random one unless `options.id` is given and free). */
export function insertCell(
  doc: Y.Doc,
  cell: NewCell,
  placement: Placement = "end",
  options: { id?: string } = {},
): string {
  const id = options.id ?? newCellId();
  if (id === "") throw new NotebookEditError("a cell id must not be empty");
  if (cellsOf(doc).has(id)) throw new NotebookEditError(`there is already a cell with id ${id}`);
  const complete = {
    ...cell,
    id,
    ...(cell.kind === "text" ? { text: cell.text ?? "" } : { expr: cell.expr ?? "" }),
  } as IdentifiedCell;
  addCell(doc, complete, placement);
  return id;
}

function addCell(doc: Y.Doc, cell: IdentifiedCell, placement: Placement): void {
  if (cell.kind !== "text" && cell.name !== undefined) validateCellName(cell.name, namesInUse(doc));
  const order = orderKeyFor(doc, placement, cell.id);
  transactLocally(doc, () => writeCell(doc, cell, order));
}

/** Moves a cell: one write of its order key, so a concurrent edit of the cell is never lost or duplicated. */
export function moveCell(doc: Y.Doc, id: string, placement: Placement): void {
  const map = requireCell(doc, id);
  if (anchorOf(placement) === id) return;
  const order = orderKeyFor(doc, placement, id);
  transactLocally(doc, () => map.set("order", order));
}

export function deleteCell(doc: Y.Doc, id: string): void {
  requireCell(doc, id);
  transactLocally(doc, () => cellsOf(doc).delete(id));
}

/** Copies a cell (unknown fields included) right after itself; a name becomes a free one (`r_copy`, `r_copy2`...). */
export function duplicateCell(doc: Y.Doc, id: string): string {
  const { id: _original, ...cell } = getCell(doc, id) ?? missingCell(id);
  const copy = { ...cell, id: newCellId() } as IdentifiedCell;
  if (copy.kind !== "text" && copy.name !== undefined)
    copy.name = freeName(`${copy.name}_copy`, namesInUse(doc));
  addCell(doc, copy, { after: id });
  return copy.id;
}

/** Sets a field of a parameter or model cell, or clears it with undefined. Names are checked for form and use. */
export function setCellField(doc: Y.Doc, id: string, field: CellField, value: string | undefined): void {
  const map = requireCell(doc, id);
  const kind = map.get("kind") as CellKind;
  if (kind === "text") throw new NotebookEditError("a text cell has no name, unit, description or source");
  if (field === "name" && value === undefined && kind === "parameter")
    throw new NotebookEditError("a parameter needs a name");
  if (field === "name" && value !== undefined) validateCellName(value, namesInUse(doc, id));
  transactLocally(doc, () => (value === undefined ? map.delete(field) : map.set(field, value)));
}

// ---- Cell text

/**
 * The live Y.Text of a parameter or model cell's `expr`, for an editor binding (y-codemirror.next). A text cell
 * holds rich text, not a Y.Text: its editor binds `reasoningFragment`, and `setCellText` / `editCellText` /
 * `getCell(...).text` read and write it as Markdown.
 */
export function cellText(doc: Y.Doc, id: string, field: CellTextField): Y.Text {
  const map = requireCell(doc, id);
  const kind = map.get("kind") as CellKind;
  if (textFieldOf(kind) !== field) throw new NotebookEditError(`a ${kind} cell has no ${field}`);
  if (kind === "text")
    throw new NotebookEditError("a text cell holds rich text: bind its reasoningFragment instead");
  return map.get(field) as Y.Text;
}

/**
 * The live rich text of a text cell (a ProseMirror document in y-prosemirror's layout, of `reasoningSchema`), for
 * the Tiptap Collaboration extension to bind to.
 */
export function reasoningFragment(doc: Y.Doc, id: string): Y.XmlFragment {
  const map = requireCell(doc, id);
  const kind = map.get("kind") as CellKind;
  if (kind !== "text") throw new NotebookEditError(`a ${kind} cell has no reasoning text`);
  return textCellProse(doc, map);
}

/**
 * Replaces a cell's text: an expr rewriting only the span that differs; a text cell's Markdown, rewriting only the
 * rich-text nodes and text that differ.
 */
export function setCellText(doc: Y.Doc, id: string, value: string): void {
  const map = requireCell(doc, id);
  transactLocally(doc, () => {
    if (map.get("kind") === "text") setTextCellMarkdown(map, value);
    else replaceText(map.get("expr") as Y.Text, value);
  });
}

/**
 * One edit of a cell's text at a UTF-16 offset: delete `deleteCount`, then insert. For an expr this is what an
 * editor does; for a text cell the offset is into its Markdown (`getCell(...).text`), and the edited Markdown is
 * written back as `setCellText` does.
 */
export function editCellText(
  doc: Y.Doc,
  id: string,
  edit: { index: number; deleteCount?: number; insert?: string },
): void {
  const map = requireCell(doc, id);
  const isTextCell = map.get("kind") === "text";
  const before = isTextCell ? textCellMarkdown(map) : (map.get("expr") as Y.Text).toString();
  const { index, deleteCount = 0, insert = "" } = edit;
  if (!Number.isInteger(index) || index < 0 || index + deleteCount > before.length)
    throw new NotebookEditError(
      `edit at ${index} (+${deleteCount}) is outside the text (length ${before.length})`,
    );
  transactLocally(doc, () => {
    if (isTextCell) {
      setTextCellMarkdown(map, before.slice(0, index) + insert + before.slice(index + deleteCount));
      return;
    }
    const text = map.get("expr") as Y.Text;
    if (deleteCount > 0) text.delete(index, deleteCount);
    if (insert) text.insert(index, insert);
  });
}

// ---- Notebook settings and title

/** Changes some settings; values are checked as in the file format (samples 1..1,000,000, whole numbers). */
export function setSettings(doc: Y.Doc, settings: Partial<NotebookSettings>): void {
  const result = settingsChangeSchema.safeParse(settings);
  if (!result.success) throw new NotebookEditError(`settings.${describeIssue(result.error.issues[0])}`);
  const { samples, seed } = result.data;
  transactLocally(doc, () => {
    if (samples !== undefined) settingsOf(doc).set("samples", samples);
    if (seed !== undefined) settingsOf(doc).set("seed", seed);
  });
}

export function setTitle(doc: Y.Doc, title: string): void {
  const result = notebookTitleSchema.safeParse(title);
  if (!result.success) throw new NotebookEditError(`title: ${describeIssue(result.error.issues[0])}`);
  transactLocally(doc, () => metaOf(doc).set("title", result.data));
}

// ---- Helpers

function requireCell(doc: Y.Doc, id: string): CellMap {
  return cellsOf(doc).get(id) ?? missingCell(id);
}

function missingCell(id: string): never {
  throw new NotebookEditError(`there is no cell with id ${id} (a collaborator may have deleted it)`);
}

function orderKeyFor(doc: Y.Doc, placement: Placement, placedId: string): string {
  const others = orderedCellMaps(doc).filter((cell) => cell.id !== placedId);
  const key = keyForPlacement(others, placement);
  return key ?? missingCell(anchorOf(placement) ?? "");
}

function anchorOf(placement: Placement): string | undefined {
  if (typeof placement === "string") return undefined;
  return "after" in placement ? placement.after : placement.before;
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
 * 64 random bits, so two peers inserting at once never pick the same id. getRandomValues, unlike randomUUID, also
 * exists in pages served over plain http; bytes are drawn in batches because each call is slow.
 */
function newCellId(): string {
  if (randomPool.offset + 8 > randomPool.bytes.length) {
    globalThis.crypto.getRandomValues(randomPool.bytes);
    randomPool.offset = 0;
  }
  const bytes = randomPool.bytes.subarray(randomPool.offset, randomPool.offset + 8);
  randomPool.offset += 8;
  return `c${Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("")}`;
}

const randomPool = { bytes: new Uint8Array(1024), offset: 1024 };
