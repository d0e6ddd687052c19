/** The notebook procedures: validation in, plain service functions do the work. */
import { authedProcedure, router } from "../trpc";
import {
  createInput,
  deleteOutput,
  importInput,
  notebookIdInput,
  notebookListOutput,
  notebookRecordOutput,
  renameInput,
} from "./schemas";
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
import { issueSyncToken, syncTokenOutput } from "./sync-token";
import { getTemplate, listTemplates, templateIdInput, templateListOutput } from "./templates";

// get and exportFile return the notebook package's IdentifiedNotebookFile, whose schema that package owns.
export const notebookRouter = router({
  list: authedProcedure.output(notebookListOutput).query(({ ctx }) => listNotebooks(ctx)),
  create: authedProcedure
    .input(createInput)
    .output(notebookRecordOutput)
    .mutation(({ ctx, input }) => createNotebook(ctx, blankNotebook(input.title))),
  importFile: authedProcedure
    .input(importInput)
    .output(notebookRecordOutput)
    .mutation(({ ctx, input }) => importNotebook(ctx, input.file)),
  get: authedProcedure.input(notebookIdInput).query(({ ctx, input }) => getNotebook(ctx, input.id)),
  exportFile: authedProcedure.input(notebookIdInput).query(({ ctx, input }) => exportNotebook(ctx, input.id)),
  rename: authedProcedure
    .input(renameInput)
    .output(notebookRecordOutput)
    .mutation(({ ctx, input }) => renameNotebook(ctx, input.id, input.title)),
  delete: authedProcedure
    .input(notebookIdInput)
    .output(deleteOutput)
    .mutation(({ ctx, input }) => deleteNotebook(ctx, input.id)),
  templates: authedProcedure.output(templateListOutput).query(() => listTemplates()),
  template: authedProcedure.input(templateIdInput).query(({ input }) => getTemplate(input.id)),
  // A mutation, not a query: each call issues a new token, and a POST keeps it out of URLs and caches.
  syncToken: authedProcedure
    .input(notebookIdInput)
    .output(syncTokenOutput)
    .mutation(({ ctx, input }) => issueSyncToken(ctx, input.id)),
});
