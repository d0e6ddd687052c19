/**
 * Undo and redo in a text cell through the notebook's one Y.UndoManager (createUndoManager), so that Mod-z undoes
 * the same history whether the caret is in rich text, in an expression or nowhere. The manager tracks the rich-text
 * binding's origin (ySyncPluginKey) besides the notebook's own; collaborators' updates carry the provider as origin
 * and are never undone.
 *
 * Tiptap's Collaboration extension can take a manager (`yUndoOptions.undoManager`), but its plugin destroys the
 * manager it is given when the editor unmounts (disabling it for every other cell), so the keys are bound here,
 * ahead of Collaboration's own (priority 1000), and its per-editor manager is left unused.
 */
import { Extension, type KeyboardShortcutCommand } from "@tiptap/core";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import type * as Y from "yjs";

export const SharedUndo = Extension.create<{ undoManager: Y.UndoManager | null }>({
  name: "sharedUndo",
  priority: 1001,
  addOptions: () => ({ undoManager: null }),
  // Before the first edit: Tiptap emits "create" only after a timeout, once the editor is mounted.
  onBeforeCreate() {
    this.options.undoManager?.addTrackedOrigin(ySyncPluginKey);
  },
  addKeyboardShortcuts(): Record<string, KeyboardShortcutCommand> {
    const { undoManager } = this.options;
    if (!undoManager) return {};
    const undo = () => {
      undoManager.undo();
      return true;
    };
    const redo = () => {
      undoManager.redo();
      return true;
    };
    return { "Mod-z": undo, "Shift-Mod-z": redo, "Mod-y": redo };
  },
});
