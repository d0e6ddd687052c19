"use client";
/**
 * The editor of a text cell: Tiptap (ProseMirror) bound to the cell's rich text in the shared document
 * (`reasoningFragment`) with the Collaboration extension, so every keystroke is a Yjs edit and collaborators'
 * edits and carets appear live. Its schema is @crux/notebook's `reasoningExtensions`, the one the Markdown import
 * and export use. Live values (`{{name}}`) render as pills showing `valueOf(name)`.
 *
 * The editor is created after mount (`immediatelyRender: false`: nothing to render on the server) and recreated
 * only when the fragment, awareness or undo manager change; read-only mode and values reach the running editor.
 */
import { CellValue, orderedCells, reasoningExtensions, reasoningFragment } from "@crux/notebook";
import Collaboration from "@tiptap/extension-collaboration";
import { EditorContent, useEditor } from "@tiptap/react";
import { useEffect, useId, useMemo, useState } from "react";
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import { type CellNameMenu, CellNameSuggestions } from "./text/cell-name-suggestions";
import { CellValuesContext, EditorCellValue, type ValueOf } from "./text/cell-values";
import { RemoteCarets } from "./text/remote-carets";
import { SharedUndo } from "./text/shared-undo";
import { TextToolbar } from "./text/toolbar";
import "./text/text-cell-editor.css";

export type TextCellEditorProps = {
  doc: Y.Doc;
  cellId: string;
  awareness: Awareness | null;
  readOnly: boolean;
  /** The short text of a named cell's current value, or undefined when there is none (shown as "?"). */
  valueOf: ValueOf;
  /**
   * The notebook's undo manager (createUndoManager): Mod-z in the text then undoes the notebook's one history.
   * Without it, the editor keeps a history of its own typing. Either way only this user's edits are undone.
   */
  undoManager?: Y.UndoManager;
  label?: string;
};

const editorExtensions = reasoningExtensions.map((extension) =>
  extension === CellValue ? EditorCellValue : extension,
);

export function TextCellEditor(props: TextCellEditorProps) {
  const { doc, cellId, awareness, readOnly, valueOf: currentValues, undoManager, label = "Text" } = props;
  const fragment = useMemo(() => reasoningFragment(doc, cellId), [doc, cellId]);
  const [menu, setMenu] = useState<CellNameMenu | null>(null);
  const editor = useEditor(
    {
      immediatelyRender: false,
      shouldRerenderOnTransaction: false,
      editable: !readOnly,
      extensions: [
        ...editorExtensions,
        Collaboration.configure({ fragment }),
        RemoteCarets.configure({ awareness }),
        SharedUndo.configure({ undoManager: undoManager ?? null }),
        CellNameSuggestions.configure({ names: () => cellNames(doc), onChange: setMenu }),
      ],
      editorProps: {
        attributes: {
          class: "text-cell-content",
          "aria-label": label,
          "aria-multiline": "true",
          role: "textbox",
        },
      },
    },
    [fragment, awareness, undoManager],
  );

  useEffect(() => {
    if (editor && editor.isEditable === readOnly) editor.setEditable(!readOnly);
  }, [editor, readOnly]);

  const listId = useId();
  useEffect(() => {
    if (!editor) return;
    const dom = editor.view.dom;
    setOrRemove(dom, "aria-expanded", menu ? "true" : null);
    setOrRemove(dom, "aria-controls", menu ? listId : null);
    setOrRemove(dom, "aria-activedescendant", menu ? `${listId}-${menu.active}` : null);
  }, [editor, menu, listId]);

  return (
    <CellValuesContext.Provider value={currentValues}>
      <div className="text-cell-editor">
        <EditorContent editor={editor} />
        {menu && <CellNameList id={listId} menu={menu} />}
        {editor && !readOnly && <TextToolbar editor={editor} />}
      </div>
    </CellValuesContext.Provider>
  );
}

/** Names of the notebook's named cells, read when the list opens (so it is never stale). */
function cellNames(doc: Y.Doc): string[] {
  return orderedCells(doc).flatMap((cell) => (cell.kind !== "text" && cell.name ? [cell.name] : []));
}

function setOrRemove(element: Element, attribute: string, value: string | null): void {
  if (value === null) element.removeAttribute(attribute);
  else element.setAttribute(attribute, value);
}

/** The suggested cell names, under the typed `{{` or `@`; the editor keeps focus and handles the keys. */
function CellNameList({ id, menu }: { id: string; menu: CellNameMenu }) {
  const style = menu.anchor ? { left: menu.anchor.left, top: menu.anchor.bottom + 4 } : undefined;
  return (
    <div id={id} className="cell-name-list" role="listbox" aria-label="Cell names" style={style}>
      {menu.names.map((name, index) => (
        // Focus stays in the text (aria-activedescendant points here): options are never tab stops.
        <div
          key={name}
          id={`${id}-${index}`}
          role="option"
          tabIndex={-1}
          aria-selected={index === menu.active}
          className={index === menu.active ? "cell-name-option cell-name-option-active" : "cell-name-option"}
          // The pointer chooses on press, before the editor would lose focus to the list.
          onMouseDown={(event) => {
            event.preventDefault();
            menu.choose(name);
          }}
        >
          {name}
        </div>
      ))}
    </div>
  );
}
