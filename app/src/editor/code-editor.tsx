"use client";
/**
 * The code editor of a parameter or model cell: CodeMirror 6 bound to the cell's shared Y.Text (y-codemirror.next),
 * with Crux highlighting, completion of cell names and built-ins, and the cell's error underlined.
 *
 * The view is created in an effect (never on the server) once per Y.Text, awareness and undo manager: recreating it
 * would drop the selection and the binding. Other props change the running view: the mode (read-only, single-line,
 * label) through a Compartment, names and error through callbacks the extensions read when they need them.
 */
import { Compartment, EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import {
  type CellError,
  cruxCollab,
  cruxEditorExtensions,
  editorMode,
  refreshCruxDiagnostics,
} from "@crux/codemirror";
import { type RefObject, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";

export type CodeEditorProps = {
  text: Y.Text;
  awareness: Awareness | null;
  undoManager: Y.UndoManager;
  /** Names of the notebook's cells, for completion. */
  names: string[];
  /** The cell's own evaluation error, at a 1-based line and column of its source. */
  error: CellError | null;
  readOnly: boolean;
  multiline: boolean;
  label: string;
  onFocus?: () => void;
};

const editorTheme = EditorView.theme({
  "&": { fontSize: "0.95rem" },
  "&.cm-focused": { outline: "2px solid #91a7ff", outlineOffset: "-2px" },
  ".cm-scroller": { fontFamily: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace' },
  ".cm-content": { padding: "0.4rem 0" },
  ".cm-line": { padding: "0 0.6rem" },
});

export function CodeEditor(props: CodeEditorProps) {
  const { text, awareness, undoManager, error, readOnly, multiline, label } = props;
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useLatest(props);
  const [modeSlot] = useState(() => new Compartment());

  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const created = new EditorView({
      parent,
      state: EditorState.create({
        doc: text.toString(),
        extensions: [
          cruxCollab({ text, awareness, undoManager }),
          cruxEditorExtensions({ names: () => latest.current.names, error: () => latest.current.error }),
          modeSlot.of(editorMode(latest.current)),
          EditorView.lineWrapping,
          editorTheme,
          EditorView.domEventHandlers({ focus: () => latest.current.onFocus?.() }),
        ],
      }),
    });
    created.dispatch(refreshCruxDiagnostics(created.state));
    view.current = created;
    return () => {
      view.current = null;
      created.destroy();
    };
  }, [text, awareness, undoManager, latest, modeSlot]);

  useEffect(() => {
    view.current?.dispatch({ effects: modeSlot.reconfigure(editorMode({ multiline, readOnly, label })) });
  }, [multiline, readOnly, label, modeSlot]);

  // The error object is rebuilt on every render upstream: refresh when what it says changes.
  const errorKey = error ? `${error.line}:${error.column}:${error.message}` : "";
  // biome-ignore lint/correctness/useExhaustiveDependencies: the refresh reads the error through `latest`
  useEffect(() => {
    const current = view.current;
    if (current) current.dispatch(refreshCruxDiagnostics(current.state));
  }, [errorKey]);

  return <div ref={host} className={multiline ? "code-editor code-editor-multiline" : "code-editor"} />;
}

/** A ref holding the latest props, for callbacks that run between renders (completion, linting, focus). */
function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
