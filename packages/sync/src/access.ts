/**
 * Who may open a notebook on the sync server, and whether they may write. Each connection presents a sync token
 * (issued by the API); it is verified, then membership and role are re-checked in PostgreSQL, because a token may
 * outlive a change of role or the notebook's deletion. The effective role is the lower of the two, so a stale token
 * can never grant more than the database does. Commenters and viewers connect read-only: Hocuspocus then refuses
 * every document update they send (it is never applied, persisted or relayed). The same rules re-check open
 * connections periodically (access-recheck.ts), through `storedRoles` and `isLower`.
 */
import { NotebookVisibility, type PrismaClient } from "@crux/db";
import { SyncTokenError, type SyncTokenRole, verifySyncToken } from "@crux/sync-token";
import type { Extension, onAuthenticatePayload } from "@hocuspocus/server";
import { errorMessage, type Logger } from "./log";

export type SyncContext = {
  userId: string;
  role: SyncTokenRole;
  name: string;
  color: string;
};

const RANK: Record<SyncTokenRole, number> = { VIEWER: 0, COMMENTER: 1, EDITOR: 2, OWNER: 3 };
const WRITING_ROLES = new Set<SyncTokenRole>(["OWNER", "EDITOR"]);

/** Thrown from hooks to refuse a connection: Hocuspocus sends `reason` to the client with the refusal. */
export type SyncRefusal = { reason: string };

export function refusal(reason: string): SyncRefusal {
  return { reason };
}

export function canWrite(role: SyncTokenRole): boolean {
  return WRITING_ROLES.has(role);
}

export function isLower(role: SyncTokenRole, than: SyncTokenRole): boolean {
  return RANK[role] < RANK[than];
}

export function lowerRole(a: SyncTokenRole, b: SyncTokenRole): SyncTokenRole {
  return isLower(a, b) ? a : b;
}

/** A user's role in a notebook per the database, or null when they may not see it (or it is deleted). */
export type StoredRoleOf = (userId: string) => SyncTokenRole | null;

/**
 * Reads the roles of the given users in one query. Members have their role; anyone else sees a public notebook as a
 * viewer and a private one not at all; nobody sees a deleted notebook.
 */
export async function storedRoles(
  db: PrismaClient,
  notebookId: string,
  userIds: string[],
): Promise<StoredRoleOf> {
  const notebook = await db.notebook.findFirst({
    where: { id: notebookId, deletedAt: null },
    select: {
      visibility: true,
      members: { where: { userId: { in: userIds } }, select: { userId: true, role: true } },
    },
  });
  if (!notebook) return () => null;
  const roles = new Map<string, SyncTokenRole>(
    notebook.members.map((member) => [member.userId, member.role]),
  );
  const outsiderRole = notebook.visibility === NotebookVisibility.PUBLIC ? "VIEWER" : null;
  return (userId) => roles.get(userId) ?? outsiderRole;
}

export class AccessControl implements Extension {
  extensionName = "crux-access";
  private shuttingDown = false;

  constructor(
    private readonly db: PrismaClient,
    private readonly secret: string,
    private readonly log: Logger,
  ) {}

  async onAuthenticate({
    token,
    documentName,
    connectionConfig,
    socketId,
  }: onAuthenticatePayload<SyncContext>): Promise<SyncContext> {
    // A document opened during shutdown could take edits after the final flush: send the client elsewhere.
    if (this.shuttingDown) throw this.refuse("server-shutting-down", { documentName, socketId });
    const claims = await this.verifiedClaims(token, documentName, socketId);
    const storedRole = await this.storedRole(claims.userId, documentName, socketId);
    if (!storedRole)
      throw this.refuse("notebook-not-found", { documentName, socketId, userId: claims.userId });
    const role = lowerRole(storedRole, claims.role);
    connectionConfig.readOnly = !canWrite(role);
    this.log.info("connection-authenticated", { documentName, socketId, userId: claims.userId, role });
    return { userId: claims.userId, role, name: claims.name, color: claims.color };
  }

  refuseNewConnections(): void {
    this.shuttingDown = true;
  }

  private async verifiedClaims(token: string, documentName: string, socketId: string) {
    try {
      const claims = await verifySyncToken(token, this.secret);
      if (claims.notebookId !== documentName)
        throw this.refuse("token-for-another-notebook", { documentName, socketId, userId: claims.userId });
      return claims;
    } catch (error) {
      if (error instanceof SyncTokenError)
        throw this.refuse(`token-${error.reason}`, { documentName, socketId, detail: error.message });
      throw error;
    }
  }

  private async storedRole(
    userId: string,
    notebookId: string,
    socketId: string,
  ): Promise<SyncTokenRole | null> {
    try {
      return (await storedRoles(this.db, notebookId, [userId]))(userId);
    } catch (error) {
      this.log.error("membership-check-failed", {
        documentName: notebookId,
        socketId,
        error: errorMessage(error),
      });
      throw refusal("server-unavailable");
    }
  }

  private refuse(reason: string, fields: Record<string, unknown>): SyncRefusal {
    this.log.warn("connection-refused", { reason, ...fields });
    return refusal(reason);
  }
}
