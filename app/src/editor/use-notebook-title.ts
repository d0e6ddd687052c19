"use client";
/**
 * The notebook's title lives twice: in the database (the list, the browser tab, exports) and in the document (what
 * collaborators see change at once, and what undo takes back). Every local change of the document's title — the
 * rename dialog, a template, an import, an undo of any of them — is written to the database too; a collaborator's
 * arrives through the document (their browser wrote the database). The document's title as first loaded is not
 * trusted over the database's: a rename from the notebook list writes only the database.
 */
import { getTitle, NotebookEditError, observeNotebook, setTitle } from "@crux/notebook";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type * as Y from "yjs";
import { useTRPC } from "@/lib/trpc";
import { asUndoStep } from "./cell-actions";

type Options = {
  notebookId: string;
  initialTitle: string;
  doc: Y.Doc;
  undoManager: Y.UndoManager;
  ready: boolean;
  onError: (message: string) => void;
};

export function useNotebookTitle(options: Options) {
  const { notebookId, doc, undoManager, onError } = options;
  const trpc = useTRPC();
  const [title, setShownTitle] = useState(options.initialTitle);
  const ready = useRef(options.ready);
  ready.current = options.ready;
  const { mutate: saveTitle } = useMutation(
    trpc.notebook.rename.mutationOptions({ onError: (caught) => onError(caught.message) }),
  );

  useEffect(
    () =>
      observeNotebook(doc, (change) => {
        if (!change.title || (!change.local && !ready.current)) return;
        const next = getTitle(doc);
        setShownTitle(next);
        if (change.local) saveTitle({ id: notebookId, title: next });
      }),
    [doc, notebookId, saveTitle],
  );

  useEffect(() => {
    document.title = `${title} · Crux`;
  }, [title]);

  /** Renames the notebook; false (after reporting why) when the title is refused. */
  function rename(newTitle: string): boolean {
    try {
      asUndoStep(undoManager, () => setTitle(doc, newTitle));
      return true;
    } catch (caught) {
      if (!(caught instanceof NotebookEditError)) throw caught;
      onError(caught.message);
      return false;
    }
  }

  return { title, rename };
}
