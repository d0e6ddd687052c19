import { appendDocumentUpdate, compactDocument, createPrismaClient } from "@crux/db";
import { editCellText, getCell, insertCell, orderedCellIds } from "@crux/notebook";
import { describe, expect, it } from "vitest";
import {
  cellCount,
  connectClient,
  createNotebook,
  expectEverywhere,
  startServer,
  storedDoc,
  tokenFor,
  useTestDb,
  waitFor,
} from "./harness";
import { exprOf, randomEditors } from "./random-edits";
import { openRawClient } from "./raw-client";

const db = useTestDb();

const storedExpr = async (notebookId: string, cellId: string) => {
  const cell = getCell(await storedDoc(db, notebookId), cellId);
  return cell && exprOf(cell);
};

const storedRows = (notebookId: string) =>
  db.notebookUpdate.findMany({
    where: { notebookId },
    orderBy: { id: "asc" },
    select: { id: true, update: true },
  });

/**
 * A real write failure in PostgreSQL for one notebook: a trigger that raises on every insert of its rows (other
 * notebooks, used by tests running in parallel, are unaffected). `end()` removes it.
 */
async function refuseWrites(notebookId: string): Promise<{ end(): Promise<void> }> {
  const name = `crux_test_refuse_${notebookId.replace(/[^a-z0-9]/gi, "")}`;
  await db.$executeRawUnsafe(
    `CREATE FUNCTION ${name}() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'writes refused by the test'; END $$ LANGUAGE plpgsql`,
  );
  await db.$executeRawUnsafe(
    `CREATE TRIGGER ${name} BEFORE INSERT ON notebook_update FOR EACH ROW WHEN (NEW."notebookId" = '${notebookId}') EXECUTE FUNCTION ${name}()`,
  );
  return {
    async end() {
      await db.$executeRawUnsafe(`DROP TRIGGER ${name} ON notebook_update`);
      await db.$executeRawUnsafe(`DROP FUNCTION ${name}()`);
    },
  };
}

describe("durable persistence", () => {
  it("refuses connections when the database is unreachable, and leaves stored data untouched", async () => {
    const { notebookId, users } = await createNotebook(db);
    const before = await storedRows(notebookId);
    const unreachable = createPrismaClient("postgresql://postgres@127.0.0.1:1/unreachable");
    const server = await startServer({ db: unreachable });
    const raw = await openRawClient(server.url, notebookId);
    expect(await raw.authenticate(await tokenFor(users.OWNER, notebookId, "OWNER"))).toEqual({
      kind: "permission-denied",
      reason: "server-unavailable",
    });
    const client = connectClient(server.url, notebookId, await tokenFor(users.OWNER, notebookId, "OWNER"));
    await waitFor(() => client.refusals.length > 0, "refusal");
    expect(cellCount(client.doc)).toBe(0);
    expect(server.server.hocuspocus.getDocumentsCount()).toBe(0);
    expect(await storedRows(notebookId)).toEqual(before);
  });

  it("refuses connections when the stored document cannot be loaded, never handing out an empty one", async () => {
    const server = await startServer({ db });
    const { notebookId, users } = await createNotebook(db);
    await appendDocumentUpdate(db, notebookId, new Uint8Array([255, 255, 255, 255, 1, 2, 3]));
    const before = await storedRows(notebookId);

    const client = connectClient(server.url, notebookId, await tokenFor(users.OWNER, notebookId, "OWNER"));
    await waitFor(() => client.refusals.length > 0, "refusal");
    expect(client.refusals[0]).toBe("document-load-failed");
    expect(cellCount(client.doc)).toBe(0);
    // The client's own (empty) state never reaches storage, and nothing is rewritten.
    insertCell(client.doc, { kind: "model", expr: "1" });
    await waitFor(
      () => server.logs.some((entry) => entry.event === "document-load-failed"),
      "failure logged",
    );
    expect(await storedRows(notebookId)).toEqual(before);
  });

  it("writes every pending update when the server stops, even before its flush interval", async () => {
    const server = await startServer({ db, persistence: { flushIntervalMs: 60_000 } });
    const { notebookId, users } = await createNotebook(db);
    const client = connectClient(server.url, notebookId, await tokenFor(users.OWNER, notebookId, "OWNER"));
    await client.whenOnline();
    const id = insertCell(client.doc, { kind: "model", expr: "7" });
    await waitFor(() => server.persistence.pendingUpdates() > 0, "update reached the server");
    await server.close();
    expect(orderedCellIds(await storedDoc(db, notebookId))).toContain(id);
  });

  it("compaction running concurrently with writers loses nothing", async () => {
    const flushes: number[] = [];
    const server = await startServer({
      db,
      persistence: { flushIntervalMs: 5, compactAfterRows: 3 },
      onFlushed: (report) => flushes.push(report.updates),
    });
    const { notebookId, users } = await createNotebook(db, { cells: 3 });
    const clients = await Promise.all(
      [1, 2, 3].map(async () =>
        connectClient(server.url, notebookId, await tokenFor(users.EDITOR, notebookId, "EDITOR")),
      ),
    );
    await Promise.all(clients.map((client) => client.whenOnline()));
    const editors = randomEditors(
      clients.map((client) => client.doc),
      7,
    );

    // A second compactor (as another server would be) races the server's own compactions and appends.
    let editing = true;
    const compactions: number[] = [];
    const compactor = (async () => {
      while (editing) compactions.push(await compactDocument(db, notebookId));
    })();
    // Rounds of edits, each written (and so interleaved with compactions) before the next one starts.
    for (let round = 0; round < 12; round++) {
      const flushed = flushes.length;
      clients.forEach((_, index) => {
        for (let edit = 0; edit < 8; edit++) editors.edit(index);
      });
      await waitFor(() => flushes.length > flushed, `round ${round} written`);
    }
    await expectEverywhere(db, notebookId, clients, editors.expected());
    editing = false;
    await compactor;

    expect(compactions.some((merged) => merged > 1)).toBe(true);
    expect(server.logs.some((entry) => entry.event === "document-compacted")).toBe(true);
  });

  it("keeps updates while the database refuses writes and stores them once it accepts them again", async () => {
    const server = await startServer({ db, persistence: { flushIntervalMs: 10, retryDelayMs: 20 } });
    const { notebookId, users } = await createNotebook(db);
    const client = connectClient(server.url, notebookId, await tokenFor(users.OWNER, notebookId, "OWNER"));
    await client.whenOnline();
    const outage = await refuseWrites(notebookId);
    editCellText(client.doc, "seed0", { index: 0, insert: "during-outage " });
    await waitFor(
      () => server.logs.some((entry) => entry.event === "persist-failed"),
      "write failed and was logged",
    );
    expect(server.persistence.pendingUpdates()).toBeGreaterThan(0);
    await outage.end();
    await waitFor(
      async () => (await storedExpr(notebookId, "seed0")) === "during-outage 0",
      "stored after the outage",
    );
  });

  it("serves a reopened notebook with the updates that could not be written yet", async () => {
    const server = await startServer({ db, persistence: { flushIntervalMs: 10, retryDelayMs: 20 } });
    const { notebookId, users } = await createNotebook(db);
    const token = () => tokenFor(users.OWNER, notebookId, "OWNER");
    const writer = connectClient(server.url, notebookId, await token());
    await writer.whenOnline();
    const outage = await refuseWrites(notebookId);
    editCellText(writer.doc, "seed1", { index: 1, insert: " + 41" });
    await writer.whenOnline();
    await writer.destroy();
    await waitFor(() => server.server.hocuspocus.getDocumentsCount() === 0, "document unloaded");
    expect(server.persistence.pendingUpdates()).toBeGreaterThan(0);

    const reader = connectClient(server.url, notebookId, await token());
    await reader.whenOnline();
    expect(getCell(reader.doc, "seed1")).toMatchObject({ expr: "1 + 41" });
    await outage.end();
    await waitFor(
      async () => (await storedExpr(notebookId, "seed1")) === "1 + 41",
      "stored after the outage",
    );
  });
});
