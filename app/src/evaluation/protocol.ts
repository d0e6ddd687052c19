/**
 * The messages between the page and the engine worker. Both sides parse what they receive: a worker is a separate
 * program, and a message the other side did not mean to send should fail loudly at the boundary, not deep inside
 * the engine or a chart.
 */
import type { CellSummary } from "@crux/engine";
import { z } from "zod";

const cellInputSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  source: z.string(),
  kind: z.enum(["parameter", "model"]).optional(),
});

const settingsSchema = z.object({ samples: z.number().int().positive(), seed: z.number() });

/** Every change of one generation: the cells that are new or changed, the ones removed, and new settings. */
const updateSchema = z.object({
  type: z.literal("update"),
  generation: z.number().int().nonnegative(),
  set: z.array(cellInputSchema),
  remove: z.array(z.string()),
  settings: settingsSchema.optional(),
});

/** A preview on the first `samples` draws, or the full run at the notebook's sample count. */
const runSchema = z.discriminatedUnion("mode", [
  z.object({
    type: z.literal("run"),
    generation: z.number().int().nonnegative(),
    mode: z.literal("preview"),
    samples: z.number().int().positive(),
  }),
  z.object({ type: z.literal("run"), generation: z.number().int().nonnegative(), mode: z.literal("full") }),
]);

/** The page hands the worker the shared stop flag once, right after creating it (cross-origin isolated pages only). */
const stopFlagSchema = z.object({
  type: z.literal("stop-flag"),
  // SharedArrayBuffer is not even defined on pages that are not cross-origin isolated.
  buffer: z.custom<SharedArrayBuffer>(
    (value) => typeof SharedArrayBuffer !== "undefined" && value instanceof SharedArrayBuffer,
    "not a SharedArrayBuffer",
  ),
});

export const toWorkerSchema = z.union([updateSchema, runSchema, stopFlagSchema]);
export type ToWorker = z.infer<typeof toWorkerSchema>;
export type UpdateMessage = z.infer<typeof updateSchema>;
export type RunMessage = z.infer<typeof runSchema>;
export type RunMode = RunMessage["mode"];

/**
 * Summaries are the engine's own output, built by the same bundle on the other side of the boundary; checking their
 * envelope (an object with a `type`) is enough, a full schema would duplicate the engine's types.
 */
const summarySchema = z.custom<CellSummary>(
  (value) =>
    typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string",
  "not a cell summary",
);

const resultSchema = z.object({
  type: z.literal("result"),
  generation: z.number().int().nonnegative(),
  mode: z.enum(["preview", "full"]),
  samples: z.number().int().positive(),
  /** False when the run was stopped (or skipped) because a newer generation superseded it. */
  complete: z.boolean(),
  summaries: z.array(z.tuple([z.string(), summarySchema])),
  elapsedMs: z.number().nonnegative(),
});

/** The engine threw (a bug, not a user error: those are error summaries). */
const failureSchema = z.object({
  type: z.literal("failure"),
  generation: z.number().int().nonnegative(),
  message: z.string(),
});

export const fromWorkerSchema = z.discriminatedUnion("type", [resultSchema, failureSchema]);
export type FromWorker = z.infer<typeof fromWorkerSchema>;
export type ResultMessage = z.infer<typeof resultSchema>;
