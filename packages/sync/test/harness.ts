/// <reference path="../../db/test/global-setup.ts" />
/**
 * Test harness: real PostgreSQL (the database vitest's global setup provides), real sync servers on port 0, real
 * WebSocket clients. Everything a test starts is stopped by `cleanUp()` (afterEach in each file).
 */
import { randomUUID } from "node:crypto";
import { appendDocumentUpdate, createPrismaClient, loadDocumentState, type PrismaClient } from "@crux/db";
import { createNotebookDoc, orderedCellIds, orderedCells } from "@crux/notebook";
import { type SyncTokenRole, signSyncToken } from "@crux/sync-token";
import { afterAll, afterEach, expect, inject } from "vitest";
import * as Y from "yjs";
import { type ConnectNotebookOptions, connectNotebook, type NotebookConnection } from "../src/client";
import { createJsonLogger, type LogEntry } from "../src/log";
import { NodeWebSocket } from "../src/node-websocket";
import { createSyncServer, type SyncServer, type SyncServerOptions } from "../src/server";
import { actualCells } from "./random-edits";

declare module "vitest" {
  export interface ProvidedContext {
    /** REDIS_URL of the run, or "" without Redis (then the Redis tests are not part of the run). */
    redisUrl: string;
  }
}

export const SECRET = "crux-sync-test-secret-0123456789abcdef";
export const databaseUrl = inject("databaseUrl");

const cleanups: (() => Promise<unknown> | unknown)[] = [];

export async function cleanUp(): Promise<void> {
  const pending = cleanups.splice(0).reverse();
  for (const cleanup of pending) await cleanup();
}

export function onCleanUp(cleanup: () => Promise<unknown> | unknown): void {
  cleanups.push(cleanup);
}

/**
 * The test file's database client; everything its tests start is stopped after each test, and the client is
 * disconnected after the file.
 */
export function useTestDb(): PrismaClient {
  const db = createPrismaClient(databaseUrl);
  afterEach(cleanUp);
  afterAll(() => db.$disconnect());
  return db;
}

export type TestUser = { id: string; name: string; color: string };

/** A notebook with an owner and one user per extra role, seeded with cells the way the API seeds at creation. */
export async function createNotebook(
  db: PrismaClient,
  options: { cells?: number; visibility?: "PRIVATE" | "PUBLIC" } = {},
): Promise<{ notebookId: string; users: Record<SyncTokenRole, TestUser>; outsider: TestUser }> {
  const makeUser = async (label: string): Promise<TestUser> => {
    const id = randomUUID();
    const user = { id, name: `${label} ${id.slice(0, 4)}`, color: "#3b82f6" };
    await db.user.create({ data: { ...user, email: `${id}@example.test` } });
    return user;
  };
  const users = {
    OWNER: await makeUser("Owner"),
    EDITOR: await makeUser("Editor"),
    COMMENTER: await makeUser("Commenter"),
    VIEWER: await makeUser("Viewer"),
  };
  const outsider = await makeUser("Outsider");
  const notebook = await db.notebook.create({
    data: {
      title: "Sync test",
      ownerId: users.OWNER.id,
      visibility: options.visibility ?? "PRIVATE",
      members: {
        create: Object.entries(users).map(([role, user]) => ({
          userId: user.id,
          role: role as SyncTokenRole,
        })),
      },
    },
  });
  const cellCount = options.cells ?? 3;
  const doc = createNotebookDoc({
    format: "crux.notebook/1",
    title: "Sync test",
    settings: { samples: 1000, seed: 1 },
    cells: Array.from({ length: cellCount }, (_, i) => ({
      id: `seed${i}`,
      kind: "model" as const,
      name: `seed_${i}`,
      expr: `${i}`,
    })),
  });
  await appendDocumentUpdate(db, notebook.id, Y.encodeStateAsUpdate(doc));
  return { notebookId: notebook.id, users, outsider };
}

export function tokenFor(
  user: TestUser,
  notebookId: string,
  role: SyncTokenRole,
  options: { secret?: string; ttlSeconds?: number } = {},
): Promise<string> {
  return signSyncToken(
    { userId: user.id, notebookId, role, name: user.name, color: user.color },
    { secret: options.secret ?? SECRET, ttlSeconds: options.ttlSeconds ?? 300 },
  );
}

/** A listening sync server, stopped at clean-up. `logs` collects its structured log entries. */
export async function startServer(
  options: Partial<SyncServerOptions> & { db: PrismaClient },
): Promise<SyncServer & { logs: LogEntry[] }> {
  const logs: LogEntry[] = [];
  const server = createSyncServer({
    secret: SECRET,
    logger: createJsonLogger({}, "debug", (entry) => logs.push(entry)),
    ...options,
  });
  await server.listen();
  onCleanUp(() => server.close());
  return Object.assign(server, { logs });
}

export type TestClient = NotebookConnection & { doc: Y.Doc; refusals: string[] };

export function connectClient(
  url: string,
  notebookId: string,
  token: string | (() => Promise<string>),
  options: Partial<ConnectNotebookOptions> = {},
): TestClient {
  const doc = new Y.Doc();
  const refusals: string[] = [];
  const connection = connectNotebook({
    url,
    notebookId,
    token,
    doc,
    WebSocketPolyfill: NodeWebSocket,
    reconnect: { minDelayMs: 50, maxDelayMs: 250 },
    onRefused: (reason) => refusals.push(reason),
    ...options,
  });
  onCleanUp(() => connection.destroy());
  return Object.assign(connection, { doc, refusals });
}

/** Polls until the predicate holds (no fixed sleeps); fails with the message after the timeout. */
export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  message: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The notebook as PostgreSQL has it, independently of any server. */
export async function storedDoc(db: PrismaClient, notebookId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const state = await loadDocumentState(db, notebookId);
  if (state) Y.applyUpdate(doc, state);
  return doc;
}

export function docsEqual(a: Y.Doc, b: Y.Doc): boolean {
  return Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b))) && sameContent(a, b);
}

/** Compared in document order (order key, then id), which is the same on every peer, unlike map iteration order. */
function sameContent(a: Y.Doc, b: Y.Doc): boolean {
  return JSON.stringify(orderedCells(a)) === JSON.stringify(orderedCells(b));
}

export function cellCount(doc: Y.Doc): number {
  return orderedCellIds(doc).length;
}

/**
 * Waits until every client and PostgreSQL hold the same document, then checks that it is exactly `expected`
 * (cell id -> sorted characters of its expression; see random-edits.ts).
 */
export async function expectEverywhere(
  db: PrismaClient,
  notebookId: string,
  clients: TestClient[],
  expected: Map<string, string>,
): Promise<void> {
  const first = (clients[0] as TestClient).doc;
  await waitFor(() => clients.every((client) => docsEqual(client.doc, first)), "clients converge");
  await waitFor(async () => docsEqual(await storedDoc(db, notebookId), first), "PostgreSQL has every edit");
  for (const client of clients) expect(actualCells(client.doc)).toEqual(expected);
  expect(actualCells(await storedDoc(db, notebookId))).toEqual(expected);
}
