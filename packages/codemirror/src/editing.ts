/** Collaboration for a Crux cell editor bound to a shared `Y.Text`. */
import type { Extension } from "@codemirror/state";
import { keymap } from "@codemirror/view";
import { yCollab, yUndoManagerKeymap } from "y-codemirror.next";
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";

/**
 * Binds the editor to `text` with y-codemirror.next: edits flow both ways, remote carets and selections show in
 * their user's colour from `awareness` (`user: { name, color }`), and Mod-z / Mod-Shift-z (Mod-y) go to the shared
 * notebook undo manager. The binding writes to the Y.Text with its own origin (its `YSyncConfig`), which it adds to
 * the undo manager's tracked origins while the editor lives: undo takes back this user's typing, never a remote
 * edit, which arrives with the provider as origin.
 */
export function cruxCollab(options: {
  text: Y.Text;
  awareness: Awareness | null;
  undoManager: Y.UndoManager;
}): Extension {
  return [
    yCollab(options.text, options.awareness, { undoManager: options.undoManager }),
    keymap.of(
      // A read-only editor (a viewer, or an editor whose access was withdrawn) must not undo into the shared text.
      yUndoManagerKeymap.map((binding) => ({
        ...binding,
        run: (view) => !view.state.readOnly && binding.run?.(view) === true,
      })),
    ),
  ];
}
