/**
 * Each notebook's Yjs document as insert-only rows of the NotebookUpdate table (ARCHITECTURE.md, "Persistence of
 * documents"). Writers only ever insert, loads merge every row, and compaction replaces exactly the rows it merged
 * by one merged row, so several writers and compactors can run at once without losing an update.
 */
import * as Y from "yjs";
import type { PrismaClient } from "./generated/prisma/client";

// First key of the two-key advisory lock: keeps these locks apart from any other advisory lock user.
const COMPACTION_LOCK_CLASS = 0x6372_7578; // "crux"
const COMPACTION_TIMEOUT_MS = 30_000;

export async function appendDocumentUpdate(
  db: PrismaClient,
  notebookId: string,
  update: Uint8Array,
): Promise<void> {
  await db.notebookUpdate.create({ data: { notebookId, update: toBytes(update) } });
}

/**
 * The notebook's whole state as one Yjs update, or null when no update was ever stored.
 * A failed read or an unmergeable row throws: returning an empty document here could later be saved over real data.
 */
export async function loadDocumentState(db: PrismaClient, notebookId: string): Promise<Uint8Array | null> {
  const rows = await db.notebookUpdate.findMany({
    where: { notebookId },
    select: { update: true },
    orderBy: { id: "asc" },
  });
  if (rows.length === 0) return null;
  return mergeStoredUpdates(
    notebookId,
    rows.map((row) => row.update),
  );
}

/**
 * Replaces the notebook's rows by one merged row, in one transaction under a per-notebook advisory lock (so two
 * compactions never merge the same rows). Rows appended meanwhile are not read, hence not deleted.
 * Returns how many rows were merged (0 when there was nothing to compact).
 */
export async function compactDocument(db: PrismaClient, notebookId: string): Promise<number> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${COMPACTION_LOCK_CLASS}::int4, hashtext(${notebookId}))`;
      const rows = await tx.notebookUpdate.findMany({
        where: { notebookId },
        select: { id: true, update: true },
      });
      if (rows.length < 2) return 0;
      const merged = mergeStoredUpdates(
        notebookId,
        rows.map((row) => row.update),
      );
      await tx.notebookUpdate.create({ data: { notebookId, update: toBytes(merged) } });
      await tx.notebookUpdate.deleteMany({ where: { id: { in: rows.map((row) => row.id) } } });
      return rows.length;
    },
    { timeout: COMPACTION_TIMEOUT_MS, maxWait: COMPACTION_TIMEOUT_MS },
  );
}

function mergeStoredUpdates(notebookId: string, updates: Uint8Array[]): Uint8Array {
  try {
    return Y.mergeUpdates(updates);
  } catch (error) {
    throw new Error(`notebook ${notebookId}: its stored Yjs updates cannot be merged`, { cause: error });
  }
}

/** Prisma's Bytes takes a Uint8Array over a plain ArrayBuffer; Yjs' type allows a shared one, so copy. */
function toBytes(update: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(update);
}
