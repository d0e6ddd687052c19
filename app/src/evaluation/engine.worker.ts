/**
 * The engine's Web Worker: a thin shell around `EngineHost`. Runs are stopped between cells once the page has
 * written a newer generation into the shared stop flag (cross-origin isolated pages); elsewhere the page terminates
 * the worker instead (see engine-client.ts).
 */
import { EngineHost } from "./engine-host";
import { toWorkerSchema } from "./protocol";

let stopFlag: Int32Array | undefined;

const host = new EngineHost((generation) => stopFlag !== undefined && Atomics.load(stopFlag, 0) > generation);

self.addEventListener("message", (event: MessageEvent) => {
  const message = toWorkerSchema.parse(event.data);
  if (message.type === "stop-flag") {
    stopFlag = new Int32Array(message.buffer);
    return;
  }
  const reply = host.handle(message);
  if (reply) self.postMessage(reply);
});
