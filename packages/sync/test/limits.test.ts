import { encodeNotebookState, getCell, insertCell, loadNotebookDoc } from "@crux/notebook";
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CLOSE_CODES } from "../src/limits";
import {
  connectClient,
  createNotebook,
  docsEqual,
  startServer,
  type TestUser,
  tokenFor,
  useTestDb,
  waitFor,
} from "./harness";
import { message, openRawClient } from "./raw-client";

const db = useTestDb();

const QUERY_AWARENESS = 3;

/** A server, an editor's provider client (the bystander), and a raw client of another editor ready to misbehave. */
async function setUp(limits: Parameters<typeof startServer>[0]["limits"] = {}) {
  const server = await startServer({ db, limits });
  const { notebookId, users } = await createNotebook(db);
  const bystander = connectClient(server.url, notebookId, await tokenFor(users.OWNER, notebookId, "OWNER"));
  await bystander.whenOnline();
  const culprit = await openRawClient(server.url, notebookId);
  expect(await culprit.authenticate(await tokenFor(users.EDITOR, notebookId, "EDITOR"))).toMatchObject({
    kind: "authenticated",
  });
  return { server, notebookId, users, bystander, culprit };
}

/** The violation is logged with its reason, and the bystander on the same notebook still edits and syncs. */
async function expectOnlyCulpritClosed(
  setup: Awaited<ReturnType<typeof setUp>>,
  code: number,
  reason: string,
): Promise<void> {
  const { server, notebookId, users, bystander, culprit } = setup;
  await waitFor(() => culprit.closed !== null, "the culprit's connection closed");
  expect(culprit.closed).toEqual({ code, reason });
  expect(server.logs).toContainEqual(
    expect.objectContaining({ level: "warn", event: "connection-closed-for-violation", code, reason }),
  );
  const other = connectClient(
    server.url,
    notebookId,
    await tokenFor(users.EDITOR as TestUser, notebookId, "EDITOR"),
  );
  await other.whenOnline();
  const id = insertCell(bystander.doc, { kind: "model", expr: "still here" });
  await waitFor(
    () => getCell(other.doc, id) !== undefined && docsEqual(other.doc, bystander.doc),
    "still syncing",
  );
  expect(bystander.status).toBe("online");
}

describe("limits and bad input", () => {
  it("closes only the connection that sends a malformed message, with a logged reason", async () => {
    const setup = await setUp();
    // A sync message with a step that does not exist.
    setup.culprit.send(
      message(setup.notebookId, (encoder) => {
        encoding.writeVarUint(encoder, 0);
        encoding.writeVarUint(encoder, 9);
        encoding.writeVarUint8Array(encoder, new Uint8Array([1, 2, 3]));
      }),
    );
    await expectOnlyCulpritClosed(setup, CLOSE_CODES.malformed, "malformed-message");
    expect(setup.server.logs).toContainEqual(expect.objectContaining({ detail: "unknown sync step 9" }));
  });

  it("closes a connection whose update cannot be decoded, applying nothing", async () => {
    const setup = await setUp();
    setup.culprit.sendUpdate(new Uint8Array([200, 1, 255, 255, 255, 7]), "update");
    await expectOnlyCulpritClosed(setup, CLOSE_CODES.malformed, "malformed-message");
  });

  it("closes a connection that sends a message over the size limit", async () => {
    const setup = await setUp({ maxMessageBytes: 4096 });
    setup.culprit.sendUpdate(new Uint8Array(6000), "update");
    await expectOnlyCulpritClosed(setup, CLOSE_CODES.messageTooLarge, "message-too-large");
  });

  it("closes a connection that sends faster than its rate limit", async () => {
    const setup = await setUp({ messagesPerSecond: 5, messageBurst: 10 });
    const query = message(setup.notebookId, (encoder) => encoding.writeVarUint(encoder, QUERY_AWARENESS));
    for (let i = 0; i < 40; i++) setup.culprit.send(query);
    await expectOnlyCulpritClosed(setup, CLOSE_CODES.rateLimited, "rate-limited");
  });

  it("refuses an update that would grow the document past its size limit", async () => {
    const setup = await setUp({ maxDocumentBytes: 8 * 1024 });
    const big = loadNotebookDoc(encodeNotebookState(setup.bystander.doc));
    const before = Y.encodeStateVector(big);
    const id = insertCell(big, { kind: "model", expr: "1".repeat(6000) });
    insertCell(big, { kind: "model", expr: "2".repeat(3000) });
    setup.culprit.sendUpdate(Y.encodeStateAsUpdate(big, before), "update");
    await expectOnlyCulpritClosed(setup, CLOSE_CODES.documentTooLarge, "document-too-large");
    expect(getCell(setup.bystander.doc, id)).toBeUndefined();
  });
});
