import { Worker } from "node:worker_threads";
import type { SquiggleTiming } from "./squiggle-worker";

export type CappedTiming = SquiggleTiming | { ok: false; ms: number; error: "time cap exceeded" };

/** Squiggle in a worker thread; a run past the cap terminates the worker (a fresh one serves the next run). */
export class SquiggleRunner {
  private worker = this.spawn();

  private spawn(): Worker {
    // The worker is TypeScript: register tsx's loader inside it first (Node 20 does not pass --import hooks on
    // to a worker's entry point).
    const entry = new URL("./squiggle-worker.ts", import.meta.url).href;
    const bootstrap = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
    return new Worker(bootstrap, { eval: true });
  }

  run(code: string, samples: number, seed: string, capMs: number): Promise<CappedTiming> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.worker.removeAllListeners();
        void this.worker.terminate();
        this.worker = this.spawn();
        resolve({ ok: false, ms: capMs, error: "time cap exceeded" });
      }, capMs);
      this.worker.once("message", (timing: SquiggleTiming) => {
        clearTimeout(timer);
        this.worker.removeAllListeners("error");
        resolve(timing);
      });
      this.worker.once("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      this.worker.postMessage({ code, samples, seed });
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}
