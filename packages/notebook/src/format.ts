/**
 * The `crux.notebook/1` file format (shared/design/NOTEBOOK-FORMAT.md): its zod schema, a parser whose errors name
 * the wrong field, and the rule that gives every cell an id.
 */
import { z } from "zod";

export const NOTEBOOK_FORMAT = "crux.notebook/1";
export const MAX_SAMPLES = 1_000_000;
export const DEFAULT_SETTINGS = { samples: 10_000, seed: 1 } as const;
export const DEFAULT_TITLE = "Untitled notebook";
export const CELL_NAME_PATTERN = /^[a-z_][A-Za-z0-9_]*$/;

const cellName = z.string().regex(CELL_NAME_PATTERN, "must match [a-z_][A-Za-z0-9_]*");
const optionalText = z.string().optional();
const cellId = z.string().min(1, "must not be empty").max(200).optional();

// Loose objects: "Any other field is allowed and ignored by the evaluator" — and kept, so export loses nothing.
const textCellSchema = z.looseObject({ kind: z.literal("text"), id: cellId, text: z.string() });
const parameterCellSchema = z.looseObject({
  kind: z.literal("parameter"),
  id: cellId,
  name: cellName,
  expr: z.string(),
  unit: optionalText,
  description: optionalText,
  source: optionalText,
});
const modelCellSchema = parameterCellSchema.extend({ kind: z.literal("model"), name: cellName.optional() });

export const notebookCellSchema = z.discriminatedUnion(
  "kind",
  [textCellSchema, parameterCellSchema, modelCellSchema],
  {
    error: "must have kind text, parameter or model",
  },
);

const settingsFields = {
  samples: z
    .number()
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(MAX_SAMPLES, `must be at most ${MAX_SAMPLES}`),
  seed: z.number().int("must be a whole number"),
};

export const notebookSettingsSchema = z.object({
  samples: settingsFields.samples.default(DEFAULT_SETTINGS.samples),
  seed: settingsFields.seed.default(DEFAULT_SETTINGS.seed),
});

/** A change of some settings (no defaults: an absent setting is left as it is). */
export const settingsChangeSchema = z.object(settingsFields).partial();

export const notebookTitleSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(200, "must be at most 200 characters");

// Unknown top-level fields are accepted and dropped; unknown cell fields are kept (comments, authors, ...).
export const notebookFileSchema = z
  .object({
    format: z.literal(NOTEBOOK_FORMAT, { error: `must be "${NOTEBOOK_FORMAT}"` }),
    title: notebookTitleSchema.default(DEFAULT_TITLE),
    settings: notebookSettingsSchema.default(DEFAULT_SETTINGS),
    cells: z.array(notebookCellSchema),
  })
  .superRefine((file, context) => {
    reportDuplicates(file.cells, "name", context);
    reportDuplicates(file.cells, "id", context);
  });

export type NotebookFile = z.output<typeof notebookFileSchema>;
export type NotebookCell = z.output<typeof notebookCellSchema>;
export type NotebookSettings = z.output<typeof notebookSettingsSchema>;
export type CellKind = NotebookCell["kind"];
/** A cell that has its id (every cell of a parsed file, of a document). */
export type IdentifiedCell = NotebookCell & { id: string };
/** A parsed notebook in which every cell has its id. */
export type IdentifiedNotebookFile = Omit<NotebookFile, "cells"> & { cells: IdentifiedCell[] };

function reportDuplicates(cells: NotebookCell[], field: "name" | "id", context: z.RefinementCtx): void {
  const firstIndex = new Map<string, number>();
  cells.forEach((cell, index) => {
    const value = field === "name" ? cellNameOf(cell) : cell.id;
    if (value === undefined) return;
    const earlier = firstIndex.get(value);
    if (earlier === undefined) firstIndex.set(value, index);
    else
      context.addIssue({
        code: "custom",
        path: ["cells", index, field],
        message: `"${value}" is already used by cells[${earlier}]`,
      });
  });
}

export function cellNameOf(cell: NotebookCell): string | undefined {
  return cell.kind === "text" ? undefined : cell.name;
}

export type ParseResult = { ok: true; notebook: IdentifiedNotebookFile } | { ok: false; error: string };

/** Validates a parsed JSON value as `crux.notebook/1`; the error is one line naming the first wrong field. */
export function parseNotebookFile(input: unknown): ParseResult {
  const result = notebookFileSchema.safeParse(input, { reportInput: true });
  if (!result.success) return { ok: false, error: describeIssue(result.error.issues[0]) };
  return { ok: true, notebook: { ...result.data, cells: assignCellIds(result.data.cells) } };
}

/** Parses the text of a `.crux.json` file: bad JSON and bad fields both give a one-line reason. */
export function parseNotebookText(text: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not valid JSON: ${(error as Error).message}` };
  }
  return parseNotebookFile(json);
}

/** An issue as `path: message`, e.g. `cells[2].name: must match [a-z_][A-Za-z0-9_]*`. */
export function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return "invalid notebook";
  const path = issue.path.reduce<string>(
    (text, key) =>
      typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key),
    "",
  );
  const message = issue.code === "invalid_type" && issue.input === undefined ? "is required" : issue.message;
  return path ? `${path}: ${message}` : message;
}

/**
 * A given id is kept; a missing one becomes the cell's name when that is free, else `cell<N>` (N its 1-based
 * position), made unique. Deterministic, so the CLI, the server and every browser key random streams alike.
 */
export function assignCellIds(cells: NotebookCell[]): IdentifiedCell[] {
  const taken = new Set(cells.flatMap((cell) => (cell.id ? [cell.id] : [])));
  return cells.map((cell, index) => {
    if (cell.id) return { ...cell, id: cell.id };
    const name = cellNameOf(cell);
    let id = name && !taken.has(name) ? name : `cell${index + 1}`;
    for (let suffix = 2; taken.has(id); suffix++) id = `cell${index + 1}_${suffix}`;
    taken.add(id);
    return { ...cell, id };
  });
}

/**
 * The engine's `CellInput` (declared structurally so this package needs nothing from the engine); `kind` tells the
 * engine which cells are parameters (sensitivity is reported against those).
 */
export type EngineCell = { id: string; name?: string; source: string; kind: "parameter" | "model" };

/** Parameter and model cells of a file, in order, as engine inputs; cells without an id get one by the id rule. */
export function engineCellsFromFile(file: NotebookFile): EngineCell[] {
  return engineCellsOf(assignCellIds(file.cells));
}

/** Parameter and model cells, in order, as engine inputs (text cells are not evaluated). */
export function engineCellsOf(cells: IdentifiedCell[]): EngineCell[] {
  return cells.flatMap((cell) =>
    cell.kind === "text"
      ? []
      : [{ id: cell.id, ...(cell.name ? { name: cell.name } : {}), source: cell.expr, kind: cell.kind }],
  );
}
