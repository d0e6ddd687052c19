/**
 * Limits and bad input. Each incoming message of an established connection is checked before Hocuspocus applies
 * it: its size, its structure (message-check.ts), the connection's message rate (a token bucket) and, for document
 * updates, the size the document would reach. A violation closes that one WebSocket with a close code and reason,
 * and is logged; other connections, even on the same notebook, are untouched.
 */
import type { beforeHandleMessagePayload, Connection, Document, Extension } from "@hocuspocus/server";
import * as Y from "yjs";
import type { Logger } from "./log";
import { checkMessage } from "./message-check";

export type SyncLimits = {
  /** Largest WebSocket message accepted (bytes). */
  maxMessageBytes: number;
  /** Largest encoded document state (bytes) that updates may grow a notebook to. */
  maxDocumentBytes: number;
  /** Sustained messages per second per connection… */
  messagesPerSecond: number;
  /** …with bursts up to this many. */
  messageBurst: number;
};

export const DEFAULT_LIMITS: SyncLimits = {
  maxMessageBytes: 1024 * 1024,
  maxDocumentBytes: 16 * 1024 * 1024,
  messagesPerSecond: 200,
  messageBurst: 500,
};

export const CLOSE_CODES = {
  malformed: 4400,
  documentTooLarge: 4413,
  rateLimited: 4429,
  messageTooLarge: 1009,
} as const;

type Violation = { code: number; reason: string; detail?: string };

class TokenBucket {
  private tokens: number;
  private updatedAt = performance.now();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  take(): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.perSecond);
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * A cheap upper-bound estimate of a document's encoded size: measured exactly now and then, plus the bytes of the
 * updates accepted since. Measured again whenever the estimate would pass the limit, so the decision is exact.
 */
class DocumentSize {
  private measured: number;
  private addedSinceMeasure = 0;

  constructor(private readonly document: Document) {
    this.measured = Y.encodeStateAsUpdate(document).byteLength;
  }

  wouldExceed(updateBytes: number, limit: number): boolean {
    if (this.measured + this.addedSinceMeasure + updateBytes <= limit) return false;
    this.measured = Y.encodeStateAsUpdate(this.document).byteLength;
    this.addedSinceMeasure = 0;
    return this.measured + updateBytes > limit;
  }

  accept(updateBytes: number): void {
    this.addedSinceMeasure += updateBytes;
  }
}

export class MessageLimits implements Extension {
  extensionName = "crux-limits";
  // Runs before the other extensions' beforeHandleMessage hooks.
  priority = 200;
  private readonly buckets = new WeakMap<Connection, TokenBucket>();
  private readonly sizes = new WeakMap<Document, DocumentSize>();

  constructor(
    private readonly limits: SyncLimits,
    private readonly log: Logger,
  ) {}

  async beforeHandleMessage({ connection, document, update, documentName }: beforeHandleMessagePayload) {
    const violation = this.check(connection, document, update);
    if (!violation) return;
    this.log.warn("connection-closed-for-violation", {
      documentName,
      socketId: connection.socketId,
      code: violation.code,
      reason: violation.reason,
      detail: violation.detail,
      bytes: update.byteLength,
    });
    connection.webSocket.close(violation.code, violation.reason);
    throw { code: violation.code, reason: violation.reason };
  }

  private check(connection: Connection, document: Document, message: Uint8Array): Violation | null {
    if (message.byteLength > this.limits.maxMessageBytes)
      return { code: CLOSE_CODES.messageTooLarge, reason: "message-too-large" };
    if (!this.bucketFor(connection).take()) return { code: CLOSE_CODES.rateLimited, reason: "rate-limited" };
    const checked = checkMessage(message);
    if (!checked.ok)
      return { code: CLOSE_CODES.malformed, reason: "malformed-message", detail: checked.reason };
    const update = checked.summary.documentUpdate;
    if (!update || connection.readOnly) return null;
    const size = this.sizeOf(document);
    if (size.wouldExceed(update.byteLength, this.limits.maxDocumentBytes))
      return { code: CLOSE_CODES.documentTooLarge, reason: "document-too-large" };
    size.accept(update.byteLength);
    return null;
  }

  private bucketFor(connection: Connection): TokenBucket {
    let bucket = this.buckets.get(connection);
    if (!bucket) {
      bucket = new TokenBucket(this.limits.messagesPerSecond, this.limits.messageBurst);
      this.buckets.set(connection, bucket);
    }
    return bucket;
  }

  private sizeOf(document: Document): DocumentSize {
    let size = this.sizes.get(document);
    if (!size) {
      size = new DocumentSize(document);
      this.sizes.set(document, size);
    }
    return size;
  }
}
