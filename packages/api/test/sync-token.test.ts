import { NotebookRole } from "@crux/db";
import { verifySyncToken } from "@crux/sync-token";
import { describe, expect, it } from "vitest";
import { apiEnv } from "../src/env";
import { anonymous, prisma, rejection, signUp } from "./fixtures";

const { CRUX_SYNC_SECRET, CRUX_SYNC_URL } = apiEnv();

describe("notebook.syncToken", () => {
  it("issues a one-minute token for the caller's role that the sync server's verification accepts", async () => {
    const { caller, user } = await signUp("Ada");
    const { id } = await caller.notebook.create({ title: "Shared" });
    const issued = await caller.notebook.syncToken({ id });
    expect(issued).toEqual({
      token: expect.any(String),
      url: CRUX_SYNC_URL,
      role: "OWNER",
      readOnly: false,
      user: { id: user.id, name: "Ada", color: user.color },
    });
    const claims = await verifySyncToken(issued.token, CRUX_SYNC_SECRET);
    expect(claims).toMatchObject({
      userId: user.id,
      notebookId: id,
      role: "OWNER",
      name: "Ada",
      color: user.color,
    });
    const lifetimeMs = claims.expiresAt.getTime() - Date.now();
    expect(lifetimeMs).toBeGreaterThan(0);
    expect(lifetimeMs).toBeLessThanOrEqual(60_000);
  });

  it("marks commenters and viewers read-only, and gives anyone signed in viewer access to a public notebook", async () => {
    const owner = await signUp("Owner");
    const { id } = await owner.caller.notebook.create({ title: "Members" });
    const roles = [NotebookRole.EDITOR, NotebookRole.COMMENTER, NotebookRole.VIEWER];
    for (const role of roles) {
      const member = await signUp(role);
      await prisma.notebookMember.create({ data: { notebookId: id, userId: member.user.id, role } });
      const issued = await member.caller.notebook.syncToken({ id });
      expect({ role: issued.role, readOnly: issued.readOnly }).toEqual({ role, readOnly: role !== "EDITOR" });
      expect((await verifySyncToken(issued.token, CRUX_SYNC_SECRET)).role).toBe(role);
    }

    const visitor = await signUp("Visitor");
    expect((await rejection(visitor.caller.notebook.syncToken({ id }))).code).toBe("NOT_FOUND");
    await prisma.notebook.update({ where: { id }, data: { visibility: "PUBLIC" } });
    expect(await visitor.caller.notebook.syncToken({ id })).toMatchObject({ role: "VIEWER", readOnly: true });
  });

  it("refuses strangers, deleted notebooks and anonymous callers", async () => {
    const owner = await signUp("Owner");
    const { id } = await owner.caller.notebook.create({ title: "Private" });
    const stranger = await signUp("Stranger");
    expect((await rejection(stranger.caller.notebook.syncToken({ id }))).code).toBe("NOT_FOUND");
    expect((await rejection(anonymous().notebook.syncToken({ id }))).code).toBe("UNAUTHORIZED");
    await owner.caller.notebook.delete({ id });
    expect((await rejection(owner.caller.notebook.syncToken({ id }))).code).toBe("NOT_FOUND");
  });
});
