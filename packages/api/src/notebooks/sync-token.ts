/**
 * The ticket a browser needs to open a notebook on the sync server: a short-lived token signed with the secret the
 * API shares with the sync server (@crux/sync-token), naming the user, the notebook and the user's role in it. The
 * sync server verifies it and re-checks the role in PostgreSQL on every connection.
 */
import { NotebookRole } from "@crux/db";
import { signSyncToken } from "@crux/sync-token";
import { z } from "zod";
import { hasRole, requireNotebookRole } from "../access";
import { apiEnv } from "../env";
import type { AuthedContext } from "../trpc";

/** Short, because the client fetches a fresh token for every (re)connection. */
export const SYNC_TOKEN_TTL_SECONDS = 60;

export const syncTokenOutput = z.object({
  token: z.string(),
  /** The sync server's address as the browser reaches it. */
  url: z.string(),
  role: z.enum(NotebookRole),
  /** Commenters and viewers: the sync server refuses every change they send. */
  readOnly: z.boolean(),
  /** The identity the sync server shows to the others in presence. */
  user: z.object({ id: z.string(), name: z.string(), color: z.string() }),
});

export async function issueSyncToken(ctx: AuthedContext, notebookId: string) {
  const { role } = await requireNotebookRole(ctx, notebookId, NotebookRole.VIEWER);
  const { CRUX_SYNC_SECRET, CRUX_SYNC_URL } = apiEnv();
  const user = { id: ctx.user.id, name: ctx.user.name, color: ctx.user.color };
  const token = await signSyncToken(
    { userId: user.id, notebookId, role, name: user.name, color: user.color },
    { secret: CRUX_SYNC_SECRET, ttlSeconds: SYNC_TOKEN_TTL_SECONDS },
  );
  return { token, url: CRUX_SYNC_URL, role, readOnly: !hasRole(role, NotebookRole.EDITOR), user };
}
