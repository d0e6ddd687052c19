/**
 * Sharing a notebook: its members and roles, and whether anyone signed in may read it. Plain functions over the
 * database; who may do what is decided by `requireNotebookRole`, and the rules about the owner here.
 */
import { NotebookRole, type NotebookVisibility, type Prisma } from "@crux/db";
import { TRPCError } from "@trpc/server";
import { requireNotebookRole } from "../access";
import type { AuthedContext } from "../trpc";

const memberSelect = {
  role: true,
  user: { select: { id: true, name: true, email: true } },
} satisfies Prisma.NotebookMemberSelect;

type MemberRow = Prisma.NotebookMemberGetPayload<{ select: typeof memberSelect }>;

function describeMember({ role, user }: MemberRow, showEmail: boolean) {
  return { userId: user.id, name: user.name, email: showEmail ? user.email : null, role };
}

export async function listMembers(ctx: AuthedContext, notebookId: string) {
  const { notebook, role } = await requireNotebookRole(ctx, notebookId, NotebookRole.VIEWER);
  const rows = await ctx.prisma.notebookMember.findMany({
    where: { notebookId },
    select: memberSelect,
    orderBy: { user: { name: "asc" } },
  });
  const showEmail = role === NotebookRole.OWNER;
  const members = rows
    .map((row) => describeMember(row, showEmail))
    .sort((a, b) => Number(b.role === NotebookRole.OWNER) - Number(a.role === NotebookRole.OWNER));
  return { visibility: notebook.visibility, yourRole: role, members };
}

/** Gives the person with that email a role in the notebook; someone already a member gets the new role. */
export async function addMember(ctx: AuthedContext, notebookId: string, email: string, role: NotebookRole) {
  const { notebook } = await requireNotebookRole(ctx, notebookId, NotebookRole.OWNER);
  const user = await ctx.prisma.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) throw new TRPCError({ code: "NOT_FOUND", message: "no Crux account uses that email" });
  refuseOwnerChange(notebook.ownerId, user.id);
  const row = await ctx.prisma.notebookMember.upsert({
    where: { notebookId_userId: { notebookId, userId: user.id } },
    create: { notebookId, userId: user.id, role },
    update: { role },
    select: memberSelect,
  });
  return describeMember(row, true);
}

export async function setMemberRole(
  ctx: AuthedContext,
  notebookId: string,
  userId: string,
  role: NotebookRole,
) {
  const { notebook } = await requireNotebookRole(ctx, notebookId, NotebookRole.OWNER);
  refuseOwnerChange(notebook.ownerId, userId);
  await requireMember(ctx, notebookId, userId);
  const row = await ctx.prisma.notebookMember.update({
    where: { notebookId_userId: { notebookId, userId } },
    data: { role },
    select: memberSelect,
  });
  return describeMember(row, true);
}

/** The owner removes anyone else; any other member may remove themselves (leave). */
export async function removeMember(ctx: AuthedContext, notebookId: string, userId: string) {
  const leaving = userId === ctx.user.id;
  const { notebook } = await requireNotebookRole(
    ctx,
    notebookId,
    leaving ? NotebookRole.VIEWER : NotebookRole.OWNER,
  );
  refuseOwnerChange(notebook.ownerId, userId);
  await requireMember(ctx, notebookId, userId);
  await ctx.prisma.notebookMember.delete({ where: { notebookId_userId: { notebookId, userId } } });
  return { notebookId, userId };
}

/** PUBLIC: anyone signed in who has the link can read the notebook (as a viewer); PRIVATE: members only. */
export async function setVisibility(ctx: AuthedContext, notebookId: string, visibility: NotebookVisibility) {
  await requireNotebookRole(ctx, notebookId, NotebookRole.OWNER);
  await ctx.prisma.notebook.update({ where: { id: notebookId }, data: { visibility } });
  return { notebookId, visibility };
}

/**
 * A notebook always has its owner: they can neither leave nor lose the role (deleting the notebook is how an owner
 * is done with it), and no one else can take it from them.
 */
function refuseOwnerChange(ownerId: string, userId: string) {
  if (userId === ownerId)
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: "the owner keeps the notebook: their role cannot be changed and they cannot be removed",
    });
}

async function requireMember(ctx: AuthedContext, notebookId: string, userId: string) {
  const member = await ctx.prisma.notebookMember.findUnique({
    where: { notebookId_userId: { notebookId, userId } },
    select: { id: true },
  });
  if (!member)
    throw new TRPCError({ code: "NOT_FOUND", message: "that person is not a member of this notebook" });
}
