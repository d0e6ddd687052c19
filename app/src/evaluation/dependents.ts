/**
 * Which cells an edit can change, known on the page the moment the edit happens, before the worker has run
 * anything: so that every output downstream of an edit dims at once. It over-approximates on purpose (any
 * identifier equal to a cell's name counts as a read, even a local variable or a word in a comment): a cell marked
 * stale by mistake is confirmed fresh by the next complete run, which reports exactly the cells it re-evaluated,
 * while a reader missed here would show an outdated value as current.
 */
import type { CellInput } from "@crux/engine";

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/g;

function readersByName(cells: Iterable<CellInput>): Map<string, string[]> {
  const readers = new Map<string, string[]>();
  for (const cell of cells)
    for (const name of new Set(cell.source.match(IDENTIFIER) ?? []))
      readers.set(name, [...(readers.get(name) ?? []), cell.id]);
  return readers;
}

/**
 * The cells that `changed` (ids of edited cells) and `names` (names that appeared or disappeared, so their readers
 * resolve differently now) can affect: those cells themselves and, transitively, every cell reading their names.
 */
export function dependentCells(
  cells: Map<string, CellInput>,
  changed: string[],
  names: string[],
): Set<string> {
  const readers = readersByName(cells.values());
  const affected = new Set<string>();
  const pending = [...changed, ...names.flatMap((name) => readers.get(name) ?? [])];
  while (pending.length > 0) {
    const id = pending.pop() as string;
    if (affected.has(id) || !cells.has(id)) continue;
    affected.add(id);
    const name = cells.get(id)?.name;
    if (name) pending.push(...(readers.get(name) ?? []));
  }
  return affected;
}
