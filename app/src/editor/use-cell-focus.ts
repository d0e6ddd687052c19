"use client";
/**
 * Putting the keyboard in a cell once React has rendered it: a new or duplicated cell (its first field), a cell shown
 * from an output's link, a cell that moved (React moves its DOM node, which drops focus in Chromium).
 */
import { useCallback, useEffect, useRef, useState } from "react";

/** edit: the cell's first field; shell: the cell itself; keep: whatever had focus; scroll: edit, after scrolling. */
export type FocusMode = "edit" | "shell" | "keep" | "scroll";

type Request = { id: string; mode: FocusMode; active: Element | null };

export function useCellFocus(order: readonly string[]) {
  const request = useRef<Request | null>(null);
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each render that may have added the cell
  useEffect(() => {
    if (!request.current) return;
    // After the frame, not in the effect: an editor inside the cell may still be replacing its DOM in this commit
    // (React's development double mount recreates CodeMirror views), and focus on a removed node is lost.
    const frame = requestAnimationFrame(() => {
      const pending = request.current;
      const cell =
        pending && document.querySelector<HTMLElement>(`[data-cell-id="${CSS.escape(pending.id)}"]`);
      if (!pending || !cell) return;
      request.current = null;
      focusIn(cell, pending);
    });
    return () => cancelAnimationFrame(frame);
  }, [order, generation]);

  return useCallback((id: string, mode: FocusMode = "edit") => {
    request.current = { id, mode, active: document.activeElement };
    setGeneration((value) => value + 1);
  }, []);
}

function focusIn(cell: HTMLElement, pending: Request) {
  if (pending.mode === "keep" && pending.active instanceof HTMLElement && cell.contains(pending.active)) {
    pending.active.focus();
    return;
  }
  if (pending.mode === "scroll") cell.scrollIntoView({ block: "center", behavior: "smooth" });
  const target = pending.mode === "shell" ? cell : (firstField(cell) ?? cell);
  target.focus({ preventScroll: pending.mode === "scroll" });
  if (target instanceof HTMLInputElement) target.select();
}

/** A new parameter starts at its name (it gets a placeholder one); other cells at their text. */
function firstField(cell: HTMLElement): HTMLElement | null {
  const selector = cell.classList.contains("cell-parameter")
    ? ".name-field input"
    : '.cm-content, [contenteditable="true"]';
  return cell.querySelector<HTMLElement>(selector);
}
