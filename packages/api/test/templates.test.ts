import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { applyNotebookFileToDoc, notebookFromDoc, parseNotebookFile } from "@crux/notebook";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { anonymous, rejection, signUp } from "./fixtures";

const templatesDir = path.resolve(import.meta.dirname, "../../../prisma/templates");

describe("seed-model templates", () => {
  it("lists every template file in prisma/templates with its title and cell counts", async () => {
    const { caller } = await signUp();
    const files = (await readdir(templatesDir)).filter((name) => name.endsWith(".crux.json"));
    const listed = await caller.notebook.templates();
    expect(listed.map((template) => `${template.id}.crux.json`).sort()).toEqual(files.sort());
    for (const template of listed) {
      const json = JSON.parse(await readFile(path.join(templatesDir, `${template.id}.crux.json`), "utf8"));
      const cells = json.cells as { kind: string }[];
      expect(template).toEqual({
        id: template.id,
        title: json.title,
        parameters: cells.filter((cell) => cell.kind === "parameter").length,
        models: cells.filter((cell) => cell.kind === "model").length,
      });
    }
  });

  it("returns a template's whole file, which imports into an empty document unchanged", async () => {
    const { caller } = await signUp();
    const [first] = await caller.notebook.templates();
    if (!first) throw new Error("no templates");
    const file = await caller.notebook.template({ id: first.id });
    const json = JSON.parse(await readFile(path.join(templatesDir, `${first.id}.crux.json`), "utf8"));
    const expected = parseNotebookFile(json);
    expect(expected.ok && file).toEqual(expected.ok && expected.notebook);

    const doc = new Y.Doc();
    applyNotebookFileToDoc(doc, file);
    expect(notebookFromDoc(doc)).toEqual(file);
  });

  it("refuses an unknown template and a signed-out caller", async () => {
    const { caller } = await signUp();
    const unknown = await rejection(caller.notebook.template({ id: "no-such-template" }));
    expect(unknown).toMatchObject({ code: "NOT_FOUND", message: 'there is no template "no-such-template"' });
    expect((await rejection(anonymous().notebook.templates())).code).toBe("UNAUTHORIZED");
  });
});
