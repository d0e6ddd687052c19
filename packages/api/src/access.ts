/**
 * Who may do what with a notebook, decided here and nowhere else.
 * A notebook the caller may not see (private and not a member, deleted, or nonexistent) does not exist for them:
 * NOT_FOUND, never FORBIDDEN, so its existence does not leak. A visible notebook with too low a role is FORBIDDEN.
 */
import { type Notebook, NotebookRole, NotebookVisibility } from "@crux/db";
import { TRPCError } from "@trpc/server";
import type { AuthedContext } from "./trpc";

const RANK: Record<NotebookRole, number> = { VIEWER: 0, COMMENTER: 1, EDITOR: 2, OWNER: 3 };
const ROLE_NAMES: Record<NotebookRole, string> = {
  VIEWER: "a viewer",
  COMMENTER: "a commenter",
  EDITOR: "an editor",
  OWNER: "the owner",
};

export function hasRole(role: NotebookRole, minimum: NotebookRole): boolean {
  return RANK[role] >= RANK[minimum];
}

export async function requireNotebookRole(
  ctx: AuthedContext,
  notebookId: string,
  minimum: NotebookRole,
): Promise<{ notebook: Notebook; role: NotebookRole }> {
  const notebook = await ctx.prisma.notebook.findFirst({
    where: { id: notebookId, deletedAt: null },
    include: { members: { where: { userId: ctx.user.id } } },
  });
  const role =
    notebook?.members[0]?.role ??
    (notebook?.visibility === NotebookVisibility.PUBLIC ? NotebookRole.VIEWER : null);
  if (!notebook || !role) throw new TRPCError({ code: "NOT_FOUND", message: "notebook not found" });
  if (!hasRole(role, minimum))
    throw new TRPCError({
      code: "FORBIDDEN",
      message: `this needs ${minimum.toLowerCase()} access to the notebook, and you are ${ROLE_NAMES[role]}`,
    });
  const { members: _members, ...plain } = notebook;
  return { notebook: plain, role };
}
