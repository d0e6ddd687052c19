/**
 * The page's side of the engine worker: spawns it, wires it to an `EvaluationScheduler` and stops stale runs.
 *
 * Stopping a run: the engine asks `shouldStop()` synchronously between cells, so a message posted to the worker
 * could only be read after the run ends. On a cross-origin isolated page (next.config.ts sets COOP/COEP) the page
 * and the worker share an Int32 in a SharedArrayBuffer: the page writes each new generation into it and the worker's
 * `shouldStop` reads it with `Atomics.load`, so a superseded run ends after the cell it is in and the session keeps
 * every outcome it already had. Without isolation (no SharedArrayBuffer) a superseded full run is ended by
 * terminating the worker and starting a fresh one, which is sent the whole notebook (losing the session's cached
 * outcomes, hence only the fallback); a superseded preview, short by construction, is left to finish.
 */
import type { CellInput, EngineSettings } from "@crux/engine";
import { fromWorkerSchema, type ToWorker } from "./protocol";
import { EvaluationScheduler, type EvaluationState } from "./scheduler";

export type EngineClient = {
  update: (cells: CellInput[], settings: EngineSettings) => void;
  dispose: () => void;
};

export function startEngine(onChange: (state: EvaluationState) => void): EngineClient {
  const stopFlag = globalThis.crossOriginIsolated ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
  let worker: Worker;
  const scheduler = new EvaluationScheduler({
    post: (message) => send(message),
    supersede: (generation) => {
      if (stopFlag) Atomics.store(stopFlag, 0, generation);
      else if (scheduler.fullRunInFlight()) {
        replaceWorker();
        scheduler.forgetWorker();
      }
    },
    onChange,
  });

  function send(message: ToWorker): void {
    worker.postMessage(message);
  }

  function spawn(): Worker {
    const next = new Worker(new URL("./engine.worker.ts", import.meta.url), {
      type: "module",
      name: "crux-engine",
    });
    let answered = false;
    next.addEventListener("message", (event: MessageEvent) => {
      answered = true;
      scheduler.receive(fromWorkerSchema.parse(event.data));
    });
    next.addEventListener("error", (event: ErrorEvent) => {
      scheduler.fail(event.message || "the evaluation worker stopped");
      // A worker that never answered may not load at all: starting it again would loop.
      if (!answered) return;
      replaceWorker();
      scheduler.resend();
    });
    return next;
  }

  function replaceWorker(): void {
    worker.terminate();
    worker = spawn();
    if (stopFlag) send({ type: "stop-flag", buffer: stopFlag.buffer as SharedArrayBuffer });
  }

  worker = spawn();
  if (stopFlag) send({ type: "stop-flag", buffer: stopFlag.buffer as SharedArrayBuffer });

  return {
    update: (cells, settings) => scheduler.update(cells, settings),
    dispose: () => {
      scheduler.dispose();
      worker.terminate();
    },
  };
}
