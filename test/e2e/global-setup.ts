/**
 * Serves the production build of the app (built by `npm test`'s build step) on a free port, against the run's test
 * database: DATABASE_URL when the root runner set it, otherwise a fresh database on the local PostgreSQL.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";
import { createTestDatabase } from "@crux/db";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const root = path.resolve(import.meta.dirname, "../..");

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const ownDatabase = process.env.DATABASE_URL
    ? undefined
    : await createTestDatabase("postgresql://postgres@127.0.0.1:5432/postgres");
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const next = createRequire(path.join(root, "app/package.json")).resolve("next/dist/bin/next");
  const server = spawn(process.execPath, [next, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: path.join(root, "app"),
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: process.env.DATABASE_URL ?? ownDatabase?.url,
      CRUX_PUBLIC_URL: baseUrl,
      BETTER_AUTH_SECRET: "an-end-to-end-test-secret-of-enough-length",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  await waitUntilServing(baseUrl, server);
  project.provide("baseUrl", baseUrl);
  return async () => {
    await stop(server);
    await ownDatabase?.drop();
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

async function waitUntilServing(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
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
  throw new Error(`the app did not answer at ${url} within 60 s`);
}

function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    server.once("exit", () => resolve());
    server.kill("SIGTERM");
  });
}
