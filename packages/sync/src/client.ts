/**
 * The client side of co-editing, for browsers and Node: connects a notebook's Y.Doc to the sync server through
 * HocuspocusProvider and, in browsers with offline persistence on, keeps the document in IndexedDB (y-indexeddb)
 * so that edits made offline survive a reload and merge when the connection returns.
 *
 * status: "offline" (no connection), "syncing" (connected, handshake or local changes not yet acknowledged),
 * "online" (connected and everything local acknowledged by the server).
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from "@hocuspocus/provider";
import { IndexeddbPersistence } from "y-indexeddb";
import type * as Y from "yjs";

export type SyncStatus = "online" | "syncing" | "offline";

export type ConnectNotebookOptions = {
  /** ws:// or wss:// address of the sync server. */
  url: string;
  notebookId: string;
  /** A sync token, or a function returning a fresh one (called on every (re)connection). */
  token: string | (() => Promise<string>);
  doc: Y.Doc;
  /** Keep the document in IndexedDB too (browsers only; ignored where IndexedDB does not exist). */
  offline?: boolean;
  /** A WebSocket implementation for Node (`ws`); browsers use their own. */
  WebSocketPolyfill?: unknown;
  /** Reconnection back-off bounds (default 1 s to 30 s). */
  reconnect?: { minDelayMs: number; maxDelayMs: number };
  /** Called when the server refuses the connection, with its reason (e.g. "token-expired"). */
  onRefused?: (reason: string) => void;
};

export type NotebookConnection = {
  readonly provider: HocuspocusProvider;
  readonly status: SyncStatus;
  /** True once the server has said this connection may not write (commenters and viewers). */
  readonly readOnly: boolean;
  /** Calls back on every status change; returns an unsubscribe function. */
  onStatus(listener: (status: SyncStatus) => void): () => void;
  /** Resolves the next time the status is "online". */
  whenOnline(): Promise<void>;
  /** Sets this user's presence fields (the server adds name and colour). */
  setPresence(presence: { cell?: string | null; cursor?: { anchor: number; head: number } | null }): void;
  destroy(): Promise<void>;
};

export function connectNotebook(options: ConnectNotebookOptions): NotebookConnection {
  const local = options.offline && typeof indexedDB !== "undefined" ? openLocalCopy(options) : undefined;
  const listeners = new Set<(status: SyncStatus) => void>();
  let status: SyncStatus = "offline";
  let destroyed = false;

  const socket = new HocuspocusProviderWebsocket({
    url: options.url,
    ...(options.WebSocketPolyfill !== undefined && { WebSocketPolyfill: options.WebSocketPolyfill }),
    ...(options.reconnect && {
      delay: options.reconnect.minDelayMs,
      minDelay: options.reconnect.minDelayMs,
      maxDelay: options.reconnect.maxDelayMs,
    }),
  });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: options.notebookId,
    document: options.doc,
    token: options.token,
    onAuthenticationFailed: ({ reason }) => options.onRefused?.(reason),
  });
  provider.attach();

  const update = () => {
    const next = currentStatus(provider);
    if (next === status) return;
    status = next;
    for (const listener of listeners) listener(status);
  };
  provider.on("status", update);
  provider.on("synced", update);
  provider.on("unsyncedChanges", update);
  provider.on("close", update);

  const onStatus = (listener: (status: SyncStatus) => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };

  return {
    provider,
    get status() {
      return status;
    },
    get readOnly() {
      return provider.authorizedScope === "readonly";
    },
    onStatus,
    whenOnline() {
      if (status === "online") return Promise.resolve();
      return new Promise((resolve) => {
        const unsubscribe = onStatus((next) => {
          if (next !== "online") return;
          unsubscribe();
          resolve();
        });
      });
    },
    setPresence(presence) {
      for (const [field, value] of Object.entries(presence)) provider.setAwarenessField(field, value);
    },
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      listeners.clear();
      provider.destroy();
      socket.destroy();
      await local?.destroy();
    },
  };
}

function currentStatus(provider: HocuspocusProvider): SyncStatus {
  if (provider.configuration.websocketProvider.status !== WebSocketStatus.Connected) return "offline";
  return provider.synced && !provider.hasUnsyncedChanges ? "online" : "syncing";
}

function openLocalCopy(options: ConnectNotebookOptions): IndexeddbPersistence {
  return new IndexeddbPersistence(`crux-notebook-${options.notebookId}`, options.doc);
}
