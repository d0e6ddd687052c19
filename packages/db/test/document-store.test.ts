import { afterAll, describe, expect, inject, it } from "vitest";
import * as Y from "yjs";
import { createPrismaClient } from "../src/client";
import { appendDocumentUpdate, compactDocument, loadDocumentState } from "../src/document-store";
import { createNotebook } from "./fixtures";

const db = createPrismaClient(inject("databaseUrl"));
afterAll(() => db.$disconnect());

/** A writer that records each local change as the diff since its previous one, as the sync server stores them. */
function createWriter(arrayName: string) {
  const doc = new Y.Doc();
  const items = doc.getArray<number>(arrayName);
  return {
    items,
    pushAndEncode(value: number): Uint8Array {
      const before = Y.encodeStateVector(doc);
      items.push([value]);
      return Y.encodeStateAsUpdate(doc, before);
    },
  };
}

async function loadDoc(notebookId: string): Promise<Y.Doc> {
  const state = await loadDocumentState(db, notebookId);
  if (!state) throw new Error("expected a stored document");
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

const rowCount = (notebookId: string) => db.notebookUpdate.count({ where: { notebookId } });
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe("document store", () => {
  it("round-trips a document stored as many update rows", async () => {
    const notebookId = await createNotebook(db);
    const doc = new Y.Doc();
    doc.getMap("settings").set("samples", 10_000);
    await appendDocumentUpdate(db, notebookId, Y.encodeStateAsUpdate(doc));
    const text = doc.getText("source");
    for (const word of ["alpha ", "beta ", "gamma"]) {
      const before = Y.encodeStateVector(doc);
      text.insert(text.length, word);
      await appendDocumentUpdate(db, notebookId, Y.encodeStateAsUpdate(doc, before));
    }
    expect(await rowCount(notebookId)).toBe(4);

    const loaded = await loadDoc(notebookId);
    expect(loaded.getText("source").toString()).toBe("alpha beta gamma");
    expect(loaded.getMap("settings").get("samples")).toBe(10_000);
  });

  it("compacts the rows into one without changing the document", async () => {
    const notebookId = await createNotebook(db);
    const writer = createWriter("items");
    for (const value of range(0, 10)) await appendDocumentUpdate(db, notebookId, writer.pushAndEncode(value));

    expect(await compactDocument(db, notebookId)).toBe(10);
    expect(await rowCount(notebookId)).toBe(1);
    expect((await loadDoc(notebookId)).getArray("items").toArray()).toEqual(range(0, 10));
    expect(await compactDocument(db, notebookId)).toBe(0);
  });

  it("returns null for a notebook with no stored updates", async () => {
    expect(await loadDocumentState(db, "no-such-notebook")).toBeNull();
  });

  it("throws, rather than returning an empty document, when the database cannot be read", async () => {
    const unreachable = createPrismaClient("postgresql://postgres@127.0.0.1:1/crux_test_unreachable");
    try {
      await expect(loadDocumentState(unreachable, "any-notebook")).rejects.toThrow();
    } finally {
      await unreachable.$disconnect();
    }
  });

  it("throws when a stored row is not a Yjs update", async () => {
    const notebookId = await createNotebook(db);
    await appendDocumentUpdate(db, notebookId, createWriter("items").pushAndEncode(1));
    await appendDocumentUpdate(db, notebookId, new Uint8Array([255, 255, 255]));
    await expect(loadDocumentState(db, notebookId)).rejects.toThrow(/cannot be merged/);
  });

  // Regression: compaction must delete exactly the rows it merged. Deleting "all rows of the notebook" instead
  // loses whatever another server appended between the read and the delete.
  it("loses nothing when writers append while compactions run", async () => {
    const notebookId = await createNotebook(db);
    const writers = [createWriter("a"), createWriter("b")];
    const rounds = 20;
    const updatesPerRound = 15;
    let compactions = 0;

    for (let round = 0; round < rounds; round++) {
      const values = range(round * updatesPerRound, (round + 1) * updatesPerRound);
      let writing = true;
      const writes = Promise.all(
        writers.map(async (writer) => {
          for (const value of values) await appendDocumentUpdate(db, notebookId, writer.pushAndEncode(value));
        }),
      ).finally(() => {
        writing = false;
      });
      const compactor = async () => {
        do {
          await compactDocument(db, notebookId);
          compactions++;
        } while (writing);
      };
      await Promise.all([writes, compactor(), compactor()]);
    }

    const loaded = await loadDoc(notebookId);
    const expected = range(0, rounds * updatesPerRound);
    expect(loaded.getArray("a").toArray()).toEqual(expected);
    expect(loaded.getArray("b").toArray()).toEqual(expected);
    expect(compactions).toBeGreaterThan(rounds * 2);
    await compactDocument(db, notebookId);
    expect(await rowCount(notebookId)).toBe(1);
  });
});
