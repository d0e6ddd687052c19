/**
 * Revocation of open connections. Access is decided at connect (access.ts), but an owner may later demote or remove
 * a member, make a public notebook private, or delete the notebook. Every `intervalMs`, each open document's
 * connected users are re-checked with one query, by the same rules as at connect; a connection whose role would now
 * be lower than the one it was granted (or none) is closed with `access-changed`. The client reconnects with a
 * fresh token from the API, which carries the new role, or is refused. A raised role closes nothing: it takes
 * effect at the next connection, and closing would only interrupt the user.
 */
import type { PrismaClient } from "@crux/db";
import type { Connection, Document } from "@hocuspocus/server";
import { isLower, type StoredRoleOf, type SyncContext, storedRoles } from "./access";
import { errorMessage, type Logger } from "./log";

export const DEFAULT_ACCESS_RECHECK_MS = 5_000;

/** Close code and reason sent with a connection closed because its access was lowered. */
export const ACCESS_CHANGED = { code: 4403, reason: "access-changed" } as const;

export type AccessRecheckStats = {
  /** Completed rounds over the open documents. */
  rounds: number;
  /** Documents re-checked successfully (documents without connections are skipped). */
  documentChecks: number;
};

export class AccessRecheck {
  readonly stats: AccessRecheckStats = { rounds: 0, documentChecks: 0 };
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly db: PrismaClient,
    private readonly documents: () => Iterable<Document>,
    private readonly intervalMs: number,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** The next round starts `intervalMs` after the previous one ended, so rounds never overlap. */
  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.round().finally(() => this.schedule()), this.intervalMs);
  }

  /** One query at a time, so that many open notebooks never burst the database's connection pool. */
  private async round(): Promise<void> {
    for (const document of [...this.documents()]) {
      if (this.stopped) return;
      const connections = document.getConnections();
      if (connections.length > 0) await this.recheck(document.name, connections);
    }
    this.stats.rounds += 1;
  }

  /**
   * Only the connections open before the query are judged: one authenticated meanwhile was checked against data at
   * least as fresh. A failed query keeps every connection as it is until the next round.
   */
  private async recheck(notebookId: string, connections: Connection[]): Promise<void> {
    const userIds = [...new Set(connections.map((connection) => contextOf(connection).userId))];
    let roleOf: StoredRoleOf;
    try {
      roleOf = await storedRoles(this.db, notebookId, userIds);
    } catch (error) {
      this.log.error("access-recheck-failed", { documentName: notebookId, error: errorMessage(error) });
      return;
    }
    this.stats.documentChecks += 1;
    for (const connection of connections) {
      const { userId, role } = contextOf(connection);
      const stored = roleOf(userId);
      if (stored && !isLower(stored, role)) continue;
      this.revoke(notebookId, connection, role, stored);
    }
  }

  private revoke(
    notebookId: string,
    connection: Connection,
    granted: SyncContext["role"],
    stored: SyncContext["role"] | null,
  ): void {
    if (!connection.document.hasConnection(connection)) return;
    // Messages already queued on this connection must not be applied with the old rights.
    connection.readOnly = true;
    this.log.warn("connection-closed-for-access-change", {
      documentName: notebookId,
      socketId: connection.socketId,
      userId: contextOf(connection).userId,
      granted,
      now: stored ?? "none",
    });
    connection.webSocket.close(ACCESS_CHANGED.code, ACCESS_CHANGED.reason);
  }
}

function contextOf(connection: Connection): SyncContext {
  return connection.context as SyncContext;
}
