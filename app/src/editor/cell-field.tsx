"use client";
/**
 * A short field of a cell (name, unit, description, source): a plain input that keeps a draft while focused and
 * writes it on blur or Enter. The fields are last-writer-wins strings, so writing per keystroke would only flood
 * collaborators with half-typed words; a remote change shows as soon as this field is not being edited.
 */
import { type CellField as FieldName, NotebookEditError, setCellField } from "@crux/notebook";
import { type KeyboardEvent, useId, useState } from "react";
import { asUndoStep } from "./cell-actions";
import { useEditor } from "./editor-context";

type Props = {
  cellId: string;
  field: FieldName;
  value: string | undefined;
  label: string;
  placeholder: string;
  className?: string;
  /** Checks a draft before it is written; returns the message to show, or null when it may be written. */
  check?: (draft: string) => string | null;
};

export function CellFieldInput(props: Props) {
  const { doc, undoManager, readOnly } = useEditor();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const shown = draft ?? props.value ?? "";

  function commit() {
    if (draft === null) return;
    const value = draft.trim();
    const problem = props.check?.(value) ?? null;
    if (problem) return setError(problem);
    try {
      if (value !== (props.value ?? ""))
        asUndoStep(undoManager, () =>
          setCellField(doc, props.cellId, props.field, value === "" ? undefined : value),
        );
      setDraft(null);
      setError(null);
    } catch (caught) {
      if (!(caught instanceof NotebookEditError)) throw caught;
      setError(caught.message);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter") {
      event.preventDefault();
      commit();
    } else if (event.key === "Escape" && draft !== null) {
      // Escape abandons the draft; a second Escape (no draft) is left to the cell, which takes focus back.
      event.preventDefault();
      event.stopPropagation();
      setDraft(null);
      setError(null);
    }
  }

  return (
    <span className={`field ${props.className ?? ""}${shown === "" ? " empty" : ""}`}>
      <input
        value={shown}
        aria-label={props.label}
        placeholder={readOnly ? "" : props.placeholder}
        readOnly={readOnly}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        spellCheck={props.field !== "name"}
        onChange={(event) => {
          setDraft(event.target.value);
          if (props.check) setError(props.check(event.target.value.trim()));
        }}
        onBlur={commit}
        onKeyDown={onKeyDown}
      />
      {error ? (
        <span id={errorId} role="alert" className="field-error">
          {error}
        </span>
      ) : null}
    </span>
  );
}
