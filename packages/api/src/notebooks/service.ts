/** Notebook operations as plain functions over the database; the router only validates and delegates. */
import { loadDocumentState, NotebookRole } from "@crux/db";
import {
  createNotebookDoc,
  type IdentifiedNotebookFile,
  notebookFromDoc,
  parseNotebookFile,
} from "@crux/notebook";
import { TRPCError } from "@trpc/server";
import * as Y from "yjs";
import { requireNotebookRole } from "../access";
import type { AuthedContext } from "../trpc";

const WELCOME_TEXT =
  "Start here: add a **parameter** (a number or a distribution such as `2 to 10`), then a **model** that uses it. " +
  "Outputs recompute as you type.";

export function blankNotebook(title: string): IdentifiedNotebookFile {
  return {
    format: "crux.notebook/1",
    title,
    settings: { samples: 10_000, seed: 1 },
    cells: [{ kind: "text", id: "welcome", text: WELCOME_TEXT }],
  };
}

/** Creates the notebook, its owner membership and its seeded Yjs document in one transaction. */
export async function createNotebook(ctx: AuthedContext, file: IdentifiedNotebookFile, title = file.title) {
  const seed = Y.encodeStateAsUpdate(createNotebookDoc({ ...file, title }));
  return ctx.db.notebook.create({
    data: {
      title,
      ownerId: ctx.user.id,
      members: { create: { userId: ctx.user.id, role: NotebookRole.OWNER } },
      updates: { create: { update: new Uint8Array(seed) } },
    },
    select: { id: true, title: true },
  });
}

export async function importNotebook(ctx: AuthedContext, input: unknown) {
  const result = parseNotebookFile(input);
  if (!result.ok)
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `not a valid crux.notebook/1 file: ${result.error}`,
    });
  return createNotebook(ctx, result.notebook);
}

export async function listNotebooks(ctx: AuthedContext) {
  const memberships = await ctx.db.notebookMember.findMany({
    where: { userId: ctx.user.id, notebook: { deletedAt: null } },
    include: { notebook: { include: { owner: { select: { name: true } } } } },
    orderBy: { notebook: { updatedAt: "desc" } },
  });
  return memberships.map(({ role, notebook }) => ({
    id: notebook.id,
    title: notebook.title,
    ownerName: notebook.owner.name,
    role,
    updatedAt: notebook.updatedAt,
  }));
}

/** The notebook as crux.notebook/1, read from its stored Yjs state (the title from the database). */
export async function readNotebookFile(
  ctx: AuthedContext,
  notebookId: string,
): Promise<IdentifiedNotebookFile> {
  const state = await loadDocumentState(ctx.db, notebookId);
  if (!state)
    throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "this notebook has no stored document" });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return notebookFromDoc(doc);
}

export async function getNotebook(ctx: AuthedContext, id: string) {
  const { notebook, role } = await requireNotebookRole(ctx, id, NotebookRole.VIEWER);
  const owner = await ctx.db.user.findUniqueOrThrow({
    where: { id: notebook.ownerId },
    select: { name: true },
  });
  const file = await readNotebookFile(ctx, id);
  return {
    id,
    title: notebook.title,
    role,
    ownerName: owner.name,
    createdAt: notebook.createdAt,
    updatedAt: notebook.updatedAt,
    notebook: { ...file, title: notebook.title },
  };
}

export async function exportNotebook(ctx: AuthedContext, id: string): Promise<IdentifiedNotebookFile> {
  const { notebook } = await requireNotebookRole(ctx, id, NotebookRole.VIEWER);
  return { ...(await readNotebookFile(ctx, id)), title: notebook.title };
}

export async function renameNotebook(ctx: AuthedContext, id: string, title: string) {
  await requireNotebookRole(ctx, id, NotebookRole.EDITOR);
  return ctx.db.notebook.update({ where: { id }, data: { title }, select: { id: true, title: true } });
}

export async function deleteNotebook(ctx: AuthedContext, id: string) {
  await requireNotebookRole(ctx, id, NotebookRole.OWNER);
  await ctx.db.notebook.update({ where: { id }, data: { deletedAt: new Date() } });
  return { id };
}
