/**
 * Serves the production build of the app (built by `npm test`'s build step, or `npm run build -w @crux/app`) on a
 * free port, against the run's test database: DATABASE_URL when the root runner set it, otherwise a fresh database
 * of its own on the local PostgreSQL, dropped afterwards.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";
import { createTestDatabase } from "@crux/db";
import type { TestProject } from "vitest/node";
import { childEnv, e2eEnv, LOCAL_POSTGRES } from "./env";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const appDir = path.resolve(import.meta.dirname, "../../app");
const STARTUP_LIMIT_MS = 120_000;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const database = await testDatabase();
  const baseUrl = `http://127.0.0.1:${await freePort()}`;
  const server = startApp(baseUrl, database.url);
  const teardown = async () => {
    await stop(server);
    await database.drop();
  };
  try {
    await waitUntilServing(baseUrl, server);
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide("baseUrl", baseUrl);
  return teardown;
}

/** The root runner's database (it drops it), or a fresh one of our own on the local server. */
async function testDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (e2eEnv.DATABASE_URL) return { url: e2eEnv.DATABASE_URL, drop: async () => {} };
  return createTestDatabase(LOCAL_POSTGRES);
}

function startApp(baseUrl: string, databaseUrl: string): ChildProcess {
  const next = createRequire(path.join(appDir, "package.json")).resolve("next/dist/bin/next");
  const { port, hostname } = new URL(baseUrl);
  return spawn(process.execPath, [next, "start", "-p", port, "-H", hostname], {
    cwd: appDir,
    env: childEnv({
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      CRUX_PUBLIC_URL: baseUrl,
      BETTER_AUTH_SECRET: "an-end-to-end-test-secret-of-enough-length",
    }),
    stdio: ["ignore", "inherit", "inherit"],
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

/** Polls the sign-in page (it renders through the database) until the server answers or gives up. */
async function waitUntilServing(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + STARTUP_LIMIT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null)
      throw new Error(`next start exited with ${server.exitCode}: is the app built?`);
    const answered = await fetch(`${url}/sign-in`).then(
      (response) => response.ok,
      () => false,
    );
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the app did not answer at ${url} within ${STARTUP_LIMIT_MS / 1000} s`);
}

function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    server.once("exit", () => resolve());
    server.kill("SIGTERM");
  });
}
