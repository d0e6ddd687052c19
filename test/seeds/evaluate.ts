import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const root = path.resolve(import.meta.dirname, "../..");
export const templatesDir = path.join(root, "prisma/templates");

export type Cells = Record<string, Record<string, unknown> & { type: string }>;

/** `crux eval FILE --json` on a template notebook: its cells by name. */
export async function evaluateTemplate(file: string): Promise<Cells> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [path.join(root, "packages/cli/bin/crux.js"), "eval", path.join(templatesDir, file), "--json"],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return (JSON.parse(stdout) as { cells: Cells }).cells;
}

/** The value of a number cell. */
export function number(cells: Cells, name: string): number {
  const cell = cells[name];
  if (cell?.type !== "number") throw new Error(`${name} is ${JSON.stringify(cell)}, not a number`);
  return cell.value as number;
}

/** Within a relative tolerance that reflects the rounding of the source ("~350", "19x"). */
export function expectClose(actual: number, expected: number, relativeTolerance: number): void {
  if (Math.abs(actual - expected) > relativeTolerance * Math.abs(expected))
    throw new Error(`expected ${actual} to be within ${relativeTolerance * 100}% of ${expected}`);
}
