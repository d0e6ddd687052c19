/** Notebook cells as one Squiggle program, for the Squiggle baseline. */

export type ProgramCell = { id: string; name?: string; source: string };

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/g;

/**
 * Squiggle needs definitions before use, while a notebook's cell order is for reading only: cells are emitted in
 * dependency order (a name counts as a dependency when it appears in the source as an identifier), unnamed cells
 * get a name, and multi-line cells become blocks. The program ends with the last cell's value.
 */
export function toSquiggleProgram(cells: ProgramCell[]): string {
  const named = cells.map((cell) => ({
    ...cell,
    binding: cell.name ?? `cell_${cell.id.replace(/\W/g, "_")}`,
  }));
  const names = new Set(named.map((cell) => cell.binding));
  const emitted = new Set<string>();
  const lines: string[] = [];
  let pending = named;
  while (pending.length > 0) {
    const ready = pending.filter((cell) =>
      [...cell.source.matchAll(IDENTIFIER)].every(
        ([word]) => word === cell.binding || !names.has(word) || emitted.has(word),
      ),
    );
    // A cycle cannot be ordered: emit the rest as they are and let Squiggle report it.
    const batch = ready.length > 0 ? ready : pending;
    for (const cell of batch) {
      const body = cell.source.includes("\n") ? `{\n${cell.source}\n}` : cell.source;
      lines.push(`${cell.binding} = ${body}`);
      emitted.add(cell.binding);
    }
    pending = pending.filter((cell) => !batch.includes(cell));
  }
  return `${lines.join("\n")}\n${named.at(-1)?.binding ?? ""}`;
}
