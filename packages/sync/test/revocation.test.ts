import { createConnection, createServer, type Socket } from "node:net";
import { createPrismaClient } from "@crux/db";
import { editCellText, orderedCells } from "@crux/notebook";
import type { SyncTokenRole } from "@crux/sync-token";
import { describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { ACCESS_CHANGED } from "../src/access-recheck";
import {
  connectClient,
  createNotebook,
  databaseUrl,
  onCleanUp,
  startServer,
  storedDoc,
  type TestClient,
  type TestUser,
  tokenFor,
  useTestDb,
  waitFor,
} from "./harness";
import { exprOf } from "./random-edits";

const db = useTestDb();

const RECHECK_MS = 100;

type WatchedClient = TestClient & { closeReasons: string[] };

/** A client whose token carries whatever role `role()` says at each (re)connection, as the API's would. */
function watchedClient(url: string, notebookId: string, user: TestUser, role: () => SyncTokenRole) {
  const client = connectClient(url, notebookId, () => tokenFor(user, notebookId, role()));
  const closeReasons: string[] = [];
  client.provider.on("close", ({ event }: { event: { reason: string } }) => closeReasons.push(event.reason));
  return Object.assign(client, { closeReasons }) as WatchedClient;
}

async function setRole(notebookId: string, user: TestUser, role: SyncTokenRole): Promise<void> {
  await db.notebookMember.update({
    where: { notebookId_userId: { notebookId, userId: user.id } },
    data: { role },
  });
}

function exprs(doc: Y.Doc): [string, string][] {
  return orderedCells(doc).map((cell) => [cell.id, exprOf(cell)]);
}

async function startRecheckingServer() {
  return startServer({ db, accessRecheckMs: RECHECK_MS });
}

/** Waits until the server has completed `rounds` more re-check rounds. */
async function waitForRounds(server: { accessRecheck: { rounds: number } }, rounds: number): Promise<void> {
  const target = server.accessRecheck.rounds + rounds;
  await waitFor(() => server.accessRecheck.rounds >= target, `${rounds} re-check rounds`);
}

/**
 * A TCP relay to PostgreSQL that the test can cut (every socket ended, new ones closed at once) and restore: a real
 * database outage for one server, while the test keeps its own connection.
 */
async function databaseRelay(): Promise<{ url: string; cut(): void; restore(): void }> {
  const target = new URL(databaseUrl);
  const sockets = new Set<Socket>();
  let down = false;
  const relay = createServer((client) => {
    if (down) return void client.destroy();
    const upstream = createConnection(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("error", () => {});
      socket.once("close", () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  onCleanUp(() => new Promise((resolve) => relay.close(resolve)));
  onCleanUp(() => {
    for (const socket of sockets) socket.destroy();
  });
  const address = relay.address() as { port: number };
  const url = new URL(databaseUrl);
  url.hostname = "127.0.0.1";
  url.port = String(address.port);
  return {
    url: url.toString(),
    cut() {
      down = true;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      down = false;
    },
  };
}

describe("access re-checks of open connections", () => {
  it("disconnects an editor demoted to viewer, who reconnects read-only and can no longer write", async () => {
    const server = await startRecheckingServer();
    const { notebookId, users } = await createNotebook(db);
    let editorRole: SyncTokenRole = "EDITOR";
    const editor = watchedClient(server.url, notebookId, users.EDITOR, () => editorRole);
    const owner = watchedClient(server.url, notebookId, users.OWNER, () => "OWNER");
    await Promise.all([editor.whenOnline(), owner.whenOnline()]);
    expect(editor.readOnly).toBe(false);

    await setRole(notebookId, users.EDITOR, "VIEWER");
    editorRole = "VIEWER";
    await waitFor(() => editor.closeReasons.includes(ACCESS_CHANGED.reason), "the editor is disconnected");
    expect(server.logs).toContainEqual(
      expect.objectContaining({
        level: "warn",
        event: "connection-closed-for-access-change",
        userId: users.EDITOR.id,
        granted: "EDITOR",
        now: "VIEWER",
      }),
    );
    await waitFor(() => editor.readOnly && editor.status === "online", "the editor is back, read-only");

    editCellText(editor.doc, "seed1", { index: 0, insert: "999 + " });
    editCellText(owner.doc, "seed2", { index: 0, insert: "2 * " });
    await waitFor(
      async () => exprs(await storedDoc(db, notebookId))[2]?.[1] === "2 * 2",
      "owner's edit stored",
    );
    await waitFor(() => exprs(editor.doc)[2]?.[1] === "2 * 2", "owner's edit relayed to the former editor");
    const serverDoc = server.server.hocuspocus.documents.get(notebookId) as Y.Doc;
    for (const doc of [serverDoc, owner.doc, await storedDoc(db, notebookId)])
      expect(exprs(doc)[1]).toEqual(["seed1", "1"]);

    // Now a viewer in both the token and the database: not disconnected again.
    await waitForRounds(server, 3);
    expect(editor.closeReasons).toEqual([ACCESS_CHANGED.reason]);
    expect(owner.closeReasons).toEqual([]);
  });

  it("disconnects a removed member and refuses their reconnection", async () => {
    const server = await startRecheckingServer();
    const { notebookId, users } = await createNotebook(db);
    const commenter = watchedClient(server.url, notebookId, users.COMMENTER, () => "COMMENTER");
    await commenter.whenOnline();

    await db.notebookMember.delete({
      where: { notebookId_userId: { notebookId, userId: users.COMMENTER.id } },
    });
    await waitFor(() => commenter.closeReasons.includes(ACCESS_CHANGED.reason), "the member is disconnected");
    await waitFor(() => commenter.refusals.includes("notebook-not-found"), "the reconnection is refused");
    expect(server.server.hocuspocus.documents.get(notebookId)?.getConnectionsCount() ?? 0).toBe(0);
  });

  it("disconnects visitors of a public notebook made private, and keeps its members", async () => {
    const server = await startRecheckingServer();
    const { notebookId, users, outsider } = await createNotebook(db, { visibility: "PUBLIC" });
    const visitor = watchedClient(server.url, notebookId, outsider, () => "VIEWER");
    const viewer = watchedClient(server.url, notebookId, users.VIEWER, () => "VIEWER");
    await Promise.all([visitor.whenOnline(), viewer.whenOnline()]);

    await db.notebook.update({ where: { id: notebookId }, data: { visibility: "PRIVATE" } });
    await waitFor(() => visitor.refusals.includes("notebook-not-found"), "the visitor is refused");
    expect(visitor.closeReasons).toContain(ACCESS_CHANGED.reason);
    await waitForRounds(server, 2);
    expect(viewer.closeReasons).toEqual([]);
  });

  it("keeps unchanged members connected and writing across many re-checks", async () => {
    const server = await startRecheckingServer();
    const { notebookId, users } = await createNotebook(db);
    const editor = watchedClient(server.url, notebookId, users.EDITOR, () => "EDITOR");
    const viewer = watchedClient(server.url, notebookId, users.VIEWER, () => "VIEWER");
    await Promise.all([editor.whenOnline(), viewer.whenOnline()]);
    // A promotion needs no disconnection: it takes effect at the next connection.
    await setRole(notebookId, users.VIEWER, "OWNER");

    const checksBefore = server.accessRecheck.documentChecks;
    await waitForRounds(server, 5);
    expect(server.accessRecheck.documentChecks).toBeGreaterThanOrEqual(checksBefore + 5);
    editCellText(editor.doc, "seed0", { index: 0, insert: "7 + " });
    await waitFor(
      async () => exprs(await storedDoc(db, notebookId))[0]?.[1] === "7 + 0",
      "editor's edit stored",
    );
    expect(editor.closeReasons).toEqual([]);
    expect(viewer.closeReasons).toEqual([]);
    expect(viewer.readOnly).toBe(true);
  });

  it("disconnects everyone from a deleted notebook", async () => {
    const server = await startRecheckingServer();
    const { notebookId, users } = await createNotebook(db);
    const clients = (["OWNER", "EDITOR", "VIEWER"] as const).map((role) =>
      watchedClient(server.url, notebookId, users[role], () => role),
    );
    await Promise.all(clients.map((client) => client.whenOnline()));

    await db.notebook.update({ where: { id: notebookId }, data: { deletedAt: new Date() } });
    for (const client of clients) {
      await waitFor(() => client.refusals.includes("notebook-not-found"), "reconnection refused");
      expect(client.closeReasons).toContain(ACCESS_CHANGED.reason);
    }
  });

  it("skips documents no client is connected to", async () => {
    const server = await startRecheckingServer();
    const { notebookId } = await createNotebook(db);
    // Held open on the server side only, as a server-side job would: loaded, with no client connection.
    const direct = await server.server.hocuspocus.openDirectConnection(notebookId);
    onCleanUp(() => direct.disconnect());
    await waitForRounds(server, 1);
    const checks = server.accessRecheck.documentChecks;
    await waitForRounds(server, 3);
    expect(server.server.hocuspocus.documents.has(notebookId)).toBe(true);
    expect(server.accessRecheck.documentChecks).toBe(checks);
  });

  it("keeps connections through a database outage, then resumes the re-checks", async () => {
    const relay = await databaseRelay();
    const serverDb = createPrismaClient(relay.url);
    onCleanUp(() => serverDb.$disconnect());
    const server = await startServer({ db: serverDb, accessRecheckMs: RECHECK_MS });
    const { notebookId, users } = await createNotebook(db);
    const editor = watchedClient(server.url, notebookId, users.EDITOR, () => "EDITOR");
    await editor.whenOnline();

    relay.cut();
    // Demoted during the outage: nothing can be decided until PostgreSQL answers again.
    await setRole(notebookId, users.EDITOR, "VIEWER");
    const failures = () => server.logs.filter((entry) => entry.event === "access-recheck-failed").length;
    await waitFor(() => failures() >= 3, "several failed re-checks");
    expect(server.logs).toContainEqual(
      expect.objectContaining({ level: "error", event: "access-recheck-failed", documentName: notebookId }),
    );
    expect(editor.closeReasons).toEqual([]);
    expect(editor.status).toBe("online");

    relay.restore();
    await waitFor(() => editor.closeReasons.includes(ACCESS_CHANGED.reason), "the demotion is applied");
  });
});
