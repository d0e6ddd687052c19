import { insertCell, orderedCellIds } from "@crux/notebook";
import { describe, expect, it } from "vitest";
import { freePort, startChildServer } from "./child-server";
import {
  cellCount,
  connectClient,
  createNotebook,
  expectEverywhere,
  storedDoc,
  tokenFor,
  useTestDb,
  waitFor,
} from "./harness";
import { randomEditors } from "./random-edits";

const db = useTestDb();

/** One macrotask: long enough for the socket to carry edits out, short enough for a storm. */
const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("the sync server as a process", () => {
  it("loses no edit when killed with SIGKILL during an edit storm and restarted", async () => {
    const port = await freePort();
    let server = await startChildServer(port);
    const url = `ws://127.0.0.1:${port}`;
    const { notebookId, users } = await createNotebook(db, { cells: 3 });
    // A fresh token for every (re)connection, as the browser fetches one from the API.
    const clients = [1, 2, 3].map(() =>
      connectClient(url, notebookId, () => tokenFor(users.EDITOR, notebookId, "EDITOR")),
    );
    await Promise.all(clients.map((client) => client.whenOnline()));
    const editors = randomEditors(
      clients.map((client) => client.doc),
      9,
    );

    // The storm goes on through the crash and the restart: edits made offline are part of it.
    let storming = true;
    const storm = Promise.all(
      clients.map(async (_, index) => {
        while (storming) {
          editors.edit(index);
          await nextTurn();
        }
      }),
    );

    // Kill it once the storm is being written, so some edits are stored, some in flight, some buffered.
    await waitFor(async () => cellCount(await storedDoc(db, notebookId)) > 6, "storm partly stored");
    server.child.kill("SIGKILL");
    expect(await server.exit).toEqual({ code: null, signal: "SIGKILL" });
    await waitFor(() => clients.every((client) => client.status === "offline"), "clients notice");

    server = await startChildServer(port);
    await waitFor(() => clients.every((client) => client.status !== "offline"), "clients reconnect");
    storming = false;
    await storm;
    const first = clients[0];
    if (!first) throw new Error("no client");
    editors.inserted(0, insertCell(first.doc, { kind: "model", expr: "" }));

    await expectEverywhere(db, notebookId, clients, editors.expected());
    expect(orderedCellIds(first.doc).length).toBeGreaterThan(6);
  });

  it("stops on SIGTERM after writing pending edits, with structured logs", async () => {
    const port = await freePort();
    const server = await startChildServer(port);
    const { notebookId, users } = await createNotebook(db);
    const client = connectClient(
      `ws://127.0.0.1:${port}`,
      notebookId,
      await tokenFor(users.OWNER, notebookId, "OWNER"),
    );
    await client.whenOnline();
    const id = insertCell(client.doc, { kind: "model", expr: "1" });
    await client.whenOnline();
    server.child.kill("SIGTERM");
    expect(await server.exit).toEqual({ code: 0, signal: null });
    expect(orderedCellIds(await storedDoc(db, notebookId))).toContain(id);
    // Every line the process wrote is a JSON log entry (third-party console output included).
    const events = server.output.map((line) => (JSON.parse(line) as { event: string }).event);
    expect(events).toEqual(
      expect.arrayContaining([
        "server-listening",
        "connection-authenticated",
        "shutdown-requested",
        "server-stopped",
      ]),
    );
  });
});
