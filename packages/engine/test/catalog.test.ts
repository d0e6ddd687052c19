import { describe, expect, it } from "vitest";
import { builtinCatalog } from "../src";
import { documentedNames } from "../src/catalog";
import { run } from "./helpers";

describe("builtinCatalog", () => {
  const catalog = builtinCatalog();
  const names = catalog.map((entry) => entry.name);

  it("lists the language's distributions, summaries and namespace members", () => {
    for (const name of ["normal", "lognormal", "loguniform", "P", "Sim.ode", "List.map"])
      expect(names).toContain(name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("documents every entry the stdlib registers, with a signature naming it", () => {
    const undocumented = catalog.filter((entry) => entry.doc === "").map((entry) => entry.name);
    expect(undocumented).toEqual([]);
    for (const entry of catalog) {
      expect(entry.signature.startsWith(entry.name)).toBe(true);
      expect(entry.doc).not.toContain("\n");
    }
  });

  it("documents no name that the stdlib does not register", () => {
    expect(documentedNames().filter((name) => !names.includes(name))).toEqual([]);
  });

  it("has every name resolve in the evaluator", () => {
    const cells = Object.fromEntries(names.map((name, i) => [`c${i}`, name]));
    const summaryOf = run(cells, { samples: 10 });
    const failures = names.filter((_, i) => summaryOf(`c${i}`).type === "error");
    expect(failures).toEqual([]);
  });
});
