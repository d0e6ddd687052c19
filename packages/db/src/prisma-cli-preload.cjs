// Preloaded (node --require) into the Prisma CLI child process only; see prisma-cli.ts.
// Prisma 6.19's WebAssembly schema engine leaves a 10-second timer armed after `migrate deploy` has finished, and
// the CLI does not exit on success, so every migration took 10 s longer than its work. Timers created from the
// WebAssembly engine are unref'd: they still fire while the CLI works, but no longer keep a finished process alive.
"use strict";
const originalSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = function setTimeoutUnrefFromWasm(...args) {
  const timer = originalSetTimeout(...args);
  if (new Error().stack?.includes("wasm-function")) timer.unref();
  return timer;
};
