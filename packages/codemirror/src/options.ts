/** What the app tells the editor about the notebook around the cell being edited. */
import { Facet } from "@codemirror/state";

/** An evaluation error of the edited cell, at a 1-based line and column of its source (as the engine reports). */
export type CellError = { message: string; line: number; column: number };

export type CruxEditorOptions = {
  /** Names of the other cells of the notebook, offered by autocompletion. */
  names: () => string[];
  /** The cell's current evaluation error, underlined in the source. */
  error: () => CellError | null;
};

const NO_OPTIONS: CruxEditorOptions = { names: () => [], error: () => null };

/** The options of `cruxEditorExtensions`; callbacks, so the app can change them without reconfiguring. */
export const cruxOptions = Facet.define<CruxEditorOptions, CruxEditorOptions>({
  combine: (values) => values[values.length - 1] ?? NO_OPTIONS,
});
