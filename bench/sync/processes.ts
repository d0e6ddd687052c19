/**
 * What a benchmark run starts and stops: a fresh PostgreSQL database (on DATABASE_URL's server, or an embedded
 * PostgreSQL), the sync server and the bare relay, each as its own Node process so that its memory is its own.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase, startEmbeddedPostgres } from "@crux/db";

const root = path.resolve(import.meta.dirname, "../..");

export type Database = { url: string; stop(): Promise<void> };

/** A fresh migrated database, dropped (and the embedded server stopped) by `stop`. */
export async function startDatabase(serverUrl: string | undefined, port: number): Promise<Database> {
  const embedded = serverUrl ? undefined : await startEmbedded(port);
  const database = await createTestDatabase(serverUrl ?? (embedded as Database).url);
  return {
    url: database.url,
    async stop() {
      await database.drop();
      await embedded?.stop();
    },
  };
}

async function startEmbedded(port: number): Promise<Database> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "crux-bench-pg-"));
  const server = await startEmbeddedPostgres({ dataDir, port });
  return {
    url: server.url,
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type ServerProcess = { url: string; rssMb(): number; stop(): Promise<void> };

export const SYNC_SECRET = randomBytes(32).toString("base64url");

export function startSyncServer(options: { port: number; databaseUrl: string; redisUrl?: string }) {
  const env: Record<string, string> = {
    SYNC_PORT: String(options.port),
    SYNC_HOST: "127.0.0.1",
    SYNC_INSTANCE: "bench",
    CRUX_SYNC_SECRET: SYNC_SECRET,
    DATABASE_URL: options.databaseUrl,
  };
  if (options.redisUrl) env.REDIS_URL = options.redisUrl;
  return startProcess(
    ["packages/sync/src/main.ts"],
    env,
    (line) => line.includes('"server-listening"'),
    `ws://127.0.0.1:${options.port}`,
  );
}

export function startRelay(port: number) {
  return startProcess(
    ["bench/sync/relay.ts", String(port)],
    {},
    (line) => line.startsWith("listening"),
    `ws://127.0.0.1:${port}`,
  );
}

function startProcess(
  args: string[],
  env: Record<string, string>,
  isReady: (line: string) => boolean,
  url: string,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      const lines = chunk.toString().split("\n");
      output.push(...lines);
      if (lines.some(isReady)) resolve({ url, rssMb: () => rssMb(child), stop: () => stop(child) });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => output.push(...chunk.toString().split("\n")));
    child.once("exit", (code) => reject(new Error(`${args[0]} exited (${code}):\n${output.join("\n")}`)));
  });
}

/** Resident memory of a process, from /proc (Linux). */
function rssMb(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.removeAllListeners("exit");
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
