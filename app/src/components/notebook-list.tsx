"use client";
import type { RouterOutputs } from "@crux/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type ChangeEvent, type FormEvent, type KeyboardEvent, useState } from "react";
import { useTRPC } from "@/lib/trpc";
import { ConfirmDialog } from "./confirm-dialog";
import { DownloadButton } from "./download-button";
import { LocalTime } from "./local-time";

type NotebookSummary = RouterOutputs["notebook"]["list"][number];
type ReportError = (message: string | null) => void;

/** The signed-in user's notebooks: create, import, rename, download and delete. */
export function NotebookList() {
  const trpc = useTRPC();
  const notebooks = useQuery(trpc.notebook.list.queryOptions());
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<NotebookSummary | null>(null);

  return (
    <section>
      <Toolbar onError={setError} />
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {notebooks.isPending ? <p className="muted">Loading your notebooks…</p> : null}
      {notebooks.isError ? (
        <p role="alert" className="error">
          Your notebooks could not be loaded: {notebooks.error.message}
        </p>
      ) : null}
      {notebooks.data?.length === 0 ? <EmptyState /> : null}
      {notebooks.data?.length ? (
        <NotebookTable notebooks={notebooks.data} onDelete={setDeleting} onError={setError} />
      ) : null}
      <DeleteDialog notebook={deleting} onClose={() => setDeleting(null)} onError={setError} />
    </section>
  );
}

function useRefreshList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.notebook.list.queryKey() });
}

function Toolbar({ onError }: { onError: ReportError }) {
  const trpc = useTRPC();
  const router = useRouter();
  const refreshList = useRefreshList();
  const reportError = (caught: { message: string }) => onError(caught.message);
  const create = useMutation(
    trpc.notebook.create.mutationOptions({
      onSuccess: ({ id }) => router.push(`/n/${id}`),
      onError: reportError,
    }),
  );
  const importFile = useMutation(trpc.notebook.importFile.mutationOptions({ onSuccess: refreshList }));

  async function onFileChosen(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = ""; // choosing the same file again must fire another change
    if (!file) return;
    onError(null);
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch {
      return onError(`${file.name} is not JSON: a crux.notebook/1 file is a JSON document.`);
    }
    importFile.mutate({ file: json }, { onError: (caught) => onError(`${file.name}: ${caught.message}`) });
  }

  return (
    <div className="toolbar">
      <h1>Your notebooks</h1>
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={create.isPending}
          onClick={() => create.mutate({ title: "Untitled notebook" })}
        >
          New notebook
        </button>
        {/* The native file input stays the focusable control (keyboard and screen readers); the label looks like a button. */}
        <label className="button file-button" aria-busy={importFile.isPending}>
          {importFile.isPending ? "Importing…" : "Import file"}
          <input
            type="file"
            accept=".json,application/json"
            aria-label="Import file (crux.notebook/1 JSON)"
            className="visually-hidden"
            disabled={importFile.isPending}
            onChange={onFileChosen}
          />
        </label>
      </div>
    </div>
  );
}

function EmptyState() {
  return (
    <div className="card empty">
      <h2>No notebooks yet</h2>
      <p>
        A notebook holds <strong>parameters</strong> (a number, or a range such as <code>2 to 10</code> when
        you are unsure), your reasoning in text, and <strong>models</strong> that combine parameters by name
        and update as you type.
      </p>
      <p>
        Press <em>New notebook</em> to start from one of the seed models or a blank page, or{" "}
        <em>Import file</em> to open a <code>.crux.json</code> file (format <code>crux.notebook/1</code>).
      </p>
    </div>
  );
}

function NotebookTable(props: {
  notebooks: NotebookSummary[];
  onDelete: (notebook: NotebookSummary) => void;
  onError: ReportError;
}) {
  return (
    <table className="notebooks">
      <thead>
        <tr>
          <th scope="col">Title</th>
          <th scope="col">Owner</th>
          <th scope="col">Your role</th>
          <th scope="col">Last edited</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.notebooks.map((notebook) => (
          <NotebookRow
            key={notebook.id}
            notebook={notebook}
            onDelete={props.onDelete}
            onError={props.onError}
          />
        ))}
      </tbody>
    </table>
  );
}

const CAN_RENAME = new Set<NotebookSummary["role"]>(["OWNER", "EDITOR"]);

function NotebookRow(props: {
  notebook: NotebookSummary;
  onDelete: (notebook: NotebookSummary) => void;
  onError: ReportError;
}) {
  const { notebook } = props;
  const [renaming, setRenaming] = useState(false);
  return (
    <tr>
      <td>
        {renaming ? (
          <RenameForm notebook={notebook} onDone={() => setRenaming(false)} onError={props.onError} />
        ) : (
          <a href={`/n/${notebook.id}`}>{notebook.title}</a>
        )}
      </td>
      <td>{notebook.ownerName}</td>
      <td className="role">{notebook.role.toLowerCase()}</td>
      <td>
        <LocalTime date={notebook.updatedAt} />
      </td>
      <td>
        <div className="row-actions">
          {CAN_RENAME.has(notebook.role) && !renaming ? (
            <button type="button" onClick={() => setRenaming(true)} aria-label={`Rename ${notebook.title}`}>
              Rename
            </button>
          ) : null}
          <DownloadButton id={notebook.id} title={notebook.title} />
          {notebook.role === "OWNER" ? (
            <button
              type="button"
              className="danger"
              onClick={() => props.onDelete(notebook)}
              aria-label={`Delete ${notebook.title}`}
            >
              Delete
            </button>
          ) : null}
        </div>
      </td>
    </tr>
  );
}

/** The title turns into a field in place; Enter saves, Escape cancels. */
function RenameForm(props: { notebook: NotebookSummary; onDone: () => void; onError: ReportError }) {
  const trpc = useTRPC();
  const refreshList = useRefreshList();
  const rename = useMutation(
    trpc.notebook.rename.mutationOptions({
      onSuccess: async () => {
        props.onError(null);
        await refreshList();
        props.onDone();
      },
      onError: (caught) => props.onError(caught.message),
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const title = String(new FormData(event.currentTarget).get("title"));
    rename.mutate({ id: props.notebook.id, title });
  }

  function cancelOnEscape(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === "Escape") props.onDone();
  }

  return (
    <form onSubmit={submit} onKeyDown={cancelOnEscape} className="inline-form">
      {/* biome-ignore lint/a11y/noAutofocus: focus goes to the field the user just asked to edit */}
      <input name="title" defaultValue={props.notebook.title} aria-label="New title" autoFocus required />
      <button type="submit" disabled={rename.isPending}>
        Save
      </button>
      <button type="button" onClick={props.onDone}>
        Cancel
      </button>
    </form>
  );
}

function DeleteDialog(props: {
  notebook: NotebookSummary | null;
  onClose: () => void;
  onError: ReportError;
}) {
  const trpc = useTRPC();
  const refreshList = useRefreshList();
  const remove = useMutation(
    trpc.notebook.delete.mutationOptions({
      onSuccess: refreshList,
      onError: (caught) => props.onError(caught.message),
    }),
  );
  return (
    <ConfirmDialog
      open={props.notebook !== null}
      title={`Delete “${props.notebook?.title ?? ""}”?`}
      body="It disappears for you and for everyone you shared it with."
      confirmLabel="Delete notebook"
      onCancel={props.onClose}
      onConfirm={() => {
        if (props.notebook) remove.mutate({ id: props.notebook.id });
        props.onClose();
      }}
    />
  );
}
