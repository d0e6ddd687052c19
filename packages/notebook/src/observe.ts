/** Watching a notebook document for changes, and undo of the local user's edits. */
import * as Y from "yjs";
import { cellsOf, LOCAL_ORIGIN, metaOf, settingsOf } from "./doc";

/** What one transaction changed. A listed cell that `getCell` no longer finds was deleted. */
export type NotebookChange = {
  /** Cells added, deleted, moved, or with a changed field or text. */
  cellIds: string[];
  settings: boolean;
  title: boolean;
  /** True for the local user's edits, false for updates from collaborators or storage. */
  local: boolean;
};

/** Calls back once per transaction that changed the notebook. Returns the function that stops observing. */
export function observeNotebook(doc: Y.Doc, callback: (change: NotebookChange) => void): () => void {
  const cells = cellsOf(doc);
  let pending = { cellIds: new Set<string>(), settings: false, title: false };
  const onCells = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    for (const event of events) {
      // Paths are relative to `cells`: the first key is the cell id, or empty for a change of `cells` itself.
      const cellId = event.path[0];
      if (typeof cellId === "string") pending.cellIds.add(cellId);
      else for (const key of event.keys.keys()) pending.cellIds.add(key);
    }
  };
  const onSettings = () => {
    pending.settings = true;
  };
  const onTitle = () => {
    pending.title = true;
  };
  // Observers run before "afterTransaction", so one callback reports everything a transaction changed.
  const onTransaction = (transaction: Y.Transaction) => {
    const { cellIds, settings, title } = pending;
    pending = { cellIds: new Set(), settings: false, title: false };
    if (cellIds.size > 0 || settings || title)
      callback({ cellIds: [...cellIds], settings, title, local: transaction.local });
  };
  cells.observeDeep(onCells);
  settingsOf(doc).observe(onSettings);
  metaOf(doc).observe(onTitle);
  doc.on("afterTransaction", onTransaction);
  return () => {
    cells.unobserveDeep(onCells);
    settingsOf(doc).unobserve(onSettings);
    metaOf(doc).unobserve(onTitle);
    doc.off("afterTransaction", onTransaction);
  };
}

/**
 * An undo manager over the whole notebook (cells, settings, title) that undoes only transactions whose origin is
 * tracked: by default LOCAL_ORIGIN, the origin of every mutation of this package. Editor bindings that write with
 * their own origin add it here (`trackedOrigins`) or via `undoManager.addTrackedOrigin`; edits arriving from the
 * sync provider carry the provider as origin and are never undone. Edits made straight on a Y.Text without a
 * transaction have origin null and are not tracked: make them with `transactLocally`.
 */
export function createUndoManager(
  doc: Y.Doc,
  options: { trackedOrigins?: Iterable<unknown>; captureTimeout?: number } = {},
): Y.UndoManager {
  return new Y.UndoManager([cellsOf(doc), settingsOf(doc), metaOf(doc)], {
    trackedOrigins: new Set<unknown>([LOCAL_ORIGIN, ...(options.trackedOrigins ?? [])]),
    captureTimeout: options.captureTimeout ?? 500,
  });
}
