"use client";
/**
 * One Y.Doc per open notebook, connected to the sync server. The hook owns the document's lifetime: made on mount,
 * disconnected and destroyed on unmount (a new page visit gets a fresh document, filled by the server and the
 * browser's offline copy).
 */
import { connectNotebook, type NotebookConnection, type SyncStatus } from "@crux/sync/client";
import { useEffect, useState } from "react";
import * as Y from "yjs";
import { useTRPCClient } from "@/lib/trpc";

export type ConnectionState = {
  doc: Y.Doc | null;
  connection: NotebookConnection | null;
  status: SyncStatus;
  /** True once the document has been filled by the server at least once. */
  ready: boolean;
  /** The server's reason for refusing this connection (no access any more, notebook deleted...). */
  refused: string | null;
};

const INITIAL: ConnectionState = {
  doc: null,
  connection: null,
  status: "offline",
  ready: false,
  refused: null,
};

// The provider reports a failed token fetch (the API unreachable) as a refusal too; that one is being offline.
const TOKEN_FETCH_FAILURE = "Failed to get token";

export function useNotebookConnection(notebookId: string, syncUrl: string): ConnectionState {
  const client = useTRPCClient();
  const [state, setState] = useState<ConnectionState>(INITIAL);

  useEffect(() => {
    const doc = new Y.Doc();
    const connection = connectNotebook({
      url: syncUrl,
      notebookId,
      // A fresh token per (re)connection: they live a minute, a reconnection may come hours later.
      token: async () => (await client.notebook.syncToken.mutate({ id: notebookId })).token,
      doc,
      offline: true,
      onRefused: (reason) => {
        if (!reason.startsWith(TOKEN_FETCH_FAILURE)) setState((current) => ({ ...current, refused: reason }));
      },
    });
    const update = (status: SyncStatus) =>
      setState((current) => ({
        ...current,
        status,
        ready: current.ready || (status !== "offline" && connection.provider.synced),
        refused: status === "offline" ? current.refused : null,
      }));
    setState({ ...INITIAL, doc, connection });
    const stop = connection.onStatus(update);
    update(connection.status);
    return () => {
      stop();
      void connection.destroy();
      doc.destroy();
    };
  }, [client, notebookId, syncUrl]);

  return state;
}

/** Words for a refusal reason from the sync server. */
export function describeRefusal(reason: string): string {
  if (reason === "notebook-not-found")
    return "This notebook was deleted, or you no longer have access to it.";
  if (reason.startsWith("token-"))
    return "The sync server did not accept this session. Reload the page; if it happens again, sign in again.";
  return `The sync server refused the connection (${reason}).`;
}
