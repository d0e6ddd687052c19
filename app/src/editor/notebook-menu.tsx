"use client";
/**
 * The notebook's menu: rename, settings, import a file into it, export it, keyboard shortcuts, delete. A disclosure
 * (a button that shows a list of buttons): every entry is an ordinary button in the tab order.
 */
import {
  applyNotebookFileToDoc,
  type NotebookFile,
  notebookFromDoc,
  parseNotebookText,
} from "@crux/notebook";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type ChangeEvent, type FormEvent, type RefObject, useEffect, useRef, useState } from "react";
import type * as Y from "yjs";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Modal } from "@/components/modal";
import { notebookFileName, saveJson } from "@/lib/download";
import { useTRPC } from "@/lib/trpc";

type Dialog = "rename" | "import" | "delete" | null;

type Props = {
  notebookId: string;
  doc: Y.Doc;
  title: string;
  canEdit: boolean;
  isOwner: boolean;
  /** False when the title was refused (the editor reports why). */
  rename: (title: string) => boolean;
  onSettings: () => void;
  onShortcuts: () => void;
  onError: (message: string) => void;
};

export function NotebookMenu(props: Props) {
  const [open, setOpen] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [pendingImport, setPendingImport] = useState<NotebookFile | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const remove = useDelete(props);
  useCloseOnOutsideClick(menu, open, () => setOpen(false));

  const choose = (action: () => void) => () => {
    setOpen(false);
    action();
  };

  async function onFileChosen(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = ""; // choosing the same file again must fire another change
    if (!file) return;
    const parsed = parseNotebookText(await file.text());
    if (!parsed.ok) return props.onError(`${file.name} is not a crux.notebook/1 file: ${parsed.error}`);
    setPendingImport(parsed.notebook);
    setDialog("import");
  }

  function confirmImport() {
    if (pendingImport) {
      // One transaction: the cells, the settings and the title (which the editor then saves as the record's too).
      applyNotebookFileToDoc(props.doc, pendingImport);
    }
    setPendingImport(null);
    setDialog(null);
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere in the open menu closes it
    <div className="menu" ref={menu} onKeyDown={(event) => event.key === "Escape" && setOpen(false)}>
      <button type="button" aria-expanded={open} aria-controls="notebook-menu" onClick={() => setOpen(!open)}>
        Notebook ▾
      </button>
      <ul id="notebook-menu" className="menu-list" hidden={!open}>
        {props.canEdit ? (
          <li>
            <button type="button" onClick={choose(() => setDialog("rename"))}>
              Rename…
            </button>
          </li>
        ) : null}
        <li>
          <button type="button" onClick={choose(props.onSettings)}>
            Settings (samples, seed)…
          </button>
        </li>
        {props.canEdit ? (
          <li>
            <button type="button" onClick={choose(() => fileInput.current?.click())}>
              Import a file into this notebook…
            </button>
          </li>
        ) : null}
        <li>
          <button
            type="button"
            onClick={choose(() =>
              saveJson({ ...notebookFromDoc(props.doc), title: props.title }, notebookFileName(props.title)),
            )}
          >
            Export (.crux.json)
          </button>
        </li>
        <li>
          <button type="button" onClick={choose(props.onShortcuts)}>
            Keyboard shortcuts <kbd>?</kbd>
          </button>
        </li>
        {props.isOwner ? (
          <li>
            <button type="button" className="danger" onClick={choose(() => setDialog("delete"))}>
              Delete notebook…
            </button>
          </li>
        ) : null}
      </ul>
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        className="visually-hidden"
        tabIndex={-1}
        aria-label="Import a crux.notebook/1 file into this notebook"
        onChange={onFileChosen}
      />
      <RenameDialog
        open={dialog === "rename"}
        title={props.title}
        onCancel={() => setDialog(null)}
        onRename={(title) => props.rename(title) && setDialog(null)}
      />
      <ConfirmDialog
        open={dialog === "import"}
        title={`Replace this notebook with “${pendingImport?.title ?? ""}”?`}
        body={`Its ${pendingImport?.cells.length ?? 0} cells and settings replace the current ones, for everyone here. Undo (Ctrl+Z) takes it back.`}
        confirmLabel="Replace"
        onCancel={() => setDialog(null)}
        onConfirm={confirmImport}
      />
      <ConfirmDialog
        open={dialog === "delete"}
        title={`Delete “${props.title}”?`}
        body="It disappears for you and for everyone you shared it with."
        confirmLabel="Delete notebook"
        onCancel={() => setDialog(null)}
        onConfirm={() => remove.mutate({ id: props.notebookId })}
      />
    </div>
  );
}

function useDelete(props: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  return useMutation(
    trpc.notebook.delete.mutationOptions({
      onSuccess: () => router.push("/"),
      onError: (caught) => props.onError(caught.message),
    }),
  );
}

function RenameDialog(props: {
  open: boolean;
  title: string;
  onCancel: () => void;
  onRename: (title: string) => void;
}) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    props.onRename(String(new FormData(event.currentTarget).get("title")));
  }
  return (
    <Modal open={props.open} title="Rename notebook" onClose={props.onCancel}>
      <form className="dialog-form" onSubmit={submit}>
        <label>
          Title
          {/* biome-ignore lint/a11y/noAutofocus: focus goes to the field the user just asked to edit */}
          <input name="title" defaultValue={props.title} required maxLength={200} autoFocus />
        </label>
        <div className="actions">
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Rename
          </button>
        </div>
      </form>
    </Modal>
  );
}

function useCloseOnOutsideClick(ref: RefObject<HTMLElement | null>, open: boolean, close: () => void) {
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) close();
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [ref, open, close]);
}
