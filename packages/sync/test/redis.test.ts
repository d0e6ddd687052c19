import { getCell, insertCell } from "@crux/notebook";
import { describe, expect, inject, it } from "vitest";
import {
  connectClient,
  createNotebook,
  expectEverywhere,
  startServer,
  storedDoc,
  type TestClient,
  tokenFor,
  useTestDb,
  waitFor,
} from "./harness";
import { randomEditors } from "./random-edits";

const db = useTestDb();
const redisUrl = inject("redisUrl");

const nextTick = () => new Promise((resolve) => setImmediate(resolve));

/** Two sync servers sharing PostgreSQL and Redis, as behind a load balancer; `flushes` counts each one's writes. */
async function twoServers(firstFlushIntervalMs?: number) {
  return Promise.all(
    ["sync-a", "sync-b"].map(async (instanceName, index) => {
      const persistence =
        index === 0 && firstFlushIntervalMs ? { flushIntervalMs: firstFlushIntervalMs } : {};
      const flushes = { count: 0 };
      const server = await startServer({
        db,
        redisUrl,
        instanceName,
        persistence,
        onFlushed: () => {
          flushes.count += 1;
        },
      });
      return Object.assign(server, { flushes });
    }),
  );
}

describe("scale-out through Redis", () => {
  it("clients on two servers converge under random concurrent edits, and PostgreSQL has every edit", async () => {
    const servers = await twoServers();
    const { notebookId, users } = await createNotebook(db, { cells: 4 });
    const clients: TestClient[] = [];
    for (const server of [...servers, ...servers])
      clients.push(connectClient(server.url, notebookId, await tokenFor(users.EDITOR, notebookId, "EDITOR")));
    await Promise.all(clients.map((client) => client.whenOnline()));

    const editors = randomEditors(
      clients.map((client) => client.doc),
      31,
    );
    await Promise.all(
      clients.map(async (_, index) => {
        for (let edit = 0; edit < 100; edit++) {
          editors.edit(index);
          if (editors.shouldYield(index)) await nextTick();
        }
      }),
    );
    await expectEverywhere(db, notebookId, clients, editors.expected());
    // Each server stored what its own clients sent: both wrote rows.
    for (const server of servers) expect(server.flushes.count).toBeGreaterThan(0);
  });

  it("a client on the second server gets edits the first has not written, the second writes them, presence crosses", async () => {
    // The first server writes nothing before the end of the test: what the second shows came through Redis, and
    // what reaches PostgreSQL was written by the second (as it must be if the first crashed right after relaying).
    const [first, second] = await twoServers(60_000);
    if (!first || !second) throw new Error("two servers expected");
    const { notebookId, users } = await createNotebook(db);
    const alice = connectClient(first.url, notebookId, await tokenFor(users.OWNER, notebookId, "OWNER"));
    await alice.whenOnline();
    const id = insertCell(alice.doc, { kind: "model", expr: "42" });
    alice.setPresence({ cell: id, cursor: { anchor: 0, head: 2 } });

    const bob = connectClient(second.url, notebookId, await tokenFor(users.VIEWER, notebookId, "VIEWER"));
    await waitFor(() => getCell(bob.doc, id) !== undefined, "bob sees alice's cell");
    await waitFor(
      async () => getCell(await storedDoc(db, notebookId), id) !== undefined,
      "stored by the second",
    );
    expect(first.flushes.count).toBe(0);

    // Presence crosses servers too.
    const aliceSeenByBob = () =>
      [...(bob.provider.awareness?.getStates().values() ?? [])].find((state) => state.cell === id);
    await waitFor(() => aliceSeenByBob() !== undefined, "bob sees alice's presence");
    expect(aliceSeenByBob()).toEqual({
      user: { id: users.OWNER.id, name: users.OWNER.name, color: users.OWNER.color },
      cell: id,
      cursor: { anchor: 0, head: 2 },
    });
  });
});
