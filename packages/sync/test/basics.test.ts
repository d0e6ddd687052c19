import { editCellText, getCell, insertCell, orderedCells } from "@crux/notebook";
import { describe, expect, it } from "vitest";
import {
  connectClient,
  createNotebook,
  docsEqual,
  startServer,
  storedDoc,
  tokenFor,
  useTestDb,
  waitFor,
} from "./harness";
import { exprOf } from "./random-edits";

const db = useTestDb();

describe("sync server basics", () => {
  it("serves the stored notebook, relays edits between two clients and stores them", async () => {
    const server = await startServer({ db });
    const { notebookId, users } = await createNotebook(db, { cells: 2 });
    const alice = connectClient(server.url, notebookId, await tokenFor(users.OWNER, notebookId, "OWNER"));
    const bob = connectClient(server.url, notebookId, await tokenFor(users.EDITOR, notebookId, "EDITOR"));
    await Promise.all([alice.whenOnline(), bob.whenOnline()]);
    expect(orderedCells(alice.doc).map((cell) => cell.id)).toEqual(["seed0", "seed1"]);

    const id = insertCell(alice.doc, { kind: "model", name: "fresh", expr: "1 to 2" });
    editCellText(bob.doc, "seed0", { index: 0, insert: "40 + " });
    await waitFor(
      () => docsEqual(alice.doc, bob.doc) && getCell(bob.doc, id) !== undefined,
      "clients converge",
    );

    await waitFor(async () => docsEqual(await storedDoc(db, notebookId), alice.doc), "edits stored");
    expect(orderedCells(await storedDoc(db, notebookId)).map((cell) => [cell.id, exprOf(cell)])).toEqual([
      ["seed0", "40 + 0"],
      ["seed1", "1"],
      [id, "1 to 2"],
    ]);
    expect(alice.status).toBe("online");
  });

  it("answers /health with counts, and 404 elsewhere", async () => {
    const server = await startServer({ db });
    const health = await fetch(`http://127.0.0.1:${server.port}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: "ok",
      documents: 0,
      connections: 0,
      pendingUpdates: 0,
    });
    expect((await fetch(`http://127.0.0.1:${server.port}/other`)).status).toBe(404);
  });
});
