/**
 * How a cell editor behaves, from the cell's props: single-line (parameters) or multi-line (models), read-only,
 * and its accessible label. One extension, so the app swaps it in a Compartment when a prop changes.
 */
import { type ChangeSpec, EditorState, type Extension, Prec, Transaction } from "@codemirror/state";
import { type Command, EditorView, keymap } from "@codemirror/view";
import { ySyncAnnotation } from "y-codemirror.next";

export type EditorMode = { multiline: boolean; readOnly: boolean; label: string };

/**
 * Leaves the editor for the nearest focusable container (a notebook cell keeps the focus, so keyboard users keep
 * their place), or just blurs when there is none.
 */
export const leaveEditor: Command = (view) => {
  const container = view.dom.parentElement?.closest<HTMLElement>("[tabindex]");
  if (container) container.focus();
  else view.contentDOM.blur();
  return true;
};

/** Escape leaves the editor; an open completion list catches Escape first (its keymap has the highest precedence). */
const escapeLeaves = keymap.of([{ key: "Escape", run: leaveEditor }]);

/** Enter, with or without a modifier, leaves a single-line field like a form input: the edit is already shared. */
const enterLeaves = Prec.high(
  keymap.of(["Enter", "Mod-Enter", "Shift-Enter"].map((key) => ({ key, run: leaveEditor }))),
);

/**
 * Keeps the local user's edits on one line: typed or pasted line breaks become spaces. Edits arriving through the
 * Yjs binding pass untouched: rewriting them would make the editor disagree with the shared text.
 */
const joinLines = EditorState.transactionFilter.of((transaction) => {
  if (!transaction.docChanged || transaction.annotation(ySyncAnnotation)) return transaction;
  const changes: ChangeSpec[] = [];
  let hasBreak = false;
  transaction.changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
    hasBreak ||= inserted.lines > 1;
    changes.push({ from: fromA, to: toA, insert: inserted.sliceString(0, inserted.length, " ") });
  });
  if (!hasBreak) return transaction;
  const userEvent = transaction.annotation(Transaction.userEvent);
  // A line break is one character in a CodeMirror text, as is the space replacing it: the selection still fits.
  return {
    changes,
    selection: transaction.selection,
    scrollIntoView: transaction.scrollIntoView,
    ...(userEvent ? { userEvent } : {}),
  };
});

/**
 * A read-only editor never writes: commands that ignore `EditorState.readOnly` (accepting a completion, say) are
 * stopped here, while edits arriving through the Yjs binding still show.
 */
const refuseLocalEdits = EditorState.transactionFilter.of((transaction) =>
  transaction.docChanged && !transaction.annotation(ySyncAnnotation) ? [] : transaction,
);

/** Single-line editing for parameter expressions. */
export function singleLine(): Extension {
  return [joinLines, enterLeaves];
}

export function editorMode(mode: EditorMode): Extension {
  return [
    mode.multiline ? [] : singleLine(),
    escapeLeaves,
    EditorState.readOnly.of(mode.readOnly),
    mode.readOnly ? refuseLocalEdits : [],
    EditorView.editable.of(!mode.readOnly),
    EditorView.contentAttributes.of({
      "aria-label": mode.label,
      "aria-multiline": String(mode.multiline),
      ...(mode.readOnly
        ? // Not editable means not focusable: keep read-only text reachable by keyboard and announced as such.
          { "aria-readonly": "true", tabindex: "0" }
        : {}),
    }),
  ];
}
