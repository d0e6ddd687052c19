/**
 * Starts what a browser needs to use Crux: the production build of the app (`next start`) and the sync server
 * (`packages/sync/src/main.ts`), each on a free port, sharing a sync secret, against a given database. Used by the
 * e2e suite's global setup and by the UI benchmark (`bench/ui`), so both measure and test the same stack.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";
import { childEnv } from "./env";

const appDir = path.resolve(import.meta.dirname, "../../app");
const syncDir = path.resolve(import.meta.dirname, "../../packages/sync");
const STARTUP_LIMIT_MS = 120_000;
// Shared by the app (which signs sync tokens) and the sync server (which verifies them); a test-only value.
const SYNC_SECRET = "an-end-to-end-sync-secret-of-enough-length";

export type Stack = { baseUrl: string; syncUrl: string; stop(): Promise<void> };

/** Both servers, answering; stopped again if either fails to start. */
export async function startStack(databaseUrl: string): Promise<Stack> {
  const baseUrl = `http://127.0.0.1:${await freePort()}`;
  const syncPort = await freePort();
  const syncUrl = `ws://127.0.0.1:${syncPort}`;
  const sync = startSyncServer(syncPort, databaseUrl);
  const app = startApp(baseUrl, databaseUrl, syncUrl);
  const stack = { baseUrl, syncUrl, stop: () => Promise.all([stop(app), stop(sync)]).then(() => {}) };
  try {
    await waitUntilServing(`http://127.0.0.1:${syncPort}/health`, sync, "the sync server");
    await waitUntilServing(`${baseUrl}/sign-in`, app, "next start");
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
}

function startSyncServer(port: number, databaseUrl: string): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: syncDir,
    env: childEnv({
      SYNC_PORT: String(port),
      SYNC_HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      CRUX_SYNC_SECRET: SYNC_SECRET,
    }),
    // Its JSON log lines would drown the test report; failures show up in the tests.
    stdio: ["ignore", "ignore", "inherit"],
  });
}

function startApp(baseUrl: string, databaseUrl: string, syncUrl: string): ChildProcess {
  const next = createRequire(path.join(appDir, "package.json")).resolve("next/dist/bin/next");
  const { port, hostname } = new URL(baseUrl);
  return spawn(process.execPath, [next, "start", "-p", port, "-H", hostname], {
    cwd: appDir,
    env: childEnv({
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      CRUX_PUBLIC_URL: baseUrl,
      BETTER_AUTH_SECRET: "an-end-to-end-test-secret-of-enough-length",
      CRUX_SYNC_SECRET: SYNC_SECRET,
      CRUX_SYNC_URL: syncUrl,
    }),
    // Its banner goes to stderr: the benchmark's stdout is its result (one JSON object with --json).
    stdio: ["ignore", process.stderr.fd, "inherit"],
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

/** Polls a page that answers through the database (sign-in, /health) until the server answers or gives up. */
async function waitUntilServing(url: string, server: ChildProcess, name: string): Promise<void> {
  const deadline = Date.now() + STARTUP_LIMIT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null)
      throw new Error(`${name} exited with ${server.exitCode}: is the app built?`);
    const answered = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} did not answer at ${url} within ${STARTUP_LIMIT_MS / 1000} s`);
}

function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    server.once("exit", () => resolve());
    server.kill("SIGTERM");
  });
}
