import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma, rejection, signUp, validFile } from "./fixtures";

const sourcesOf = (cells: { kind: string; text?: unknown; expr?: unknown }[]) =>
  cells.map((cell) => (cell.kind === "text" ? cell.text : cell.expr));

describe("creating and reading notebooks", () => {
  it("creates a blank notebook with no cells (the editor offers templates) and its owner membership", async () => {
    const { caller, user } = await signUp();
    const { id } = await caller.notebook.create({ title: "  My notebook  " });
    const notebook = await caller.notebook.get({ id });
    expect(notebook).toMatchObject({
      id,
      title: "My notebook",
      role: "OWNER",
      ownerName: "Ada",
      visibility: "PRIVATE",
    });
    expect(notebook.createdAt).toBeInstanceOf(Date);
    expect(notebook.notebook).toMatchObject({ format: "crux.notebook/1", title: "My notebook" });
    expect(notebook.notebook.cells).toEqual([]);
    // Seeded once: one Yjs update row, one owner membership.
    expect(await prisma.notebookUpdate.count({ where: { notebookId: id } })).toBe(1);
    expect(await prisma.notebookMember.findMany({ where: { notebookId: id } })).toEqual([
      expect.objectContaining({ userId: user.id, role: "OWNER" }),
    ]);
  });

  it("imports a file under its own title, lists it, and exports the same cells and settings", async () => {
    const { caller } = await signUp();
    const { id, title } = await caller.notebook.importFile({ file: validFile });
    expect(title).toBe("Takeoff");
    expect(await caller.notebook.list()).toEqual([
      { id, title: "Takeoff", ownerName: "Ada", role: "OWNER", updatedAt: expect.any(Date) },
    ]);
    const exported = await caller.notebook.exportFile({ id });
    expect(exported).toMatchObject({
      format: "crux.notebook/1",
      title: "Takeoff",
      settings: { samples: 2000, seed: 5 },
    });
    expect(sourcesOf(exported.cells)).toEqual(sourcesOf(validFile.cells));
    expect(exported.cells.map((cell) => cell.id)).toEqual(["cell1", "r", "fooms"]);
  });

  it("lists mine and those shared with me, with my role, most recently changed first", async () => {
    const me = await signUp("Me");
    const colleague = await signUp("Colleague");
    const mine = await me.caller.notebook.create({ title: "Mine" });
    const theirs = await colleague.caller.notebook.create({ title: "Theirs" });
    await prisma.notebookMember.create({
      data: { notebookId: theirs.id, userId: me.user.id, role: "COMMENTER" },
    });
    expect(await me.caller.notebook.list()).toEqual([
      expect.objectContaining({ id: theirs.id, ownerName: "Colleague", role: "COMMENTER" }),
      expect.objectContaining({ id: mine.id, ownerName: "Me", role: "OWNER" }),
    ]);
  });
});

describe("validation", () => {
  it("names the wrong field of a malformed import and saves nothing", async () => {
    const { caller, user } = await signUp();
    const broken = {
      ...validFile,
      cells: [...validFile.cells, { kind: "parameter", name: "Bad name", expr: "1" }],
    };
    const error = await rejection(caller.notebook.importFile({ file: broken }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe(
      "not a valid crux.notebook/1 file: cells[3].name: must match [a-z_][A-Za-z0-9_]*",
    );
    expect(await prisma.notebook.count({ where: { ownerId: user.id } })).toBe(0);
  });

  it("refuses an imported title that no typed title could have", async () => {
    const { caller } = await signUp();
    const error = await rejection(
      caller.notebook.importFile({ file: { ...validFile, title: "two\nlines" } }),
    );
    expect(error.message).toBe(
      "not a valid crux.notebook/1 file: title: must not contain control characters such as line breaks",
    );
  });

  it("gives clear messages for empty and 10,000-character titles, on create and on rename", async () => {
    const { caller } = await signUp();
    const { id } = await caller.notebook.create({ title: "Draft" });
    for (const call of [
      () => caller.notebook.create({ title: "   " }),
      () => caller.notebook.rename({ id, title: "" }),
    ]) {
      const error = await rejection(call());
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toBe("title: must not be empty");
    }
    const tooLong = "x".repeat(10_000);
    for (const call of [
      () => caller.notebook.create({ title: tooLong }),
      () => caller.notebook.rename({ id, title: tooLong }),
    ]) {
      expect((await rejection(call())).message).toBe("title: must be at most 200 characters");
    }
    expect((await caller.notebook.get({ id })).title).toBe("Draft");
  });
});

describe("changing notebooks", () => {
  it("renames: the title changes in get, list and export", async () => {
    const { caller } = await signUp();
    const { id } = await caller.notebook.create({ title: "Draft" });
    expect(await caller.notebook.rename({ id, title: " Final " })).toEqual({ id, title: "Final" });
    expect((await caller.notebook.get({ id })).title).toBe("Final");
    expect((await caller.notebook.list())[0]?.title).toBe("Final");
    expect((await caller.notebook.exportFile({ id })).title).toBe("Final");
  });

  it("soft-deletes: the notebook disappears from lists and reads, its rows remain", async () => {
    const { caller } = await signUp();
    const { id } = await caller.notebook.create({ title: "Doomed" });
    expect(await caller.notebook.delete({ id })).toEqual({ id });
    expect(await caller.notebook.list()).toEqual([]);
    expect((await rejection(caller.notebook.get({ id }))).code).toBe("NOT_FOUND");
    expect((await rejection(caller.notebook.delete({ id }))).code).toBe("NOT_FOUND");
    expect(await prisma.notebook.findUnique({ where: { id } })).toMatchObject({
      deletedAt: expect.any(Date),
    });
  });

  it("saves nothing when creation fails after the notebook row was written", async () => {
    const { caller, user } = await signUp();
    const title = `Refused ${randomUUID()}`;
    // A real failure inside the transaction: PostgreSQL refuses the seed row of this one notebook.
    const removeRefusal = await refuseDocumentSeedFor(title);
    try {
      const error = await rejection(caller.notebook.importFile({ file: { ...validFile, title } }));
      expect(error.code).toBe("INTERNAL_SERVER_ERROR");
    } finally {
      await removeRefusal();
    }
    expect(await prisma.notebook.count({ where: { ownerId: user.id } })).toBe(0);
    expect(await prisma.notebookMember.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("authorisation", () => {
  it("hides a private notebook from another user: 404, not 403, for every procedure", async () => {
    const owner = await signUp("Owner");
    const stranger = await signUp("Stranger");
    const { id } = await owner.caller.notebook.importFile({ file: validFile });
    const attempts = [
      () => stranger.caller.notebook.get({ id }),
      () => stranger.caller.notebook.exportFile({ id }),
      () => stranger.caller.notebook.rename({ id, title: "Mine now" }),
      () => stranger.caller.notebook.delete({ id }),
    ];
    for (const attempt of attempts) {
      const error = await rejection(attempt());
      expect(error.code).toBe("NOT_FOUND");
      expect(error.message).toBe("notebook not found");
    }
    expect(await stranger.caller.notebook.list()).toEqual([]);
    expect((await owner.caller.notebook.get({ id })).title).toBe("Takeoff");
  });

  it("answers a nonexistent notebook exactly as a hidden one", async () => {
    const { caller } = await signUp();
    const error = await rejection(caller.notebook.get({ id: "no-such-notebook" }));
    expect([error.code, error.message]).toEqual(["NOT_FOUND", "notebook not found"]);
  });

  it("shows a public notebook to anyone signed in, as a viewer who may not change it", async () => {
    const owner = await signUp("Owner");
    const reader = await signUp("Reader");
    const { id } = await owner.caller.notebook.create({ title: "Open" });
    await prisma.notebook.update({ where: { id }, data: { visibility: "PUBLIC" } });
    expect(await reader.caller.notebook.get({ id })).toMatchObject({
      title: "Open",
      role: "VIEWER",
      ownerName: "Owner",
    });
    expect((await reader.caller.notebook.exportFile({ id })).title).toBe("Open");
    expect((await rejection(reader.caller.notebook.rename({ id, title: "Taken" }))).code).toBe("FORBIDDEN");
    expect(await reader.caller.notebook.list()).toEqual([]);
  });

  it("lets a viewer read but not rename, an editor rename, and only the owner delete", async () => {
    const owner = await signUp("Owner");
    const viewer = await signUp("Viewer");
    const editor = await signUp("Editor");
    const { id } = await owner.caller.notebook.create({ title: "Shared" });
    await prisma.notebookMember.createMany({
      data: [
        { notebookId: id, userId: viewer.user.id, role: "VIEWER" },
        { notebookId: id, userId: editor.user.id, role: "EDITOR" },
      ],
    });
    expect((await viewer.caller.notebook.get({ id })).role).toBe("VIEWER");
    const renameError = await rejection(viewer.caller.notebook.rename({ id, title: "No" }));
    expect([renameError.code, renameError.message]).toEqual([
      "FORBIDDEN",
      "this needs editor access to the notebook, and you are a viewer",
    ]);
    await editor.caller.notebook.rename({ id, title: "Edited" });
    const deleteError = await rejection(editor.caller.notebook.delete({ id }));
    expect([deleteError.code, deleteError.message]).toEqual([
      "FORBIDDEN",
      "this needs owner access to the notebook, and you are an editor",
    ]);
    expect((await owner.caller.notebook.get({ id })).title).toBe("Edited");
  });
});

/**
 * Installs a trigger that makes PostgreSQL reject the Yjs seed row of the notebook with this title (and no other,
 * so parallel tests are unaffected). Returns the function that removes it.
 */
async function refuseDocumentSeedFor(title: string): Promise<() => Promise<void>> {
  const name = `crux_test_refuse_${randomUUID().replaceAll("-", "")}`;
  const literal = `'${title.replaceAll("'", "''")}'`;
  await prisma.$executeRawUnsafe(`
    CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM notebook WHERE id = NEW."notebookId" AND title = ${literal}) THEN
        RAISE EXCEPTION 'seed refused by the test';
      END IF;
      RETURN NEW;
    END $$`);
  await prisma.$executeRawUnsafe(
    `CREATE TRIGGER ${name} BEFORE INSERT ON notebook_update FOR EACH ROW EXECUTE FUNCTION ${name}()`,
  );
  return async () => {
    await prisma.$executeRawUnsafe(`DROP TRIGGER ${name} ON notebook_update`);
    await prisma.$executeRawUnsafe(`DROP FUNCTION ${name}()`);
  };
}
