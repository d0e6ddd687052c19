"use client";
/** The row between two cells (and after the last) from which a new cell of any kind is added right there. */
import type { CellKind } from "@crux/notebook";
import { memo } from "react";
import { useEditor } from "./editor-context";

const KINDS: { kind: CellKind; label: string; hint: string }[] = [
  { kind: "parameter", label: "Parameter", hint: "Alt+P" },
  { kind: "model", label: "Model", hint: "Alt+M" },
  { kind: "text", label: "Text", hint: "Alt+T" },
];

/** `before`: the cell the new one goes in front of; absent for the row after the last cell. */
export const InsertBar = memo(function InsertBar({
  before,
  prominent = false,
}: {
  before?: string;
  prominent?: boolean;
}) {
  const editor = useEditor();
  if (editor.readOnly) return null;
  const where = before ? "here" : "at the end";
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset would draw a border and a legend; this is a toolbar
    <div
      className={`insert-bar${prominent ? " prominent" : ""}`}
      role="group"
      aria-label={`Add a cell ${where}`}
    >
      {KINDS.map(({ kind, label, hint }) => (
        <button
          key={kind}
          type="button"
          className="insert-button"
          title={`Add a ${label.toLowerCase()} cell ${where} (${hint} adds one below the current cell)`}
          aria-label={`Add ${label.toLowerCase()} cell ${where}`}
          onClick={() => editor.insertCell(kind, before ? { before } : "end")}
        >
          + {label}
        </button>
      ))}
    </div>
  );
});
