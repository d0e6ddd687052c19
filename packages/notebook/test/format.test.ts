import { describe, expect, it } from "vitest";
import { engineCellsFromFile, parseNotebookFile, parseNotebookText } from "../src";

const valid = {
  format: "crux.notebook/1",
  title: "Software-only singularity",
  cells: [
    { kind: "text", text: "Why we think **r > 1**" },
    { kind: "parameter", name: "r", expr: "0.4 to 3.6", unit: "doublings", author: "tom" },
    { kind: "model", name: "fooms", expr: "P(r > 1)", comments: [{ by: "ann", text: "why 3.6?" }] },
    { kind: "model", expr: "r * 2" },
  ],
};

function errorOf(input: unknown): string {
  const result = parseNotebookFile(input);
  if (result.ok) throw new Error("expected a refusal");
  return result.error;
}

describe("parseNotebookFile", () => {
  it("accepts a valid file, fills default settings and keeps unknown fields", () => {
    const result = parseNotebookFile(valid);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.notebook.settings).toEqual({ samples: 10000, seed: 1 });
    expect(result.notebook.cells[1]).toMatchObject({ name: "r", author: "tom" });
    expect(result.notebook.cells[2]).toMatchObject({ comments: [{ by: "ann", text: "why 3.6?" }] });
  });

  it("gives named cells their name as id and the others cell<position>", () => {
    const result = parseNotebookFile(valid);
    expect(result.ok && result.notebook.cells.map((cell) => cell.id)).toEqual([
      "cell1",
      "r",
      "fooms",
      "cell4",
    ]);
  });

  it("keeps given ids and avoids them when generating", () => {
    const result = parseNotebookFile({
      ...valid,
      cells: [
        { kind: "model", id: "cell2", expr: "1" },
        { kind: "model", expr: "2" },
      ],
    });
    expect(result.ok && result.notebook.cells.map((cell) => cell.id)).toEqual(["cell2", "cell2_2"]);
  });

  it.each([
    [{ ...valid, format: "crux.notebook/2" }, 'format: must be "crux.notebook/1"'],
    [{ cells: [] }, 'format: must be "crux.notebook/1"'],
    [{ ...valid, cells: undefined }, "cells: is required"],
    [{ ...valid, settings: { samples: 2_000_000 } }, "settings.samples: must be at most 1000000"],
    [{ ...valid, settings: { seed: 1.5 } }, "settings.seed: must be a whole number"],
    [{ ...valid, settings: { samples: 0 } }, "settings.samples: must be at least 1"],
    [{ ...valid, title: "  " }, "title: must not be empty"],
    [{ ...valid, cells: {} }, "cells: Invalid input: expected array, received object"],
    [{ ...valid, cells: [{ kind: "text", text: "a", id: "" }] }, "cells[0].id: must not be empty"],
    [
      {
        ...valid,
        cells: [
          { kind: "text", id: "x", text: "" },
          { kind: "text", id: "x", text: "" },
        ],
      },
      'cells[1].id: "x" is already used by cells[0]',
    ],
    [{ ...valid, cells: [{ kind: "chart" }] }, "cells[0].kind: must have kind text, parameter or model"],
    [{ ...valid, cells: [{ kind: "parameter", expr: "1" }] }, "cells[0].name: is required"],
    [
      { ...valid, cells: [{ kind: "parameter", name: "R", expr: "1" }] },
      "cells[0].name: must match [a-z_][A-Za-z0-9_]*",
    ],
    [
      { ...valid, cells: [{ kind: "model", name: "a", expr: 3 }] },
      "cells[0].expr: Invalid input: expected string, received number",
    ],
    [
      { ...valid, cells: [...valid.cells, { kind: "parameter", name: "r", expr: "2" }] },
      'cells[4].name: "r" is already used by cells[1]',
    ],
  ])("refuses %j with a message naming the field", (input, message) => {
    expect(errorOf(input)).toBe(message);
  });

  it("reports broken JSON as such", () => {
    const result = parseNotebookText("{ nope");
    expect(!result.ok && result.error).toMatch(/^not valid JSON: /);
  });
});

describe("engineCellsFromFile", () => {
  it("gives cells of an unparsed file their ids by the same rule", () => {
    const file = { format: "crux.notebook/1" as const, title: "t", settings: { samples: 1, seed: 1 } };
    const cells = engineCellsFromFile({ ...file, cells: [{ kind: "model", expr: "1" }] });
    expect(cells).toEqual([{ id: "cell1", source: "1", kind: "model" }]);
  });

  it("turns parameter and model cells into engine inputs, skipping text", () => {
    const result = parseNotebookFile(valid);
    if (!result.ok) throw new Error(result.error);
    expect(engineCellsFromFile(result.notebook)).toEqual([
      { id: "r", name: "r", source: "0.4 to 3.6", kind: "parameter" },
      { id: "fooms", name: "fooms", source: "P(r > 1)", kind: "model" },
      { id: "cell4", source: "r * 2", kind: "model" },
    ]);
  });
});
