import {
  deleteCell,
  editCellText,
  encodeNotebookState,
  insertCell,
  loadNotebookDoc,
  orderedCells,
} from "@crux/notebook";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  cellCount,
  connectClient,
  createNotebook,
  SECRET,
  startServer,
  storedDoc,
  tokenFor,
  useTestDb,
  waitFor,
} from "./harness";
import { exprOf } from "./random-edits";
import { openRawClient } from "./raw-client";

const db = useTestDb();

/** A token exactly as the API would sign it, but whose expiry has passed. */
function expiredToken(userId: string, notebookId: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ nb: notebookId, role: "OWNER", name: "Late", color: "#000000" })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(userId)
    .setIssuer("crux-api")
    .setAudience("crux-sync")
    .setIssuedAt(now - 120)
    .setExpirationTime(now - 60)
    .sign(new TextEncoder().encode(SECRET));
}

async function refusalReason(url: string, notebookId: string, token: string): Promise<string> {
  const raw = await openRawClient(url, notebookId);
  const answer = await raw.authenticate(token);
  if (answer.kind !== "permission-denied")
    throw new Error(`expected a refusal, got ${JSON.stringify(answer)}`);
  return answer.reason;
}

describe("authentication", () => {
  it("refuses expired, forged and misdirected tokens, outsiders and deleted notebooks, each with a reason", async () => {
    const server = await startServer({ db });
    const { notebookId, users, outsider } = await createNotebook(db);
    const other = await createNotebook(db);
    const owner = users.OWNER;

    expect(await refusalReason(server.url, notebookId, await expiredToken(owner.id, notebookId))).toBe(
      "token-expired",
    );
    const forged = await tokenFor(owner, notebookId, "OWNER", { secret: `${SECRET}-forged` });
    expect(await refusalReason(server.url, notebookId, forged)).toBe("token-invalid-signature");
    expect(await refusalReason(server.url, notebookId, "garbage")).toBe("token-malformed");
    const forOther = await tokenFor(other.users.OWNER, other.notebookId, "OWNER");
    expect(await refusalReason(server.url, notebookId, forOther)).toBe("token-for-another-notebook");
    // A validly signed token for someone who is no member of a private notebook (say, a member removed since).
    expect(await refusalReason(server.url, notebookId, await tokenFor(outsider, notebookId, "EDITOR"))).toBe(
      "notebook-not-found",
    );
    await db.notebook.update({ where: { id: notebookId }, data: { deletedAt: new Date() } });
    expect(await refusalReason(server.url, notebookId, await tokenFor(owner, notebookId, "OWNER"))).toBe(
      "notebook-not-found",
    );
  });

  it("tells the provider why it was refused", async () => {
    const server = await startServer({ db });
    const { notebookId, users } = await createNotebook(db);
    const client = connectClient(server.url, notebookId, await expiredToken(users.OWNER.id, notebookId));
    await waitFor(() => client.refusals.length > 0, "refusal");
    expect(client.refusals[0]).toBe("token-expired");
    expect(cellCount(client.doc)).toBe(0);
  });

  it("grants the lower of the token's and the database's role, and viewer access to public notebooks", async () => {
    const server = await startServer({ db });
    const { notebookId, users, outsider } = await createNotebook(db, { visibility: "PUBLIC" });
    const demoted = await openRawClient(server.url, notebookId);
    expect(await demoted.authenticate(await tokenFor(users.VIEWER, notebookId, "EDITOR"))).toEqual({
      kind: "authenticated",
      scope: "readonly",
    });
    const visitor = await openRawClient(server.url, notebookId);
    expect(await visitor.authenticate(await tokenFor(outsider, notebookId, "VIEWER"))).toEqual({
      kind: "authenticated",
      scope: "readonly",
    });
    const editor = await openRawClient(server.url, notebookId);
    expect(await editor.authenticate(await tokenFor(users.EDITOR, notebookId, "EDITOR"))).toEqual({
      kind: "authenticated",
      scope: "read-write",
    });
  });
});

describe("read-only roles", () => {
  for (const role of ["COMMENTER", "VIEWER"] as const) {
    it(`a ${role.toLowerCase()} cannot change the document by any sync message`, async () => {
      const server = await startServer({ db });
      const { notebookId, users } = await createNotebook(db);
      const editor = connectClient(
        server.url,
        notebookId,
        await tokenFor(users.EDITOR, notebookId, "EDITOR"),
      );
      await editor.whenOnline();

      // Hand-crafted updates over a raw WebSocket, as both an incremental update and a sync reply (step 2).
      const raw = await openRawClient(server.url, notebookId);
      expect(await raw.authenticate(await tokenFor(users[role], notebookId, role))).toMatchObject({
        scope: "readonly",
      });
      const forged = loadNotebookDoc(encodeNotebookState(editor.doc));
      const before = Y.encodeStateVector(forged);
      insertCell(forged, { kind: "model", name: "intruder", expr: "666" });
      deleteCell(forged, "seed0");
      const update = Y.encodeStateAsUpdate(forged, before);
      for (const step of ["update", "step2"] as const) {
        raw.sendUpdate(update, step);
        expect(await raw.waitForMessage((m) => m.kind === "sync-status", `${step} answer`)).toEqual({
          kind: "sync-status",
          applied: false,
        });
      }

      // Through the provider too: the read-only user's local edit goes nowhere.
      const reader = connectClient(server.url, notebookId, await tokenFor(users[role], notebookId, role));
      await waitFor(() => reader.readOnly && cellCount(reader.doc) === 3, "reader synced");
      editCellText(reader.doc, "seed1", { index: 0, insert: "999 + " });

      // An editor's edit after all that is relayed and stored; none of the read-only edits is anywhere.
      editCellText(editor.doc, "seed2", { index: 0, insert: "2 * " });
      await waitFor(
        async () => exprs(await storedDoc(db, notebookId))[2]?.[1] === "2 * 2",
        "editor's edit stored",
      );
      await waitFor(() => exprs(reader.doc)[2]?.[1] === "2 * 2", "editor's edit relayed to the reader");
      const serverDoc = server.server.hocuspocus.documents.get(notebookId) as Y.Doc;
      for (const doc of [serverDoc, editor.doc, await storedDoc(db, notebookId)]) {
        expect(exprs(doc)).toEqual([
          ["seed0", "0"],
          ["seed1", "1"],
          ["seed2", "2 * 2"],
        ]);
      }
      expect(raw.closed).toBeNull();
    });
  }
});

function exprs(doc: Y.Doc): [string, string][] {
  return orderedCells(doc).map((cell) => [cell.id, exprOf(cell)]);
}
