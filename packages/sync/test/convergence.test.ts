import { describe, it } from "vitest";
import { connectClient, createNotebook, expectEverywhere, startServer, tokenFor, useTestDb } from "./harness";
import { randomEditors } from "./random-edits";

const db = useTestDb();

const EDITS_PER_CLIENT = 150;
const nextTick = () => new Promise((resolve) => setImmediate(resolve));

async function editConcurrently(clientCount: number, seed: number): Promise<void> {
  const server = await startServer({ db });
  const { notebookId, users } = await createNotebook(db, { cells: 4 });
  const clients = await Promise.all(
    Array.from({ length: clientCount }, async () =>
      connectClient(server.url, notebookId, await tokenFor(users.EDITOR, notebookId, "EDITOR")),
    ),
  );
  await Promise.all(clients.map((client) => client.whenOnline()));

  const editors = randomEditors(
    clients.map((client) => client.doc),
    seed,
  );
  await Promise.all(
    clients.map(async (_, index) => {
      for (let edit = 0; edit < EDITS_PER_CLIENT; edit++) {
        editors.edit(index);
        if (editors.shouldYield(index)) await nextTick();
      }
    }),
  );
  await expectEverywhere(db, notebookId, clients, editors.expected());
}

describe("convergence under random concurrent edits", () => {
  it("two clients converge with no duplicated or lost cell or keystroke", () => editConcurrently(2, 1));
  it("five clients converge with no duplicated or lost cell or keystroke", () => editConcurrently(5, 2));
});
