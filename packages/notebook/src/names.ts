import { CELL_NAME_PATTERN } from "./format";

/** A refused edit (bad or duplicate name, unknown cell); the message is fit to show the user. */
export class NotebookEditError extends Error {
  override name = "NotebookEditError";
}

export function validateCellName(name: string, taken: Set<string>): void {
  if (!CELL_NAME_PATTERN.test(name))
    throw new NotebookEditError(
      `"${name}" is not a valid name: start with a lower-case letter or _, then letters, digits or _`,
    );
  if (taken.has(name)) throw new NotebookEditError(`the name "${name}" is already used in this notebook`);
}
