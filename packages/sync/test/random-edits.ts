/**
 * Random notebook editing for convergence tests: inserts, moves, deletes and text edits through @crux/notebook,
 * with a record of what was done so the final document can be checked for lost or duplicated cells and text.
 * Only model cells are made and typed into (their `expr`): text cells' representation is not this package's concern.
 */
import {
  deleteCell,
  editCellText,
  type IdentifiedCell,
  insertCell,
  moveCell,
  orderedCells,
  type Placement,
} from "@crux/notebook";
import type * as Y from "yjs";

/** mulberry32: a small seeded generator, so a failing run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type EditLog = {
  inserted: Set<string>;
  deleted: Set<string>;
  /** Characters typed into each cell. */
  typed: Map<string, string[]>;
};

export function createEditLog(): EditLog {
  return { inserted: new Set(), deleted: new Set(), typed: new Map() };
}

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789+-*";

/** One random edit of `doc`, recorded in `log`. */
export function randomEdit(doc: Y.Doc, random: () => number, log: EditLog): void {
  const cells = orderedCells(doc);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
  const roll = random();
  if (cells.length < 2 || roll < 0.3) {
    const placement: Placement =
      cells.length === 0 ? "end" : pick<Placement>(["start", "end", { after: pick(cells).id }]);
    log.inserted.add(insertCell(doc, { kind: "model", expr: "" }, placement));
    return;
  }
  const cell = pick(cells);
  if (roll < 0.55) {
    const anchor = pick(cells.filter((other) => other.id !== cell.id));
    moveCell(doc, cell.id, random() < 0.5 ? { after: anchor.id } : { before: anchor.id });
  } else if (roll < 0.63) {
    deleteCell(doc, cell.id);
    log.deleted.add(cell.id);
  } else {
    const text = exprOf(cell);
    const char = pick([...ALPHABET]);
    editCellText(doc, cell.id, { index: Math.floor(random() * (text.length + 1)), insert: char });
    log.typed.set(cell.id, [...(log.typed.get(cell.id) ?? []), char]);
  }
}

/**
 * What the converged document must hold: every cell inserted by anyone and not deleted by anyone, exactly once,
 * each with every character typed into it (sorted, since concurrent typing interleaves).
 */
export function expectedCells(seedExprs: Map<string, string>, logs: EditLog[]): Map<string, string> {
  const deleted = new Set(logs.flatMap((log) => [...log.deleted]));
  const ids = [...seedExprs.keys(), ...logs.flatMap((log) => [...log.inserted])].filter(
    (id) => !deleted.has(id),
  );
  return new Map(
    ids.map((id) => {
      const typed = logs.flatMap((log) => log.typed.get(id) ?? []);
      return [id, [...(seedExprs.get(id) ?? ""), ...typed].sort().join("")];
    }),
  );
}

/** Several editors of one notebook, each with its own seeded random edits and log. */
export function randomEditors(docs: Y.Doc[], seed: number) {
  const seedExprs = exprsById(docs[0] as Y.Doc);
  const logs = docs.map(() => createEditLog());
  const randoms = docs.map((_, index) => seededRandom(seed * 100 + index));
  return {
    /** One random edit by editor `index`. */
    edit(index: number): void {
      randomEdit(docs[index] as Y.Doc, randoms[index] as () => number, logs[index] as EditLog);
    },
    /** Whether editor `index` should yield to the network now (30% of the time), so edits cross in flight. */
    shouldYield(index: number): boolean {
      return (randoms[index] as () => number)() < 0.3;
    },
    /** Records a cell an editor inserted by hand. */
    inserted(index: number, id: string): void {
      (logs[index] as EditLog).inserted.add(id);
    },
    expected: () => expectedCells(seedExprs, logs),
  };
}

/** The document's cells as id -> sorted characters of its text, failing on a duplicated id. */
export function actualCells(doc: Y.Doc): Map<string, string> {
  const cells = orderedCells(doc);
  const ids = cells.map((cell) => cell.id);
  if (new Set(ids).size !== ids.length) throw new Error(`duplicated cell in ${ids.join(",")}`);
  return new Map(cells.map((cell) => [cell.id, [...exprOf(cell)].sort().join("")]));
}

/** The expression of a parameter or model cell ("" for a text cell, which these tests never make). */
export function exprOf(cell: IdentifiedCell): string {
  return cell.kind === "text" ? "" : cell.expr;
}

/** Each cell's expression by id: the starting point `expectedCells` adds the typed characters to. */
export function exprsById(doc: Y.Doc): Map<string, string> {
  return new Map(orderedCells(doc).map((cell) => [cell.id, exprOf(cell)]));
}
