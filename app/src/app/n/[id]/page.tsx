import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { NotebookEditor } from "@/editor/notebook-editor";
import { signInPathReturningTo } from "@/lib/return-path";
import { currentUser, serverCaller } from "@/lib/server";

type Props = { params: Promise<{ id: string }> };

/**
 * One read per request, shared by the page and its metadata. A notebook the caller may not see is NOT_FOUND (the API
 * decides), and an id that is not even well-formed names no notebook either: both are this page's 404.
 */
const loadNotebook = cache(async (id: string) => {
  if (!(await currentUser())) redirect(signInPathReturningTo(`/n/${encodeURIComponent(id)}`));
  const caller = await serverCaller();
  return caller.notebook.get({ id }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      notFound();
    throw error;
  });
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const notebook = await loadNotebook((await params).id);
  return { title: notebook.title };
}

/** The page is the record (title, owner, your role); the cells come live from the sync server, in the browser. */
export default async function NotebookPage({ params }: Props) {
  const notebook = await loadNotebook((await params).id);
  // The sync server's address comes with a token; the browser fetches its own fresh tokens when it connects.
  const { url, user } = await (await serverCaller()).notebook.syncToken({ id: notebook.id });
  return (
    <NotebookEditor
      key={notebook.id}
      notebookId={notebook.id}
      title={notebook.title}
      ownerName={notebook.ownerName}
      role={notebook.role}
      syncUrl={url}
      userId={user.id}
    />
  );
}
