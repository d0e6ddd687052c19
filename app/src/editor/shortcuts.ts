/**
 * The page's keyboard shortcuts, matched on `event.code` (the physical key), so Alt+P works on a Mac keyboard too,
 * where Option+P types "π". Editors get keys first: a shortcut only acts on keys no editor used.
 */
import type { CellKind } from "@crux/notebook";

export type ShortcutAction =
  | { type: "insert"; kind: CellKind }
  | { type: "move"; step: -1 | 1 }
  | { type: "duplicate" }
  | { type: "delete" }
  | { type: "undo" }
  | { type: "redo" }
  | { type: "help" }
  | { type: "leave-cell" };

/** For the help dialog: each shortcut's keys (alternatives) and what it does. */
export const SHORTCUT_HELP: { keys: string[]; what: string }[] = [
  { keys: ["Alt+P"], what: "Add a parameter cell below the current cell" },
  { keys: ["Alt+M"], what: "Add a model cell below the current cell" },
  { keys: ["Alt+T"], what: "Add a text cell below the current cell" },
  { keys: ["Alt+↑", "Alt+↓"], what: "Move the current cell up or down" },
  { keys: ["Alt+Shift+D"], what: "Duplicate the current cell" },
  { keys: ["Alt+Shift+Backspace"], what: "Delete the current cell (Undo brings it back)" },
  { keys: ["Ctrl+Z", "⌘Z"], what: "Undo your own last change (never a collaborator's)" },
  { keys: ["Ctrl+Shift+Z", "⌘⇧Z", "Ctrl+Y"], what: "Redo" },
  { keys: ["Escape"], what: "Leave the editor; the cell keeps focus" },
  { keys: ["Tab", "Shift+Tab"], what: "Next or previous field" },
  { keys: ["?"], what: "Show this list (outside a text field)" },
];

type Keys = Pick<KeyboardEvent, "key" | "code" | "altKey" | "shiftKey" | "ctrlKey" | "metaKey">;

const INSERT_KEYS: Record<string, CellKind> = { KeyP: "parameter", KeyM: "model", KeyT: "text" };

export function shortcutFor(event: Keys, typing: boolean): ShortcutAction | null {
  const mod = event.ctrlKey || event.metaKey;
  if (event.altKey && !mod) {
    const kind = INSERT_KEYS[event.code];
    if (kind && !event.shiftKey) return { type: "insert", kind };
    if (event.code === "ArrowUp") return { type: "move", step: -1 };
    if (event.code === "ArrowDown") return { type: "move", step: 1 };
    if (event.shiftKey && event.code === "KeyD") return { type: "duplicate" };
    if (event.shiftKey && event.code === "Backspace") return { type: "delete" };
    return null;
  }
  if (mod && !event.altKey && event.code === "KeyZ") return { type: event.shiftKey ? "redo" : "undo" };
  if (mod && !event.altKey && !event.shiftKey && event.code === "KeyY") return { type: "redo" };
  if (event.key === "Escape" && typing) return { type: "leave-cell" };
  if (event.key === "?" && !typing && !mod && !event.altKey) return { type: "help" };
  return null;
}
