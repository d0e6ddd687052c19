import { CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { EditorState } from "@codemirror/state";
import { builtinCatalog } from "@crux/engine";
import { describe, expect, it } from "vitest";
import { cruxCompletionSource, cruxEditorExtensions } from "../src";

/** Completes at the `|` in `source`, with these cell names. */
function complete(source: string, names: string[] = [], explicit = false): CompletionResult | null {
  const pos = source.indexOf("|");
  const state = EditorState.create({
    doc: source.replace("|", ""),
    extensions: cruxEditorExtensions({ names: () => names, error: () => null }),
  });
  return cruxCompletionSource(new CompletionContext(state, pos, explicit)) as CompletionResult | null;
}

const labels = (result: CompletionResult | null) => result?.options.map((option) => option.label) ?? [];

describe("cruxCompletionSource", () => {
  it("offers cell names, the cell's own definitions, built-ins and keywords for a name being typed", () => {
    const result = complete("years = 10\ngrow(t) = t * 2\nnorm|", ["growth_rate", "takeoff"]);
    expect(result?.from).toBe(27);
    const offered = labels(result);
    expect(offered).toEqual(
      expect.arrayContaining(["growth_rate", "takeoff", "years", "grow", "normal", "lognormal", "to"]),
    );
    expect(offered).not.toContain("t");
    expect(offered).toContain("Sim");
    expect(offered).not.toContain("Sim.ode");
    expect(offered).not.toContain("ode");
    const cell = result?.options.find((option) => option.label === "takeoff");
    expect(cell).toMatchObject({ type: "variable", detail: "cell" });
  });

  it("gives each built-in its signature and doc as info", () => {
    const normal = complete("norm|")?.options.find((option) => option.label === "normal");
    const entry = builtinCatalog().find((candidate) => candidate.name === "normal");
    expect(entry?.doc).not.toBe("");
    expect(normal).toMatchObject({
      type: "function",
      detail: "(mean, stdev)",
      info: `${entry?.signature}\n${entry?.doc}`,
    });
    expect(complete("Sim|")?.options.find((option) => option.label === "Sim")?.type).toBe("namespace");
  });

  it("completes namespace members after the dot, from just after it", () => {
    const result = complete("x = Sim.|");
    expect(result?.from).toBe(8);
    expect(labels(result)).toEqual(["ode"]);
    expect(result?.options[0]?.info).toContain("Sim.ode(");
    const list = complete("List.ma|");
    expect(list?.from).toBe(5);
    const expected = builtinCatalog()
      .filter((entry) => entry.name.startsWith("List."))
      .map((entry) => entry.name.slice(5));
    expect(labels(list)).toEqual(expected);
    expect(labels(list)).toContain("map");
    expect(list?.validFor).toBeInstanceOf(RegExp);
  });

  it("offers nothing after the dot of something that is not a namespace", () => {
    expect(complete("r.|", ["r"])).toBeNull();
    expect(complete("a.b.|", ["a"])).toBeNull();
  });

  it("does not mistake number suffixes and exponents for names", () => {
    expect(complete("2.5k|")).toBeNull();
    expect(complete("1e|")).toBeNull();
  });

  it("stays quiet in comments and strings", () => {
    expect(complete("x // norm|")).toBeNull();
    expect(complete('"norm|')).toBeNull();
    expect(complete("/* norm| */ 1")).toBeNull();
  });

  it("completes everything on an explicit request with no name typed, and nothing on an implicit one", () => {
    expect(complete("1 + |")).toBeNull();
    const explicit = complete("1 + |", ["r"], true);
    expect(explicit?.from).toBe(4);
    expect(labels(explicit)).toEqual(expect.arrayContaining(["r", "normal", "Math", "if"]));
  });

  it("lists a name once even when a cell and a built-in share it", () => {
    const offered = labels(complete("me|", ["mean"]));
    expect(offered.filter((label) => label === "mean")).toHaveLength(1);
  });
});
