import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../src/client";
import { startEmbeddedPostgres } from "../src/embedded-postgres";
import { migrateDatabase } from "../src/migrate";

const dataDir = mkdtempSync(path.join(tmpdir(), "crux-db-test-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Listens on a free loopback port and returns the server holding it. */
function occupyFreePort(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => resolve(server));
  });
}

function portOf(server: Server): number {
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("server has no port");
  return address.port;
}

async function freePort(): Promise<number> {
  const server = await occupyFreePort();
  const port = portOf(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: Math.round(performance.now() - started) };
}

describe("embedded PostgreSQL", () => {
  it("initialises once, and keeps its data across a restart", async () => {
    const port = await freePort();
    const first = await timed(() => startEmbeddedPostgres({ dataDir, port }));
    const migration = await timed(() => migrateDatabase(first.result.url));
    const db = createPrismaClient(first.result.url);
    await db.user.create({
      data: { id: "embedded-user", name: "Ada", email: "ada@example.test", color: "#ff0000" },
    });
    await db.$disconnect();
    await first.result.stop();

    const second = await timed(() => startEmbeddedPostgres({ dataDir, port }));
    try {
      expect(second.result.url).toBe(first.result.url);
      const reopened = createPrismaClient(second.result.url);
      const user = await reopened.user.findUnique({ where: { id: "embedded-user" } });
      await reopened.$disconnect();
      expect(user).toMatchObject({ name: "Ada", color: "#ff0000" });
    } finally {
      await second.result.stop();
    }
    console.info(
      `[embedded-postgres] first start (initdb + start): ${first.ms} ms; migrate: ${migration.ms} ms; restart: ${second.ms} ms`,
    );
  });

  it("says clearly when its port is taken", async () => {
    const blocker = await occupyFreePort();
    try {
      await expect(startEmbeddedPostgres({ dataDir, port: portOf(blocker) })).rejects.toThrow(
        `port ${portOf(blocker)} is already in use`,
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
