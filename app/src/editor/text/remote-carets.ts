/**
 * Collaborators' carets and selections in a text cell, from Yjs awareness (y-prosemirror's cursor plugin, as
 * Tiptap's CollaborationCaret uses it). Not CollaborationCaret itself: that extension writes its own `user` into
 * this browser's awareness state, while the sync server stamps each state with the verified user.
 */
import { Extension } from "@tiptap/core";
import { yCursorPlugin } from "@tiptap/y-tiptap";
import type { Awareness } from "y-protocols/awareness";

// Awareness states come from other browsers: only a plain hex colour reaches a style attribute.
const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
const FALLBACK_COLOR = "#868e96";

type AwarenessUser = { name?: unknown; color?: unknown };

const colorOf = (user: AwarenessUser) =>
  typeof user.color === "string" && HEX_COLOR.test(user.color) ? user.color : FALLBACK_COLOR;

function caretOf(user: AwarenessUser): HTMLElement {
  const color = colorOf(user);
  const caret = document.createElement("span");
  caret.className = "text-caret";
  caret.style.borderColor = color;
  const label = document.createElement("span");
  label.className = "text-caret-label";
  label.style.backgroundColor = color;
  label.textContent = typeof user.name === "string" ? user.name : "Someone";
  caret.append(label);
  return caret;
}

export const RemoteCarets = Extension.create<{ awareness: Awareness | null }>({
  name: "remoteCarets",
  addOptions: () => ({ awareness: null }),
  addProseMirrorPlugins() {
    const { awareness } = this.options;
    if (!awareness) return [];
    return [
      yCursorPlugin(awareness, {
        cursorBuilder: caretOf,
        selectionBuilder: (user: AwarenessUser) => ({
          class: "text-remote-selection",
          style: `background-color: ${colorOf(user)}33`,
        }),
      }),
    ];
  },
});
