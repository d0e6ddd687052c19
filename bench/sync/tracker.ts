/**
 * Follows every simulated edit: when it reaches each other client of its notebook (client-to-client latency), when
 * it appears in a row of PostgreSQL (persistence lag), and whether it is anywhere missing at the end (lost).
 * An edit is identified by its author's Yjs client id and the clock its author reached with it: a document holds
 * the edit once its state for that author has reached that clock.
 */
import * as Y from "yjs";

type Edit = { endClock: number; sentAt: number; persisted: boolean };

export class EditTracker {
  readonly latencies: number[] = [];
  readonly persistLags: number[] = [];
  private readonly edits = new Map<number, Edit[]>();
  /** Per receiver and author, how many of the author's edits the receiver has received. */
  private readonly delivered = new Map<string, number>();

  get editCount(): number {
    let count = 0;
    for (const edits of this.edits.values()) count += edits.length;
    return count;
  }

  /** Call right after `doc` made a local edit. */
  edited(doc: Y.Doc): void {
    let edits = this.edits.get(doc.clientID);
    if (!edits) {
      edits = [];
      this.edits.set(doc.clientID, edits);
    }
    edits.push({
      endClock: Y.getState(doc.store, doc.clientID),
      sentAt: performance.now(),
      persisted: false,
    });
  }

  /** Call when `receiver` has applied a remote update: the edits it completes were delivered now. */
  received(receiver: Y.Doc, update: Uint8Array): void {
    const now = performance.now();
    for (const author of Y.parseUpdateMeta(update).to.keys()) {
      const edits = this.edits.get(author);
      if (!edits) continue;
      const key = `${receiver.clientID}:${author}`;
      const state = Y.getState(receiver.store, author);
      let next = this.delivered.get(key) ?? 0;
      for (; next < edits.length && (edits[next] as Edit).endClock <= state; next++)
        this.latencies.push(now - (edits[next] as Edit).sentAt);
      this.delivered.set(key, next);
    }
  }

  /** Call when a row holding `update` was seen in PostgreSQL. */
  stored(update: Uint8Array): void {
    const now = performance.now();
    const { from, to } = Y.parseUpdateMeta(update);
    for (const [author, end] of to) {
      const start = from.get(author) ?? 0;
      for (const edit of this.edits.get(author) ?? []) {
        if (edit.persisted || edit.endClock <= start || edit.endClock > end) continue;
        edit.persisted = true;
        this.persistLags.push(now - edit.sentAt);
      }
    }
  }

  allStored(): boolean {
    for (const edits of this.edits.values()) if (edits.some((edit) => !edit.persisted)) return false;
    return true;
  }

  /** Edits made by one of `docs` that some of `docs` (or the stored state, when given) does not hold. */
  lostIn(docs: Y.Doc[], storedState?: Uint8Array): number {
    const stored = storedState && Y.decodeStateVector(Y.encodeStateVectorFromUpdate(storedState));
    let lost = 0;
    for (const author of docs) {
      for (const edit of this.edits.get(author.clientID) ?? []) {
        const missing =
          docs.some((doc) => Y.getState(doc.store, author.clientID) < edit.endClock) ||
          (stored !== undefined && (stored.get(author.clientID) ?? 0) < edit.endClock);
        if (missing) lost += 1;
      }
    }
    return lost;
  }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}
