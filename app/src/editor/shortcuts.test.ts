import { describe, expect, it } from "vitest";
import { shortcutFor } from "./shortcuts";

const key = (
  code: string,
  keyName: string,
  modifiers: Partial<Record<"alt" | "shift" | "ctrl" | "meta", boolean>> = {},
) => ({
  code,
  key: keyName,
  altKey: modifiers.alt ?? false,
  shiftKey: modifiers.shift ?? false,
  ctrlKey: modifiers.ctrl ?? false,
  metaKey: modifiers.meta ?? false,
});

describe("keyboard shortcuts", () => {
  it("adds cells with Alt and the kind's letter, by physical key (Option+P types π on a Mac)", () => {
    expect(shortcutFor(key("KeyP", "π", { alt: true }), true)).toEqual({ type: "insert", kind: "parameter" });
    expect(shortcutFor(key("KeyM", "m", { alt: true }), false)).toEqual({ type: "insert", kind: "model" });
    expect(shortcutFor(key("KeyT", "t", { alt: true }), false)).toEqual({ type: "insert", kind: "text" });
    expect(shortcutFor(key("KeyP", "p"), false)).toBeNull();
  });

  it("moves, duplicates and deletes the current cell", () => {
    expect(shortcutFor(key("ArrowUp", "ArrowUp", { alt: true }), true)).toEqual({ type: "move", step: -1 });
    expect(shortcutFor(key("ArrowDown", "ArrowDown", { alt: true }), true)).toEqual({
      type: "move",
      step: 1,
    });
    expect(shortcutFor(key("KeyD", "D", { alt: true, shift: true }), true)).toEqual({ type: "duplicate" });
    expect(shortcutFor(key("Backspace", "Backspace", { alt: true, shift: true }), true)).toEqual({
      type: "delete",
    });
    // Alt+Backspace alone deletes a word in an editor: it is not a shortcut.
    expect(shortcutFor(key("Backspace", "Backspace", { alt: true }), true)).toBeNull();
  });

  it("undoes and redoes with Ctrl or ⌘", () => {
    expect(shortcutFor(key("KeyZ", "z", { ctrl: true }), false)).toEqual({ type: "undo" });
    expect(shortcutFor(key("KeyZ", "Z", { meta: true, shift: true }), false)).toEqual({ type: "redo" });
    expect(shortcutFor(key("KeyY", "y", { ctrl: true }), false)).toEqual({ type: "redo" });
  });

  it("opens the help with ? only outside text, and leaves an editor with Escape", () => {
    expect(shortcutFor(key("Slash", "?", { shift: true }), false)).toEqual({ type: "help" });
    expect(shortcutFor(key("Slash", "?", { shift: true }), true)).toBeNull();
    expect(shortcutFor(key("Escape", "Escape"), true)).toEqual({ type: "leave-cell" });
    expect(shortcutFor(key("Escape", "Escape"), false)).toBeNull();
  });
});
