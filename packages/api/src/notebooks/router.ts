import { z } from "zod";
import { authedProcedure, router } from "../trpc";
import {
  blankNotebook,
  createNotebook,
  deleteNotebook,
  exportNotebook,
  getNotebook,
  importNotebook,
  listNotebooks,
  renameNotebook,
} from "./service";

export const notebookTitle = z
  .string()
  .trim()
  .min(1, "the title must not be empty")
  .max(200, "the title must be at most 200 characters");
const notebookId = z.object({ id: z.string().min(1).max(100) });

export const notebookRouter = router({
  list: authedProcedure.query(({ ctx }) => listNotebooks(ctx)),
  create: authedProcedure
    .input(z.object({ title: notebookTitle }))
    .mutation(({ ctx, input }) => createNotebook(ctx, blankNotebook(input.title))),
  // The file is validated by the notebook package's own schema, whose errors name the wrong field.
  importFile: authedProcedure
    .input(z.object({ file: z.unknown() }))
    .mutation(({ ctx, input }) => importNotebook(ctx, input.file)),
  get: authedProcedure.input(notebookId).query(({ ctx, input }) => getNotebook(ctx, input.id)),
  exportFile: authedProcedure.input(notebookId).query(({ ctx, input }) => exportNotebook(ctx, input.id)),
  rename: authedProcedure
    .input(notebookId.extend({ title: notebookTitle }))
    .mutation(({ ctx, input }) => renameNotebook(ctx, input.id, input.title)),
  delete: authedProcedure.input(notebookId).mutation(({ ctx, input }) => deleteNotebook(ctx, input.id)),
});
