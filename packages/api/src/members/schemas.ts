/** What the member procedures accept and return, as zod schemas: the router's contract with its clients. */
import { NotebookRole, NotebookVisibility } from "@crux/db";
import { z } from "zod";
import { notebookIdSchema } from "../notebooks/schemas";

/** The roles an owner can give; ownership itself is never handed out or taken here. */
export const SHARED_ROLES = [NotebookRole.EDITOR, NotebookRole.COMMENTER, NotebookRole.VIEWER] as const;
const sharedRoleSchema = z.enum(SHARED_ROLES, "must be EDITOR, COMMENTER or VIEWER");

// better-auth stores emails in lower case, so the lookup matches however the owner typed it.
const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("must be an email address such as ada@example.com"));
const userIdSchema = z.string().min(1, "must not be empty").max(100, "must be at most 100 characters");

export const notebookMembersInput = z.object({ notebookId: notebookIdSchema });
export const addMemberInput = z.object({
  notebookId: notebookIdSchema,
  email: emailSchema,
  role: sharedRoleSchema,
});
export const setRoleInput = z.object({
  notebookId: notebookIdSchema,
  userId: userIdSchema,
  role: sharedRoleSchema,
});
export const removeMemberInput = z.object({ notebookId: notebookIdSchema, userId: userIdSchema });
export const setVisibilityInput = z.object({
  notebookId: notebookIdSchema,
  visibility: z.enum(NotebookVisibility, "must be PRIVATE or PUBLIC"),
});

export const memberOutput = z.object({
  userId: z.string(),
  name: z.string(),
  /** Shown to the owner only: members see each other's names, not their addresses. */
  email: z.string().nullable(),
  role: z.enum(NotebookRole),
});
export const memberListOutput = z.object({
  visibility: z.enum(NotebookVisibility),
  /** The caller's role: a member's own, or VIEWER for someone reading a public notebook. */
  yourRole: z.enum(NotebookRole),
  /** The owner first, then everyone else by name. */
  members: z.array(memberOutput),
});
export const removeMemberOutput = z.object({ notebookId: z.string(), userId: z.string() });
export const visibilityOutput = z.object({ notebookId: z.string(), visibility: z.enum(NotebookVisibility) });
