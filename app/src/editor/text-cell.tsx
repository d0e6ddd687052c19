"use client";
/** The body of a text cell: rich text with live values of named cells (the text editor does the work). */
import { useEditor } from "./editor-context";
import { TextCellEditor } from "./text-cell-editor";

type Props = { id: string; inlineValueOf: (name: string) => string | undefined };

export function TextBody({ id, inlineValueOf }: Props) {
  const { doc, awareness, readOnly, undoManager } = useEditor();
  return (
    <div className="text-body">
      <TextCellEditor
        doc={doc}
        cellId={id}
        awareness={awareness}
        readOnly={readOnly}
        valueOf={inlineValueOf}
        undoManager={undoManager}
        label="Text"
      />
    </div>
  );
}
