/** Notebook operations as plain functions over the database; the router only validates and delegates. */
import { appendDocumentUpdate, loadDocumentState, NotebookRole, type PrismaClient } from "@crux/db";
import {
  createNotebookDoc,
  type IdentifiedNotebookFile,
  notebookFromDoc,
  parseNotebookFile,
} from "@crux/notebook";
import { TRPCError } from "@trpc/server";
import * as Y from "yjs";
import { requireNotebookRole } from "../access";
import { type AuthedContext, describeZodError } from "../trpc";
import { notebookTitleSchema } from "./schemas";

/** A new notebook has no cells: the editor's empty state offers a seed-model template or a first cell. */
export function blankNotebook(title: string): IdentifiedNotebookFile {
  return { format: "crux.notebook/1", title, settings: { samples: 10_000, seed: 1 }, cells: [] };
}

/**
 * Creates the notebook, its owner membership and its seeded Yjs document in one transaction, so a failure at any
 * step saves nothing. This is the only place a document is seeded from a file: never again on load.
 */
export async function createNotebook(ctx: AuthedContext, file: IdentifiedNotebookFile) {
  const seed = Y.encodeStateAsUpdate(createNotebookDoc(file));
  return ctx.prisma.$transaction(async (tx) => {
    const notebook = await tx.notebook.create({
      data: {
        title: file.title,
        ownerId: ctx.user.id,
        members: { create: { userId: ctx.user.id, role: NotebookRole.OWNER } },
      },
      select: { id: true, title: true },
    });
    // The store only uses model delegates, which a transaction client has; @crux/db types the parameter as the
    // whole client (asked to widen it to Prisma.TransactionClient, which would make this cast unnecessary).
    await appendDocumentUpdate(tx as PrismaClient, notebook.id, seed);
    return notebook;
  });
}

export async function importNotebook(ctx: AuthedContext, input: unknown) {
  const file = parseNotebookFile(input);
  if (!file.ok) throw invalidFile(file.error);
  // The file's title becomes the notebook's title, so it obeys the same rules as one typed into the app.
  const title = notebookTitleSchema.safeParse(file.notebook.title);
  if (!title.success) throw invalidFile(describeZodError(title.error, ["title"]));
  return createNotebook(ctx, { ...file.notebook, title: title.data });
}

function invalidFile(reason: string): TRPCError {
  return new TRPCError({ code: "BAD_REQUEST", message: `not a valid crux.notebook/1 file: ${reason}` });
}

/** The notebooks I am a member of (mine and shared with me), most recently changed first. */
export async function listNotebooks(ctx: AuthedContext) {
  const memberships = await ctx.prisma.notebookMember.findMany({
    where: { userId: ctx.user.id, notebook: { deletedAt: null } },
    select: {
      role: true,
      notebook: { select: { id: true, title: true, updatedAt: true, owner: { select: { name: true } } } },
    },
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

/**
 * The notebook as crux.notebook/1, read from its stored Yjs state. The title is the database's: renaming changes
 * the record, not the document.
 */
async function readNotebookFile(ctx: AuthedContext, notebookId: string, title: string) {
  const state = await loadDocumentState(ctx.prisma, notebookId);
  // Every notebook is seeded at creation, so no state means lost data: say so rather than show an empty notebook.
  if (!state)
    throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "this notebook's document is missing" });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const file: IdentifiedNotebookFile = { ...notebookFromDoc(doc), title };
  return file;
}

export async function getNotebook(ctx: AuthedContext, id: string) {
  const { notebook, role } = await requireNotebookRole(ctx, id, NotebookRole.VIEWER);
  const [owner, file] = await Promise.all([
    ctx.prisma.user.findUniqueOrThrow({ where: { id: notebook.ownerId }, select: { name: true } }),
    readNotebookFile(ctx, id, notebook.title),
  ]);
  return {
    id,
    title: notebook.title,
    role,
    visibility: notebook.visibility,
    ownerName: owner.name,
    createdAt: notebook.createdAt,
    updatedAt: notebook.updatedAt,
    notebook: file,
  };
}

export async function exportNotebook(ctx: AuthedContext, id: string) {
  const { notebook } = await requireNotebookRole(ctx, id, NotebookRole.VIEWER);
  return readNotebookFile(ctx, id, notebook.title);
}

export async function renameNotebook(ctx: AuthedContext, id: string, title: string) {
  await requireNotebookRole(ctx, id, NotebookRole.EDITOR);
  return ctx.prisma.notebook.update({ where: { id }, data: { title }, select: { id: true, title: true } });
}

/** Soft delete: the rows stay (for recovery), but the notebook no longer exists for anyone. */
export async function deleteNotebook(ctx: AuthedContext, id: string) {
  await requireNotebookRole(ctx, id, NotebookRole.OWNER);
  await ctx.prisma.notebook.update({ where: { id }, data: { deletedAt: new Date() } });
  return { id };
}
