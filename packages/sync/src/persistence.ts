/**
 * Durable persistence of notebook documents (ARCHITECTURE.md, "Persistence of documents"; FIELD-NOTES.md,
 * "Persisting Yjs in PostgreSQL"). Every update a client sends is buffered per notebook and appended as one merged
 * row every `flushIntervalMs` (or sooner when `flushMaxUpdates` are waiting), so an edit that reached the server is
 * in PostgreSQL well within a second — Hocuspocus' debounced onStoreDocument is only an extra flush trigger, never
 * the path edits depend on. Loads merge all rows; a failed load refuses the connection (nothing is handed out, so
 * nothing empty can later be saved). Rows are compacted in the background once enough have accumulated.
 * Updates that arrive from other servers through Redis are stored too, although the server that received them from
 * a client stores them as well: otherwise an update relayed just before that server crashed would live only in
 * memory (a client reconnecting to this server has nothing left to resend). Yjs merges are idempotent, so the
 * duplicate rows cost space until the next compaction, never correctness.
 */
import { appendDocumentUpdate, compactDocument, loadDocumentState, type PrismaClient } from "@crux/db";
import type {
  afterUnloadDocumentPayload,
  Extension,
  onChangePayload,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
} from "@hocuspocus/server";
import * as Y from "yjs";
import { refusal } from "./access";
import { errorMessage, type Logger } from "./log";

export type PersistenceOptions = {
  /** Longest time an update waits in memory before it is written. */
  flushIntervalMs: number;
  /** Write at once when this many updates are waiting. */
  flushMaxUpdates: number;
  /** Compact a notebook's rows after this many appends by this server. */
  compactAfterRows: number;
  /** Wait before retrying a failed write (the updates stay buffered meanwhile). */
  retryDelayMs: number;
};

export const DEFAULT_PERSISTENCE: PersistenceOptions = {
  flushIntervalMs: 100,
  flushMaxUpdates: 500,
  compactAfterRows: 200,
  retryDelayMs: 500,
};

/** Reported after each committed row: how long the oldest update in it waited (the persistence lag). */
export type FlushReport = { notebookId: string; updates: number; bytes: number; lagMs: number };

type Store = {
  load(notebookId: string): Promise<Uint8Array | null>;
  append(notebookId: string, update: Uint8Array): Promise<void>;
  compact(notebookId: string): Promise<number>;
};

/** One notebook's updates waiting to be written; writes and compactions run one at a time, in order. */
class UpdateBuffer {
  private pending: Uint8Array[] = [];
  private oldestPendingAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private queue: Promise<void> = Promise.resolve();
  private appendsSinceCompaction = 0;
  private writing = 0;

  constructor(
    private readonly notebookId: string,
    private readonly store: Store,
    private readonly options: PersistenceOptions,
    private readonly log: Logger,
    private readonly onFlushed: (report: FlushReport) => void,
  ) {}

  /** Updates not yet in PostgreSQL: waiting, or in a write that has not committed. */
  get pendingUpdates(): number {
    return this.pending.length + this.writing;
  }

  add(update: Uint8Array): void {
    if (this.pending.length === 0) this.oldestPendingAt = performance.now();
    this.pending.push(update);
    if (this.pending.length >= this.options.flushMaxUpdates) void this.flush();
    else this.schedule(this.options.flushIntervalMs);
  }

  /** Writes what is pending now; resolves when that write (and any before it) has been attempted. */
  flush(): Promise<void> {
    this.cancelTimer();
    return this.enqueue(() => this.writePending());
  }

  /** Writes what is pending, then lists what could not be written (kept here and retried). */
  async flushAndListUnwritten(): Promise<Uint8Array[]> {
    await this.flush();
    return [...this.pending];
  }

  compact(): Promise<void> {
    return this.enqueue(() => this.compactNow());
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(task);
    return this.queue;
  }

  private schedule(delayMs: number): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, delayMs);
  }

  private cancelTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async writePending(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    const oldestAt = this.oldestPendingAt;
    this.pending = [];
    const merged = batch.length === 1 ? (batch[0] as Uint8Array) : Y.mergeUpdates(batch);
    this.writing = batch.length;
    try {
      await this.store.append(this.notebookId, merged);
    } catch (error) {
      // Keep the updates (merged, ahead of newer ones) and try again: they are in no database yet.
      this.pending = [merged, ...this.pending];
      this.oldestPendingAt = oldestAt;
      this.log.error("persist-failed", {
        documentName: this.notebookId,
        updates: batch.length,
        retryInMs: this.options.retryDelayMs,
        error: errorMessage(error),
      });
      this.schedule(this.options.retryDelayMs);
      return;
    } finally {
      this.writing = 0;
    }
    this.onFlushed({
      notebookId: this.notebookId,
      updates: batch.length,
      bytes: merged.byteLength,
      lagMs: performance.now() - oldestAt,
    });
    this.appendsSinceCompaction += 1;
    if (this.appendsSinceCompaction >= this.options.compactAfterRows) await this.compactNow();
  }

  private async compactNow(): Promise<void> {
    if (this.appendsSinceCompaction === 0) return;
    try {
      const merged = await this.store.compact(this.notebookId);
      this.appendsSinceCompaction = 0;
      this.log.info("document-compacted", { documentName: this.notebookId, rows: merged });
    } catch (error) {
      // Nothing is lost: compaction is one transaction, so a failure leaves every row in place.
      this.log.error("compaction-failed", { documentName: this.notebookId, error: errorMessage(error) });
    }
  }
}

export class DurablePersistence implements Extension {
  extensionName = "crux-persistence";
  private readonly buffers = new Map<string, UpdateBuffer>();
  private readonly store: Store;

  constructor(
    db: PrismaClient,
    private readonly log: Logger,
    private readonly options: PersistenceOptions = DEFAULT_PERSISTENCE,
    private readonly onFlushed: (report: FlushReport) => void = () => {},
  ) {
    this.store = {
      load: (notebookId) => loadDocumentState(db, notebookId),
      append: (notebookId, update) => appendDocumentUpdate(db, notebookId, update),
      compact: (notebookId) => compactDocument(db, notebookId),
    };
  }

  /**
   * The stored state, applied by Hocuspocus before anyone syncs. Never seeds: a notebook without rows is empty.
   * A notebook unloaded a moment ago may still have updates on their way to PostgreSQL (or waiting for it to come
   * back): the load waits for that write and adds whatever is still unwritten, so a quick reconnect never gets a
   * document older than what its clients were just shown.
   */
  async onLoadDocument({ documentName, socketId }: onLoadDocumentPayload): Promise<Uint8Array | undefined> {
    const started = performance.now();
    try {
      const unwritten = await this.buffers.get(documentName)?.flushAndListUnwritten();
      const stored = await this.store.load(documentName);
      const state = unwritten?.length ? Y.mergeUpdates(stored ? [stored, ...unwritten] : unwritten) : stored;
      this.log.info("document-loaded", {
        documentName,
        bytes: state?.byteLength ?? 0,
        ms: Math.round(performance.now() - started),
      });
      return state ?? undefined;
    } catch (error) {
      this.log.error("document-load-failed", { documentName, socketId, error: errorMessage(error) });
      throw refusal("document-load-failed");
    }
  }

  /** Runs synchronously for every document update; must never throw (Hocuspocus does not await or catch it). */
  onChange({ documentName, update }: onChangePayload): Promise<void> {
    this.bufferFor(documentName).add(update);
    return Promise.resolve();
  }

  async onStoreDocument({ documentName }: onStoreDocumentPayload): Promise<void> {
    await this.buffers.get(documentName)?.flush();
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    const buffer = this.buffers.get(documentName);
    if (!buffer) return;
    await buffer.flush();
    await buffer.compact();
    if (buffer.pendingUpdates === 0) this.buffers.delete(documentName);
  }

  async onDestroy(): Promise<void> {
    await this.flushAll();
  }

  /** Writes everything pending; returns how many updates could not be written (database unreachable). */
  async flushAll(): Promise<number> {
    await Promise.all([...this.buffers.values()].map((buffer) => buffer.flush()));
    return this.pendingUpdates();
  }

  pendingUpdates(): number {
    return [...this.buffers.values()].reduce((total, buffer) => total + buffer.pendingUpdates, 0);
  }

  private bufferFor(notebookId: string): UpdateBuffer {
    let buffer = this.buffers.get(notebookId);
    if (!buffer) {
      buffer = new UpdateBuffer(notebookId, this.store, this.options, this.log, this.onFlushed);
      this.buffers.set(notebookId, buffer);
    }
    return buffer;
  }
}
