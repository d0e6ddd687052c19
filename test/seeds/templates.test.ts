import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseNotebookFile } from "@crux/notebook";
import { describe, expect, it } from "vitest";
import { evaluateTemplate, templatesDir } from "./evaluate";

const files = readdirSync(templatesDir).filter((file) => file.endsWith(".crux.json"));

describe("template notebooks", () => {
  it("include a notebook for each modelled essay", () => {
    expect(files.map((file) => file.slice(0, 3)).sort()).toEqual(["000", "001", "001", "002", "004"]);
  });

  it.each(files)("%s is a valid crux.notebook/1 file whose text quotes its source", (file) => {
    const result = parseNotebookFile(JSON.parse(readFileSync(path.join(templatesDir, file), "utf8")));
    if (!result.ok) throw new Error(result.error);
    const text = result.notebook.cells
      .flatMap((cell) => (cell.kind === "text" ? [cell.text] : []))
      .join("\n");
    expect(text).toMatch(/Source: `\d{3}_[0-9a-f]{16}\.txt`/);
    expect(text).toContain('*"');
  });

  it.each(files)("%s evaluates with no error cells", async (file) => {
    const cells = await evaluateTemplate(file);
    const errors = Object.entries(cells).filter(([, cell]) => cell.type === "error");
    expect(errors).toEqual([]);
  });
});
