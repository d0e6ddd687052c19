/**
 * Runs Squiggle programs in a worker thread, so the benchmark can stop a run that exceeds its time cap
 * (a synchronous Squiggle evaluation cannot be interrupted from its own thread).
 */
import { parentPort } from "node:worker_threads";
import { type Env, run, type SqValue } from "@quri/squiggle-lang";
import { z } from "zod";

const requestSchema = z.object({ code: z.string(), samples: z.number().int().positive(), seed: z.string() });

export type SquiggleTiming =
  | { ok: true; ms: number; mean: number }
  | { ok: false; ms: number; error: string };

parentPort?.on("message", async (message: unknown) => {
  const request = requestSchema.parse(message);
  const environment = { sampleCount: request.samples, xyPointLength: 1000, seed: request.seed };
  const started = performance.now();
  const output = await run(request.code, { environment });
  const ms = performance.now() - started;
  const timing: SquiggleTiming = output.result.ok
    ? { ok: true, ms, mean: meanOf(output.result.value.result, environment) }
    : { ok: false, ms, error: output.result.value.toString() };
  parentPort?.postMessage(timing);
});

function meanOf(value: SqValue, environment: Env): number {
  if (value.tag === "Dist") return value.value.mean(environment);
  if (value.tag === "Number") return value.value;
  return Number.NaN;
}
