/** What the notebook procedures accept and return, as zod schemas: the router's contract with its clients. */
import { NotebookRole } from "@crux/db";
import { notebookTitleSchema as fileTitleSchema } from "@crux/notebook";
import { z } from "zod";

/** A notebook's title: the file format's rule (1..200 characters after trimming), plus no control characters. */
export const notebookTitleSchema = fileTitleSchema.regex(
  /^\P{Cc}*$/u,
  // PostgreSQL refuses NUL in text, and a line break in a title breaks every list it appears in.
  "must not contain control characters such as line breaks",
);

export const notebookIdSchema = z
  .string()
  .min(1, "must not be empty")
  .max(100, "must be at most 100 characters");

export const createInput = z.object({ title: notebookTitleSchema });
// The file is checked by the notebook package's own schema, whose errors name the wrong field.
export const importInput = z.object({ file: z.unknown() });
export const notebookIdInput = z.object({ id: notebookIdSchema });
export const renameInput = z.object({ id: notebookIdSchema, title: notebookTitleSchema });

export const notebookRecordOutput = z.object({ id: z.string(), title: z.string() });
export const notebookListOutput = z.array(
  z.object({
    id: z.string(),
    title: z.string(),
    ownerName: z.string(),
    role: z.enum(NotebookRole),
    updatedAt: z.date(),
  }),
);
export const deleteOutput = z.object({ id: z.string() });
