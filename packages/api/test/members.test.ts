import { describe, expect, it } from "vitest";
import { prisma, rejection, signUp } from "./fixtures";

/** An owner with a notebook, and a colleague who is not (yet) a member. */
async function ownerAndColleague() {
  const owner = await signUp("Olive");
  const colleague = await signUp("Cole");
  const { id: notebookId } = await owner.caller.notebook.create({ title: "Shared" });
  return { owner, colleague, notebookId };
}

describe("adding members by email", () => {
  it("adds a colleague with a role, whatever the case of the email, and they then see the notebook", async () => {
    const { owner, colleague, notebookId } = await ownerAndColleague();
    const added = await owner.caller.members.add({
      notebookId,
      email: `  ${colleague.user.email.toUpperCase()} `,
      role: "EDITOR",
    });
    expect(added).toEqual({
      userId: colleague.user.id,
      name: "Cole",
      email: colleague.user.email,
      role: "EDITOR",
    });
    expect(await colleague.caller.notebook.list()).toEqual([
      expect.objectContaining({ id: notebookId, ownerName: "Olive", role: "EDITOR" }),
    ]);
    expect((await colleague.caller.notebook.get({ id: notebookId })).role).toBe("EDITOR");
  });

  it("changes the role of someone added again instead of adding them twice", async () => {
    const { owner, colleague, notebookId } = await ownerAndColleague();
    await owner.caller.members.add({ notebookId, email: colleague.user.email, role: "EDITOR" });
    await owner.caller.members.add({ notebookId, email: colleague.user.email, role: "VIEWER" });
    expect(
      await prisma.notebookMember.findMany({ where: { notebookId, userId: colleague.user.id } }),
    ).toEqual([expect.objectContaining({ role: "VIEWER" })]);
  });

  it("says so when no account uses the email, and adds no one", async () => {
    const { owner, notebookId } = await ownerAndColleague();
    const error = await rejection(
      owner.caller.members.add({ notebookId, email: "nobody@example.test", role: "VIEWER" }),
    );
    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).toBe("no Crux account uses that email");
    expect(await prisma.notebookMember.count({ where: { notebookId } })).toBe(1);
  });

  it("names the wrong field of a malformed email or role", async () => {
    const { owner, colleague, notebookId } = await ownerAndColleague();
    const badEmail = await rejection(owner.caller.members.add({ notebookId, email: "cole", role: "VIEWER" }));
    expect(badEmail.code).toBe("BAD_REQUEST");
    expect(badEmail.message).toBe("email: must be an email address such as ada@example.com");
    const owners = await rejection(
      // @ts-expect-error ownership is not a role one can give
      owner.caller.members.add({ notebookId, email: colleague.user.email, role: "OWNER" }),
    );
    expect(owners.message).toBe("role: must be EDITOR, COMMENTER or VIEWER");
  });

  it("refuses anyone but the owner, even an editor, and hides a private notebook from strangers", async () => {
    const { owner, colleague, notebookId } = await ownerAndColleague();
    const stranger = await signUp("Stranger");
    await owner.caller.members.add({ notebookId, email: colleague.user.email, role: "EDITOR" });
    const byEditor = await rejection(
      colleague.caller.members.add({ notebookId, email: stranger.user.email, role: "VIEWER" }),
    );
    expect(byEditor.code).toBe("FORBIDDEN");
    expect(byEditor.message).toBe("this needs owner access to the notebook, and you are an editor");
    const byStranger = await rejection(
      stranger.caller.members.add({ notebookId, email: stranger.user.email, role: "EDITOR" }),
    );
    expect(byStranger.code).toBe("NOT_FOUND");
    expect(byStranger.message).toBe("notebook not found");
  });

  it("does not let the owner give themselves a lesser role by their own email", async () => {
    const { owner, notebookId } = await ownerAndColleague();
    const error = await rejection(
      owner.caller.members.add({ notebookId, email: owner.user.email, role: "VIEWER" }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/^the owner keeps the notebook/);
    expect((await owner.caller.notebook.get({ id: notebookId })).role).toBe("OWNER");
  });
});

describe("listing members", () => {
  it("shows everyone with their role, the owner first; emails only to the owner", async () => {
    const { owner, colleague, notebookId } = await ownerAndColleague();
    const viewer = await signUp("Avery");
    await owner.caller.members.add({ notebookId, email: colleague.user.email, role: "COMMENTER" });
    await owner.caller.members.add({ notebookId, email: viewer.user.email, role: "VIEWER" });

    expect(await owner.caller.members.list({ notebookId })).toEqual({
      visibility: "PRIVATE",
      yourRole: "OWNER",
      members: [
        { userId: owner.user.id, name: "Olive", email: owner.user.email, role: "OWNER" },
        { userId: viewer.user.id, name: "Avery", email: viewer.user.email, role: "VIEWER" },
        { userId: colleague.user.id, name: "Cole", email: colleague.user.email, role: "COMMENTER" },
      ],
    });
    const seenByViewer = await viewer.caller.members.list({ notebookId });
    expect(seenByViewer.yourRole).toBe("VIEWER");
    expect(seenByViewer.members.map(({ name, email, role }) => ({ name, email, role }))).toEqual([
      { name: "Olive", email: null, role: "OWNER" },
      { name: "Avery", email: null, role: "VIEWER" },
      { name: "Cole", email: null, role: "COMMENTER" },
    ]);
  });

  it("is not found for someone who cannot see the notebook", async () => {
    const { colleague, notebookId } = await ownerAndColleague();
    const error = await rejection(colleague.caller.members.list({ notebookId }));
    expect(error.code).toBe("NOT_FOUND");
  });
});

describe("changing roles", () => {
  it("lets the owner change a member's role, which the member's access follows", async () => {
    const { owner, colleague, notebookId } = await ownerAndColleague();
    await owner.caller.members.add({ notebookId, email: colleague.user.email, role: "EDITOR" });
    await colleague.caller.notebook.rename({ id: notebookId, title: "Renamed by an editor" });
    const changed = await owner.caller.members.setRole({
      notebookId,
      userId: colleague.user.id,
      role: "VIEWER",
    });
    expect(changed.role).toBe("VIEWER");
    const refused = await rejection(colleague.caller.notebook.rename({ id: notebookId, title: "Again" }));
    expect(refused.code).toBe("FORBIDDEN");
    expect((await colleague.caller.notebook.syncToken({ id: notebookId })).readOnly).toBe(true);
  });

  it("refuses to change the owner's role, a non-member's, or anyone's when not the owner", async () => {
    const { owner, colleague, notebookId } = await ownerAndColleague();
    const ownRole = await rejection(
      owner.caller.members.setRole({ notebookId, userId: owner.user.id, role: "EDITOR" }),
    );
    expect(ownRole.code).toBe("BAD_REQUEST");
    expect(ownRole.message).toBe(
      "the owner keeps the notebook: their role cannot be changed and they cannot be removed",
    );
    const notMember = await rejection(
      owner.caller.members.setRole({ notebookId, userId: colleague.user.id, role: "EDITOR" }),
    );
    expect(notMember.code).toBe("NOT_FOUND");
    expect(notMember.message).toBe("that person is not a member of this notebook");
    expect(await prisma.notebookMember.count({ where: { notebookId } })).toBe(1);

    await owner.caller.members.add({ notebookId, email: colleague.user.email, role: "EDITOR" });
    const byEditor = await rejection(
      colleague.caller.members.setRole({ notebookId, userId: colleague.user.id, role: "EDITOR" }),
    );
    expect(byEditor.code).toBe("FORBIDDEN");
    const demoteOwner = await rejection(
      colleague.caller.members.setRole({ notebookId, userId: owner.user.id, role: "VIEWER" }),
    );
    expect(demoteOwner.code).toBe("FORBIDDEN");
    expect((await owner.caller.notebook.get({ id: notebookId })).role).toBe("OWNER");
  });
});

describe("removing members and leaving", () => {
  it("lets the owner remove a member, who then no longer finds the notebook", async () => {
    const { owner, colleague, notebookId } = await ownerAndColleague();
    await owner.caller.members.add({ notebookId, email: colleague.user.email, role: "EDITOR" });
    expect(await owner.caller.members.remove({ notebookId, userId: colleague.user.id })).toEqual({
      notebookId,
      userId: colleague.user.id,
    });
    expect(await colleague.caller.notebook.list()).toEqual([]);
    expect((await rejection(colleague.caller.notebook.get({ id: notebookId }))).code).toBe("NOT_FOUND");
  });

  it("lets a member leave, but not remove someone else", async () => {
    const { owner, colleague, notebookId } = await ownerAndColleague();
    const other = await signUp("Other");
    await owner.caller.members.add({ notebookId, email: colleague.user.email, role: "VIEWER" });
    await owner.caller.members.add({ notebookId, email: other.user.email, role: "VIEWER" });
    const removeOther = await rejection(
      colleague.caller.members.remove({ notebookId, userId: other.user.id }),
    );
    expect(removeOther.code).toBe("FORBIDDEN");
    const removeOwner = await rejection(
      colleague.caller.members.remove({ notebookId, userId: owner.user.id }),
    );
    expect(removeOwner.code).toBe("FORBIDDEN");

    await colleague.caller.members.remove({ notebookId, userId: colleague.user.id });
    expect(await colleague.caller.notebook.list()).toEqual([]);
    expect((await owner.caller.members.list({ notebookId })).members.map((member) => member.name)).toEqual([
      "Olive",
      "Other",
    ]);
  });

  it("does not let the owner leave their own notebook", async () => {
    const { owner, notebookId } = await ownerAndColleague();
    const error = await rejection(owner.caller.members.remove({ notebookId, userId: owner.user.id }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/they cannot be removed$/);
    expect(await prisma.notebookMember.count({ where: { notebookId, userId: owner.user.id } })).toBe(1);
  });
});

describe("public notebooks", () => {
  it("lets any signed-in user with the link read a public notebook, as a viewer, until it is private again", async () => {
    const { owner, colleague, notebookId } = await ownerAndColleague();
    expect(await owner.caller.members.setVisibility({ notebookId, visibility: "PUBLIC" })).toEqual({
      notebookId,
      visibility: "PUBLIC",
    });
    const read = await colleague.caller.notebook.get({ id: notebookId });
    expect(read).toMatchObject({ role: "VIEWER", visibility: "PUBLIC" });
    expect((await colleague.caller.members.list({ notebookId })).yourRole).toBe("VIEWER");
    // Reading by link is not membership: it does not fill their list.
    expect(await colleague.caller.notebook.list()).toEqual([]);

    await owner.caller.members.setVisibility({ notebookId, visibility: "PRIVATE" });
    expect((await rejection(colleague.caller.notebook.get({ id: notebookId }))).code).toBe("NOT_FOUND");
  });

  it("lets only the owner change visibility", async () => {
    const { owner, colleague, notebookId } = await ownerAndColleague();
    await owner.caller.members.add({ notebookId, email: colleague.user.email, role: "EDITOR" });
    const error = await rejection(
      colleague.caller.members.setVisibility({ notebookId, visibility: "PUBLIC" }),
    );
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toBe("this needs owner access to the notebook, and you are an editor");
    const bad = await rejection(
      // @ts-expect-error not a visibility
      owner.caller.members.setVisibility({ notebookId, visibility: "UNLISTED" }),
    );
    expect(bad.message).toBe("visibility: must be PRIVATE or PUBLIC");
    expect((await owner.caller.notebook.get({ id: notebookId })).visibility).toBe("PRIVATE");
  });
});
