/**
 * `npm test`: every test in one vitest run, against a real PostgreSQL.
 *
 * DATABASE_URL (optional) names a PostgreSQL server to use; without it an embedded PostgreSQL starts in a temporary
 * directory. Either way the run gets one fresh, migrated database of its own (its name contains "test"), which every
 * suite shares (tests use unique data, so files run in parallel) and which is dropped afterwards.
 * Arguments are passed to vitest: `npm test -- --project engine`, `npm test -- packages/api/test/notebooks.test.ts`.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase, startEmbeddedPostgres } from "@crux/db";

const root = path.resolve(import.meta.dirname, "..");
const resultsFile = path.join(root, ".crux", "test-results.json");

async function startServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const dataDir = mkdtempSync(path.join(tmpdir(), "crux-test-pg-"));
  console.log(`[test] no DATABASE_URL: starting embedded PostgreSQL in ${dataDir}`);
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

function runVitest(databaseUrl: string, args: string[]): Promise<number> {
  const vitest = path.join(root, "node_modules", ".bin", "vitest");
  const reporters = ["--reporter=default", "--reporter=json", `--outputFile.json=${resultsFile}`];
  const child = spawn(vitest, ["run", ...reporters, ...args], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: databaseUrl, CRUX_TEST_DATABASE: "1" },
  });
  return new Promise((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
}

/** One plain closing line that any CI can read, whatever vitest printed above it. */
function printClosingLine(): void {
  const results = JSON.parse(readFileSync(resultsFile, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  const skipped = results.numPendingTests + results.numTodoTests;
  console.log(
    `Tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`,
  );
}

async function main(): Promise<number> {
  const server = await startServer();
  try {
    const database = await createTestDatabase(server.url);
    try {
      const exitCode = await runVitest(database.url, process.argv.slice(2));
      printClosingLine();
      return exitCode;
    } finally {
      await database.drop();
    }
  } finally {
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[test] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
