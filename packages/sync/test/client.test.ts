// IndexedDB for Node: a test polyfill of the browser storage API that y-indexeddb uses (the browser has its own).
import "fake-indexeddb/auto";
import { editCellText, getCell, insertCell } from "@crux/notebook";
import { describe, expect, it } from "vitest";
import type { SyncStatus } from "../src/client";
import { freePort } from "./child-server";
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

const db = useTestDb();

describe("the client module", () => {
  it("reports offline, syncing and online, and whether it may write", async () => {
    const server = await startServer({ db });
    const { notebookId, users } = await createNotebook(db);
    const editor = connectClient(server.url, notebookId, () => tokenFor(users.EDITOR, notebookId, "EDITOR"));
    const statuses: SyncStatus[] = [editor.status];
    editor.onStatus((status) => statuses.push(status));
    await editor.whenOnline();
    expect(statuses).toEqual(["offline", "syncing", "online"]);
    expect(editor.readOnly).toBe(false);

    // A local edit is "syncing" until the server has acknowledged it.
    insertCell(editor.doc, { kind: "model", expr: "1" });
    expect(editor.status).toBe("syncing");
    await editor.whenOnline();
    expect(statuses.slice(3)).toEqual(["syncing", "online"]);

    const viewer = connectClient(server.url, notebookId, () => tokenFor(users.VIEWER, notebookId, "VIEWER"));
    await viewer.whenOnline();
    expect(viewer.readOnly).toBe(true);

    await server.close();
    await waitFor(() => editor.status === "offline" && viewer.status === "offline", "both offline");
  });

  it("keeps offline edits in IndexedDB across a reload and merges them when the server is back", async () => {
    const port = await freePort();
    const { notebookId, users } = await createNotebook(db);
    const token = () => tokenFor(users.EDITOR, notebookId, "EDITOR");
    const first = await startServer({ db, port });
    const url = `ws://127.0.0.1:${port}`;
    const tab = connectClient(url, notebookId, token, { offline: true });
    await tab.whenOnline();
    await first.close();
    await waitFor(() => tab.status === "offline", "offline");

    editCellText(tab.doc, "seed1", { index: 1, insert: " + 1" });
    await tab.destroy();

    // The reload: a fresh document, filled from IndexedDB while the server is still down.
    const reloaded = connectClient(url, notebookId, token, { offline: true });
    await waitFor(() => getCell(reloaded.doc, "seed1")?.kind === "model", "local copy loaded");
    expect(getCell(reloaded.doc, "seed1")).toMatchObject({ expr: "1 + 1" });
    expect(reloaded.status).toBe("offline");

    // Meanwhile a colleague edits another cell on the restarted server; both edits end up everywhere.
    await startServer({ db, port });
    const colleague = connectClient(url, notebookId, token);
    await colleague.whenOnline();
    editCellText(colleague.doc, "seed2", { index: 0, insert: "2 * " });
    await waitFor(() => docsEqual(reloaded.doc, colleague.doc), "merged on reconnect");
    await waitFor(async () => docsEqual(await storedDoc(db, notebookId), colleague.doc), "stored");
    for (const doc of [reloaded.doc, colleague.doc, await storedDoc(db, notebookId)]) {
      expect(getCell(doc, "seed1")).toMatchObject({ expr: "1 + 1" });
      expect(getCell(doc, "seed2")).toMatchObject({ expr: "2 * 2" });
    }
  });
});
