"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type ChangeEvent, type FormEvent, useRef, useState } from "react";
import { useTRPC } from "@/lib/trpc";
import { ConfirmDialog } from "./confirm-dialog";

export function NotebookList() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const notebooks = useQuery(trpc.notebook.list.queryOptions());
  const [error, setError] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<{ id: string; title: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.notebook.list.queryKey() });
  const onError = (caught: { message: string }) => setError(caught.message);

  const create = useMutation(
    trpc.notebook.create.mutationOptions({ onSuccess: ({ id }) => router.push(`/n/${id}`), onError }),
  );
  const importFile = useMutation(trpc.notebook.importFile.mutationOptions({ onSuccess: refresh, onError }));
  const rename = useMutation(trpc.notebook.rename.mutationOptions({ onSuccess: refresh, onError }));
  const remove = useMutation(trpc.notebook.delete.mutationOptions({ onSuccess: refresh, onError }));

  async function onFileChosen(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    setError(null);
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch {
      return setError(`${file.name} is not a JSON file`);
    }
    importFile.mutate({ file: json });
  }

  async function download(id: string, title: string) {
    const file = await queryClient.fetchQuery(trpc.notebook.exportFile.queryOptions({ id }));
    const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: "application/json" }));
    const link = Object.assign(document.createElement("a"), {
      href: url,
      download: `${slug(title)}.crux.json`,
    });
    link.click();
    URL.revokeObjectURL(url);
  }

  function submitRename(event: FormEvent<HTMLFormElement>, id: string) {
    event.preventDefault();
    const title = String(new FormData(event.currentTarget).get("title"));
    rename.mutate({ id, title }, { onSuccess: () => setRenaming(null) });
  }

  return (
    <section>
      <div className="toolbar">
        <h1>Your notebooks</h1>
        <div className="actions">
          <button
            type="button"
            className="primary"
            onClick={() => create.mutate({ title: "Untitled notebook" })}
          >
            New notebook
          </button>
          <button type="button" onClick={() => fileInput.current?.click()} disabled={importFile.isPending}>
            {importFile.isPending ? "Importing…" : "Import file"}
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            aria-label="Import a crux.notebook/1 file"
            className="visually-hidden"
            onChange={onFileChosen}
          />
        </div>
      </div>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {notebooks.isPending ? <p className="muted">Loading your notebooks…</p> : null}
      {notebooks.data?.length === 0 ? (
        <div className="card empty">
          <h2>No notebooks yet</h2>
          <p>
            A notebook holds parameters (numbers or distributions such as <code>2 to 10</code>), reasoning,
            and models whose outputs update as you type. Start a new one, or import a <code>.crux.json</code>{" "}
            file.
          </p>
        </div>
      ) : null}
      {notebooks.data?.length ? (
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
            {notebooks.data.map((notebook) => (
              <tr key={notebook.id}>
                <td>
                  {renaming === notebook.id ? (
                    <form onSubmit={(event) => submitRename(event, notebook.id)} className="inline-form">
                      {/* biome-ignore lint/a11y/noAutofocus: focus goes to the field the user just asked to edit */}
                      <input name="title" defaultValue={notebook.title} aria-label="New title" autoFocus />
                      <button type="submit">Save</button>
                      <button type="button" onClick={() => setRenaming(null)}>
                        Cancel
                      </button>
                    </form>
                  ) : (
                    <a href={`/n/${notebook.id}`}>{notebook.title}</a>
                  )}
                </td>
                <td>{notebook.ownerName}</td>
                <td>{notebook.role.toLowerCase()}</td>
                <td>
                  <time dateTime={notebook.updatedAt.toISOString()}>
                    {notebook.updatedAt.toLocaleString()}
                  </time>
                </td>
                <td className="row-actions">
                  <button type="button" onClick={() => setRenaming(notebook.id)}>
                    Rename
                  </button>
                  <button type="button" onClick={() => download(notebook.id, notebook.title)}>
                    Download
                  </button>
                  {notebook.role === "OWNER" ? (
                    <button type="button" className="danger" onClick={() => setDeleting(notebook)}>
                      Delete
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete “${deleting?.title ?? ""}”?`}
        body="Collaborators lose access too. This cannot be undone from the app."
        confirmLabel="Delete notebook"
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          if (deleting) remove.mutate({ id: deleting.id });
          setDeleting(null);
        }}
      />
    </section>
  );
}

function slug(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "notebook"
  );
}
