import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { anonymous, auth, db, signUp, validFile } from "./fixtures";

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error;
}

describe("accounts", () => {
  it("signs up with a display name and a presence colour, and resolves the session from the cookie", async () => {
    const { context } = await signUp("Grace");
    expect(context.user).toMatchObject({ name: "Grace", color: expect.stringMatching(/^#[0-9a-f]{6}$/) });
  });

  it("stores only a hash of the password", async () => {
    const { user } = await signUp("Hash");
    const account = await db.account.findFirstOrThrow({ where: { userId: user.id } });
    expect(account.password).not.toContain("correct horse battery");
  });

  it("refuses a wrong password", async () => {
    const { user } = await signUp("Wrong");
    await expect(
      auth.api.signInEmail({ body: { email: user.email, password: "not the password" } }),
    ).rejects.toThrow(/invalid email or password/i);
  });

  it("refuses notebook procedures without a session", async () => {
    expect((await rejection(anonymous().notebook.list())).code).toBe("UNAUTHORIZED");
  });
});

describe("notebooks", () => {
  it("creates a blank notebook that teaches what to do", async () => {
    const { caller } = await signUp();
    const { id } = await caller.notebook.create({ title: "  My notebook  " });
    const notebook = await caller.notebook.get({ id });
    expect(notebook).toMatchObject({ title: "My notebook", role: "OWNER", ownerName: "Ada" });
    expect(notebook.notebook.cells).toHaveLength(1);
    expect(notebook.notebook.cells[0]).toMatchObject({
      kind: "text",
      text: expect.stringContaining("parameter"),
    });
  });

  it("imports a file, lists it, and exports the same cells", async () => {
    const { caller } = await signUp();
    const { id } = await caller.notebook.importFile({ file: validFile });
    expect(await caller.notebook.list()).toEqual([
      expect.objectContaining({ id, title: "Takeoff", ownerName: "Ada", role: "OWNER" }),
    ]);
    const exported = await caller.notebook.exportFile({ id });
    expect(exported.settings).toEqual({ samples: 2000, seed: 5 });
    expect(exported.cells.map((cell) => (cell.kind === "text" ? cell.text : cell.expr))).toEqual([
      "Why **r > 1**",
      "0.4 to 3.6",
      "P(r > 1)",
    ]);
  });

  it("names the wrong field of a malformed import and saves nothing", async () => {
    const { caller, user } = await signUp();
    const broken = { ...validFile, cells: [{ kind: "parameter", name: "R", expr: "1" }] };
    const error = await rejection(caller.notebook.importFile({ file: broken }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe(
      "not a valid crux.notebook/1 file: cells[0].name: must match [a-z_][A-Za-z0-9_]*",
    );
    expect(await db.notebook.count({ where: { ownerId: user.id } })).toBe(0);
  });

  it("renames with clear messages for empty and overlong titles", async () => {
    const { caller } = await signUp();
    const { id } = await caller.notebook.create({ title: "Draft" });
    await caller.notebook.rename({ id, title: "Final" });
    expect((await caller.notebook.get({ id })).title).toBe("Final");
    const empty = await rejection(caller.notebook.rename({ id, title: "   " }));
    expect(empty.code).toBe("BAD_REQUEST");
    expect(empty.message).toBe("title: the title must not be empty");
    const long = await rejection(caller.notebook.create({ title: "x".repeat(10_000) }));
    expect(long.message).toBe("title: the title must be at most 200 characters");
  });

  it("soft-deletes: the notebook disappears from lists and reads, its rows remain", async () => {
    const { caller } = await signUp();
    const { id } = await caller.notebook.create({ title: "Doomed" });
    await caller.notebook.delete({ id });
    expect(await caller.notebook.list()).toEqual([]);
    expect((await rejection(caller.notebook.get({ id }))).code).toBe("NOT_FOUND");
    expect(await db.notebook.findUnique({ where: { id } })).toMatchObject({ deletedAt: expect.any(Date) });
  });

  it("hides a private notebook from another user: 404, not 403, for every procedure", async () => {
    const owner = await signUp("Owner");
    const stranger = await signUp("Stranger");
    const { id } = await owner.caller.notebook.importFile({ file: validFile });
    for (const call of [
      stranger.caller.notebook.get({ id }),
      stranger.caller.notebook.exportFile({ id }),
      stranger.caller.notebook.rename({ id, title: "Mine now" }),
      stranger.caller.notebook.delete({ id }),
    ]) {
      expect((await rejection(call)).code).toBe("NOT_FOUND");
    }
    expect(await stranger.caller.notebook.list()).toEqual([]);
  });

  it("lets a viewer read but not rename, and only the owner delete", async () => {
    const owner = await signUp("Owner");
    const viewer = await signUp("Viewer");
    const editor = await signUp("Editor");
    const { id } = await owner.caller.notebook.create({ title: "Shared" });
    await db.notebookMember.createMany({
      data: [
        { notebookId: id, userId: viewer.user.id, role: "VIEWER" },
        { notebookId: id, userId: editor.user.id, role: "EDITOR" },
      ],
    });
    expect((await viewer.caller.notebook.get({ id })).role).toBe("VIEWER");
    const renameError = await rejection(viewer.caller.notebook.rename({ id, title: "No" }));
    expect(renameError.code).toBe("FORBIDDEN");
    await editor.caller.notebook.rename({ id, title: "Edited" });
    expect((await rejection(editor.caller.notebook.delete({ id }))).code).toBe("FORBIDDEN");
    expect((await owner.caller.notebook.get({ id })).title).toBe("Edited");
  });
});
