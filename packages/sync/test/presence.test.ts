import { describe, expect, it } from "vitest";
import {
  connectClient,
  createNotebook,
  startServer,
  type TestClient,
  tokenFor,
  useTestDb,
  waitFor,
} from "./harness";

const db = useTestDb();

/** The awareness states a client sees from the other clients. */
function othersSeenBy(client: TestClient): Record<string, unknown>[] {
  const own = client.provider.awareness?.clientID;
  return [...(client.provider.awareness?.getStates() ?? new Map()).entries()]
    .filter(([id]) => id !== own)
    .map(([, state]) => state);
}

describe("presence", () => {
  it("shows each user's name, colour, cell and cursor to the others, with the identity the server verified", async () => {
    const server = await startServer({ db });
    const { notebookId, users } = await createNotebook(db);
    const alice = connectClient(server.url, notebookId, await tokenFor(users.EDITOR, notebookId, "EDITOR"));
    const bob = connectClient(server.url, notebookId, await tokenFor(users.VIEWER, notebookId, "VIEWER"));
    await Promise.all([alice.whenOnline(), bob.whenOnline()]);

    alice.setPresence({ cell: "seed1", cursor: { anchor: 1, head: 1 } });
    // A client cannot pass itself off as someone else: the server stamps the user of the verified token.
    alice.provider.setAwarenessField("user", { id: users.OWNER.id, name: "Not Alice", color: "#000000" });
    const editor = { id: users.EDITOR.id, name: users.EDITOR.name, color: users.EDITOR.color };
    await waitFor(
      () =>
        othersSeenBy(bob).some(
          (state) => state.cell === "seed1" && (state.user as { name?: string })?.name === editor.name,
        ),
      "bob sees alice",
    );
    expect(othersSeenBy(bob)).toEqual([{ user: editor, cell: "seed1", cursor: { anchor: 1, head: 1 } }]);

    // Read-only users have presence too.
    bob.setPresence({ cell: "seed2", cursor: null });
    await waitFor(() => othersSeenBy(alice).some((state) => state.cell === "seed2"), "alice sees bob");
    expect(othersSeenBy(alice)).toEqual([
      {
        user: { id: users.VIEWER.id, name: users.VIEWER.name, color: users.VIEWER.color },
        cell: "seed2",
        cursor: null,
      },
    ]);

    await bob.destroy();
    await waitFor(() => othersSeenBy(alice).length === 0, "bob's presence removed when he leaves");
  });
});
