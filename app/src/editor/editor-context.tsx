"use client";
/** What every cell of an open notebook shares: the document, its store, undo, presence and the page's actions. */
import type { CellKind } from "@crux/notebook";
import { createContext, useContext } from "react";
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import type { NotebookStore } from "./notebook-store";

export type NotebookEditorServices = {
  doc: Y.Doc;
  store: NotebookStore;
  /** The one undo manager of this page: every editor adds its binding's origin to it. */
  undoManager: Y.UndoManager;
  awareness: Awareness | null;
  readOnly: boolean;
  insertCell: (kind: CellKind, placement: { before: string } | { after: string } | "end") => void;
  deleteCell: (id: string) => void;
  duplicateCell: (id: string) => void;
  moveCell: (id: string, step: -1 | 1) => void;
  /** Puts a cell right before or after another (drag and drop). */
  placeCell: (id: string, placement: { before: string } | { after: string }) => void;
  /** A cell's name by id (outputs name the failed input they link to). */
  cellName: (id: string) => string | undefined;
  /** The user's cursor is now in this cell: others see a marker on it. */
  enterCell: (id: string) => void;
  /** Scrolls to a cell and puts the cursor in it (links from outputs, new cells). */
  showCell: (id: string) => void;
};

const EditorContext = createContext<NotebookEditorServices | null>(null);

export const EditorProvider = EditorContext.Provider;

export function useEditor(): NotebookEditorServices {
  const services = useContext(EditorContext);
  if (!services) throw new Error("useEditor must be used inside the notebook editor");
  return services;
}
