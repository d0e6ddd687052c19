"use client";
/** The page's keyboard shortcuts (see shortcuts.ts), on the document so they work wherever focus is. */
import { type RefObject, useEffect } from "react";
import type { NotebookEditorServices } from "./editor-context";
import { type ShortcutAction, shortcutFor } from "./shortcuts";

type Options = {
  services: NotebookEditorServices;
  /** The cell the keyboard was last in. */
  currentCell: RefObject<string | null>;
  onHelp: () => void;
  onUndo: () => void;
  onRedo: () => void;
};

export function useEditorShortcuts(options: Options) {
  const { services, currentCell, onHelp, onUndo, onRedo } = options;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // An editor that used the key (CodeMirror's own undo, Tiptap's marks…) has prevented its default.
      if (event.defaultPrevented || isInDialog(event.target)) return;
      const typing = isTypingTarget(event.target);
      const action = shortcutFor(event, typing);
      if (!action) return;
      const cell = cellOf(event.target) ?? currentCell.current;
      // Native undo of a plain input stays the input's own.
      if ((action.type === "undo" || action.type === "redo") && isPlainInput(event.target)) return;
      if (runShortcut(action, services, cell, { onHelp, onUndo, onRedo })) event.preventDefault();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [services, currentCell, onHelp, onUndo, onRedo]);
}

type Handlers = Pick<Options, "onHelp" | "onUndo" | "onRedo">;

/** Runs a shortcut; false when it does not apply here (nothing to act on, or a read-only page). */
function runShortcut(
  action: ShortcutAction,
  services: NotebookEditorServices,
  cell: string | null,
  handlers: Handlers,
): boolean {
  if (action.type === "help") {
    handlers.onHelp();
    return true;
  }
  if (services.readOnly) return false;
  if (action.type === "undo") handlers.onUndo();
  else if (action.type === "redo") handlers.onRedo();
  else if (action.type === "insert") services.insertCell(action.kind, cell ? { after: cell } : "end");
  else if (!cell) return false;
  else if (action.type === "leave-cell") focusShell(cell);
  else if (action.type === "move") services.moveCell(cell, action.step);
  else if (action.type === "duplicate") services.duplicateCell(cell);
  else services.deleteCell(cell);
  return true;
}

function cellOf(target: EventTarget | null): string | null {
  return target instanceof Element
    ? (target.closest<HTMLElement>("[data-cell-id]")?.dataset.cellId ?? null)
    : null;
}

function focusShell(id: string) {
  document.querySelector<HTMLElement>(`[data-cell-id="${CSS.escape(id)}"]`)?.focus();
}

function isPlainInput(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
}

function isTypingTarget(target: EventTarget | null): boolean {
  return isPlainInput(target) || (target instanceof HTMLElement && target.isContentEditable);
}

function isInDialog(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest("dialog") !== null;
}
