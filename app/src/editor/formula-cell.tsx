"use client";
/**
 * The body of a parameter or model cell: the expression (a single line for parameters, several for models), the
 * description and source, and the live output under them.
 */
import type { CellSummary } from "@crux/engine";
import { cellText } from "@crux/notebook";
import { useMemo } from "react";
import type { CellResult } from "@/evaluation/use-notebook-evaluation";
import { CellOutput } from "@/outputs/cell-output";
import { CellFieldInput } from "./cell-field";
import { CodeEditor } from "./code-editor";
import { useEditor } from "./editor-context";
import type { CellFields } from "./notebook-store";

type Props = { fields: CellFields; result: CellResult | undefined; names: string[] };

export function FormulaBody({ fields, result, names }: Props) {
  const editor = useEditor();
  const { id, kind } = fields;
  // The Y.Text lives as long as the cell: re-read only if a re-import replaced it (new kind), never per render.
  // biome-ignore lint/correctness/useExhaustiveDependencies: kind is the reason to re-read, not an input
  const text = useMemo(() => cellText(editor.doc, id, "expr"), [editor.doc, id, kind]);
  const who = fields.name ?? `this ${kind}`;
  return (
    <>
      <CellFieldInput
        cellId={id}
        field="description"
        value={fields.description}
        label={`Description of ${who}`}
        placeholder="Description: what this is, and why this value"
        className="description-field"
      />
      <div className={`expr-editor ${kind === "model" ? "multiline" : "single-line"}`}>
        <CodeEditor
          text={text}
          awareness={editor.awareness}
          undoManager={editor.undoManager}
          names={names}
          error={editorError(result?.summary)}
          readOnly={editor.readOnly}
          multiline={kind === "model"}
          label={`Expression of ${who}`}
          onFocus={() => editor.enterCell(id)}
        />
      </div>
      <CellOutput result={result} cellName={editor.cellName} onShowCell={editor.showCell} />
      <SourceField fields={fields} who={who} />
    </>
  );
}

function SourceField({ fields, who }: { fields: CellFields; who: string }) {
  const link = linkOf(fields.source);
  return (
    <div className={`source-row${fields.source ? "" : " empty"}`}>
      <CellFieldInput
        cellId={fields.id}
        field="source"
        value={fields.source}
        label={`Source of ${who}`}
        placeholder="Source: a link or a citation"
        className="source-field"
      />
      {link ? (
        <a href={link} target="_blank" rel="noopener noreferrer" className="source-link">
          Open source<span className="visually-hidden"> of {who} (new tab)</span>
        </a>
      ) : null}
    </div>
  );
}

/** A source that is a web address becomes a link; anything else (a citation) stays text. Only http(s). */
function linkOf(source: string | undefined): string | null {
  if (!source) return null;
  try {
    const url = new URL(source);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** The cell's own error, at its position, for the editor to underline; a failed dependency is the output's to show. */
function editorError(summary: CellSummary | undefined) {
  if (summary?.type !== "error" || summary.dependency !== undefined) return null;
  return { message: summary.message, line: summary.line ?? 1, column: summary.column ?? 1 };
}
