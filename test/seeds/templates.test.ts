import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseNotebookFile } from "@crux/notebook";
import { describe, expect, it } from "vitest";
import { templatesDir } from "./evaluate";

const files = readdirSync(templatesDir).filter((file) => file.endsWith(".crux.json"));

describe("template notebooks", () => {
  // Exactly the files authors-numbers.test.ts evaluates (each with its no-error-cells check), so none goes unchecked.
  it("are the notebooks of the modelled essays", () => {
    expect(files.sort()).toEqual([
      "000-compounding-productivity.crux.json",
      "001-davidson-returns-to-software.crux.json",
      "001-software-only-singularity.crux.json",
      "002-overhangs-and-pausing.crux.json",
      "003-takeoff-story-timeline.crux.json",
      "004-first-year-after-automation.crux.json",
    ]);
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
});
